package ai.fastdjl.lesson04;

import picocli.CommandLine.Option;

/** The flags the lesson's GAN mains share (their defaults differ by main: see {@link GanExperiment.Spec}). */
public class GanOptions {

    @Option(names = "--noise", defaultValue = "100", description = "Length of the noise vector (DCGAN paper: 100).")
    public int noise = 100; // the same defaults without picocli (a notebook)

    @Option(names = "--generator-widths", split = ",", description = "Generator channels at side/4, side/2, side"
            + " (default 32,16,8; 64,32,16 with --full).")
    public int[] generatorWidths;

    @Option(names = "--critic-widths", split = ",", description = "Critic channels after each stride-2 convolution"
            + " (default 16,32,64; 32,64,128 with --full).")
    public int[] criticWidths;

    @Option(names = "--n-critic", description = "Critic steps per generator step (default: DCGAN 1, WGAN 5).")
    public Integer nCritic;

    @Option(names = "--clip", description = "WGAN weight-clipping bound, 0 for none (default: DCGAN 0, WGAN 0.01).")
    public Double clip;

    @Option(names = "--warmup", description = "Generator steps preceded by 100 critic steps each, and every 500th, as"
            + " the WGAN reference code does (25 there; default: DCGAN 0, WGAN 5, 25 with --full).")
    public Integer warmup;

    @Option(names = "--spectral-norm", description = "Spectrally normalise every critic convolution (Miyato et al."
            + " 2018) and drop the critic's BatchNorm.")
    public boolean spectralNorm;

    @Option(names = "--fd-samples", defaultValue = "5000", description = "Generated images per Fréchet distance"
            + " (default ${DEFAULT-VALUE}); 0 turns the distance off.")
    public int fdSamples = 5000;

    @Option(names = "--size", defaultValue = "28", description = "Image side for --data image folders (a multiple of 4;"
            + " Fashion-MNIST is 28).")
    public int size = 28;
}
