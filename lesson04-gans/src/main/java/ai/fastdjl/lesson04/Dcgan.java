package ai.fastdjl.lesson04;

import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.gan.GanLoss;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.ParamGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 4 — DCGAN (Radford et al. 2016) as the course builds it: a generator of upsampling + convolution layers with
 * BatchNorm, a critic of strided convolutions with LeakyReLU, binary cross-entropy, one critic step per generator
 * step, Adam(lr 2e-4, β1 0.5), all on the shared Learner (a GanTrainer callback alternates the two). Measured: the
 * Fréchet distance of the samples to the real images falls each epoch, while the losses themselves say little about
 * it (the course: with a classic GAN "the loss curves mean nothing").
 */
@Command(name = "Dcgan", mixinStandardHelpOptions = true,
        description = "Lesson 4: DCGAN on Fashion-MNIST, with a Fréchet distance per epoch.")
public final class Dcgan {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    GanOptions gan = new GanOptions();

    /** DCGAN paper: Adam, lr 0.0002, β1 = 0.5 ("0.9 resulted in training oscillation and instability"); no decay. */
    public static final GanExperiment.Spec SPEC = GanExperiment.spec("Dcgan")
            .report("Lesson 4: DCGAN on Fashion-MNIST",
                    "DCGAN's generator (upsampling + convolution, BatchNorm) learns to produce recognisable clothes: the"
                            + " Fréchet distance to real images falls by at least half from the first epoch to the last,"
                            + " while its critic and generator losses do not track that progress.")
            // an optimal BCE critic's loss is log 2 - JSD(real, fake)
            .loss(GanLoss.bce(), "JS divergence estimate", loss -> Math.log(2) - loss)
            .optimizer(groups -> new Adam(betas(groups, 0.5, 0.999), false), 2e-4, 2e-4)
            .epochs(10, 150, 10)
            .build();

    static java.util.List<ParamGroup> betas(java.util.List<ParamGroup> groups, double beta1, double beta2) {
        for (ParamGroup g : groups) {
            g.set(Hyper.MOM, beta1).set(Hyper.SQR_MOM, beta2).set(Hyper.EPS, 1e-8).set(Hyper.WD, 0);
        }
        return groups;
    }

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static GanExperiment.Result run(String... args) {
        Dcgan o = new Dcgan();
        LessonRun run = LessonRun.start(o, args);
        return run == null ? null : GanExperiment.run(SPEC, run, o.gan);
    }
}
