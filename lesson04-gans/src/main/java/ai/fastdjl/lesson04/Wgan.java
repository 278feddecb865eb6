package ai.fastdjl.lesson04;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.gan.GanLoss;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.RmsProp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 4 — Wasserstein GAN (Arjovsky, Chintala &amp; Bottou 2017) with the paper's defaults: the same networks as
 * {@link Dcgan} (critic with BatchNorm, as the paper's DCGAN experiments and its reference code), no sigmoid, critic
 * weights clipped to ±0.01, 5 critic steps per generator step, RMSprop at lr 5e-5, batch 64. Measured: the critic's
 * Wasserstein estimate (minus its loss) falls with the Fréchet distance of the samples (the course: WGAN's "loss
 * curves finally mean something"), next to the same correlation for {@link Dcgan}.
 */
@Command(name = "Wgan", mixinStandardHelpOptions = true,
        description = "Lesson 4: Wasserstein GAN on Fashion-MNIST, with a Fréchet distance per epoch.")
public final class Wgan {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    GanOptions gan = new GanOptions();

    /** WGAN paper, Algorithm 1: α = 0.00005, c = 0.01, m = 64, n_critic = 5, RMSProp (momentum-free). */
    public static final GanExperiment.Spec SPEC = GanExperiment.spec("Wgan")
            .report("Lesson 4: Wasserstein GAN on Fashion-MNIST",
                    "With a Wasserstein critic the loss means something: the critic's estimate of the Wasserstein"
                            + " distance falls as the samples improve (positive correlation with the Fréchet distance"
                            + " over epochs), and the Fréchet distance falls by at least half from the first epoch to"
                            + " the last.")
            .loss(GanLoss.wasserstein(), "Wasserstein estimate", loss -> -loss)
            .optimizer(groups -> {
                groups.forEach(g -> g.set(Hyper.WD, 0));
                return new RmsProp(groups);
            }, 5e-4, 5e-5) // quick: 10x the paper's α (lesson04-gans/README.md says why)
            .critic(5, 0.01)
            .warmup(5, 25)
            .epochs(10, 200, 20)
            .build();

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static GanExperiment.Result run(String... args) {
        Wgan o = new Wgan();
        LessonRun run = LessonRun.start(o, args);
        return run == null ? null : GanExperiment.run(SPEC, run, o.gan);
    }
}
