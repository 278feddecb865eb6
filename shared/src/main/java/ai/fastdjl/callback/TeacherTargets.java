package ai.fastdjl.callback;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;

/**
 * Distillation with the teacher in the loop: before each training batch the teacher labels the very images the
 * student is about to see, after their augmentation, and the batch's labels become {@code [y, teacher logits]}, the
 * form {@link ai.fastdjl.loss.DistillationLoss} reads. Beyer et al. (2022, "Knowledge distillation: A good teacher
 * is patient and consistent") call it function matching: a teacher consistent on the student's inputs, and every
 * epoch new inputs, instead of a fixed table of logits on the training images, which a student can fit without
 * learning the teacher's function between them.
 *
 * <p>Costs one teacher forward (evaluation mode, no gradient) per training batch. Validation batches keep their
 * labels, so the validation loss stays plain cross-entropy.
 */
public class TeacherTargets implements Callback {
    private final Learner teacher;

    /** @param teacher a trained model's Learner, left open while the student trains; only its forward is used */
    public TeacherTargets(Learner teacher) {
        this.teacher = teacher;
    }

    /** After {@link ai.fastdjl.vision.Augment} (-10): the teacher must see the augmented images. */
    @Override
    public int order() {
        return -5;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (learn.training()) {
            // outside the gradient collector: the teacher's forward records nothing for the student's backward
            NDArray logits = teacher.predict(learn.xb()).head();
            logits.attach(learn.batchManager());
            learn.setYb(new NDList(learn.yb().head(), logits));
        }
    }
}
