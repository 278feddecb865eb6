package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.loss.Loss;
import ai.fastdjl.nd.Scalars;

/**
 * The two losses of a GAN in one {@link Loss}, chosen by what {@link GanModule} returned: two score arrays
 * {@code (critic(real), critic(fake))} in critic mode, one {@code critic(fake)} in generator mode. Labels are ignored.
 */
public abstract class GanLoss extends Loss {

    protected GanLoss(String name) {
        super(name);
    }

    /** The critic's loss from its scores of real and generated images. */
    protected abstract NDArray critic(NDArray real, NDArray fake);

    /** The generator's loss from the critic's scores of its images. */
    protected abstract NDArray generator(NDArray fake);

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        return predictions.size() == 2 ? critic(predictions.get(0), predictions.get(1)) : generator(predictions.head());
    }

    /**
     * DCGAN's (Goodfellow et al. 2014, Radford et al. 2016): binary cross-entropy on the critic's logits, real = 1 and
     * fake = 0, averaged as fastai's {@code gan_critic}; the generator minimises {@code BCE(critic(fake), 1)}, the
     * "non-saturating" loss of the GAN paper (its gradient does not vanish when the critic wins).
     */
    public static GanLoss bce() {
        return new GanLoss("gan_bce") {
            @Override
            protected NDArray critic(NDArray real, NDArray fake) {
                return Scalars.div(softplus(real.neg()).mean().add(softplus(fake).mean()), 2);
            }

            @Override
            protected NDArray generator(NDArray fake) {
                return softplus(fake.neg()).mean();
            }
        };
    }

    /**
     * WGAN's (Arjovsky, Chintala &amp; Bottou 2017): the critic maximises {@code mean(f(real)) - mean(f(fake))}, an
     * estimate of the Wasserstein-1 distance when {@code f} is Lipschitz (weight clipping), so it minimises the
     * negative; the generator minimises {@code -mean(f(fake))}. The critic's loss, negated, is the distance estimate
     * the paper plots.
     */
    public static GanLoss wasserstein() {
        return new GanLoss("wgan") {
            @Override
            protected NDArray critic(NDArray real, NDArray fake) {
                return fake.mean().sub(real.mean());
            }

            @Override
            protected NDArray generator(NDArray fake) {
                return fake.mean().neg();
            }
        };
    }

    /**
     * {@code log(1 + e^x)} without overflow: {@code max(x, 0) + log(1 + e^-|x|)}. BCE with logits is
     * {@code softplus(-x)} for target 1 and {@code softplus(x)} for target 0.
     */
    public static NDArray softplus(NDArray x) {
        return Scalars.maximum(x, 0).add(x.abs().neg().exp().add(1).log());
    }
}
