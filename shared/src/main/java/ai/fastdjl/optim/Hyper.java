package ai.fastdjl.optim;

/**
 * The hyper-parameters a {@link ParamGroup} carries, named as in fastai's optimizers so schedules read the same.
 * {@code MOM} is SGD's momentum, Adam's beta1 and RMSprop's momentum; {@code SQR_MOM} is Adam's beta2 and RMSprop's
 * alpha.
 */
public enum Hyper {
    LR,
    MOM,
    SQR_MOM,
    EPS,
    WD
}
