package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Recorder;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Watches a GAN learn, after every epoch: a grid of samples from the same fixed noise ({@code samples_NN.png} in the
 * run folder), so the epochs compare like for like, and the Fréchet distance between features of {@code nSamples}
 * fresh samples and of real images (when a feature extractor is given). One line per epoch on {@code out}.
 */
public final class GanMonitor implements Callback {
    /** Feature vectors {@code [N, d]} of images {@code [N, C, H, W]} in [-1, 1], in the images' manager. */
    @FunctionalInterface
    public interface Features {
        NDArray apply(NDArray images);
    }

    /** One epoch: mean losses of its critic and generator steps, the distance (NaN without features), seconds. */
    public record Row(int epoch, double criticLoss, double generatorLoss, double fd, double trainSeconds,
            double fdSeconds) {}

    private static final int BATCH = 500;
    private final GanTrainer trainer;
    private final NDArray fixedNoise;
    private final Features features;
    private final FrechetDistance.Gaussian real;
    private final int nSamples;
    private final int gridCols;
    private final PrintStream out;
    private final List<Row> rows = new ArrayList<>();

    /**
     * @param fixedNoise the noise of the sample grids, {@code [n, noiseSize]}; it must outlive the fit
     * @param features feature extractor for the distance, or null for grids only
     * @param real the real images' feature statistics ({@link #stats}), or null without features
     * @param nSamples generated images per distance (FID papers use 10,000 to 50,000; fewer samples bias
     *     the distance upwards, equally for every epoch of a run)
     */
    public GanMonitor(GanTrainer trainer, NDArray fixedNoise, Features features, FrechetDistance.Gaussian real,
            int nSamples, PrintStream out) {
        this.trainer = trainer;
        this.fixedNoise = fixedNoise;
        this.features = features;
        this.real = real;
        this.nSamples = nSamples;
        this.gridCols = (int) Math.ceil(Math.sqrt(fixedNoise.getShape().get(0)));
        this.out = out;
    }

    @Override
    public int order() {
        return Recorder.ORDER + 2; // after the recorder has closed the epoch's row and the trainer its loss means
    }

    @Override
    public void afterEpoch(Learner learn) {
        GanModule module = trainer.module();
        int epoch = rows.size() + 1;
        double trainSeconds = learn.recorder().last() != null ? learn.recorder().last().seconds() : Double.NaN;
        try (NDManager scratch = fixedNoise.getManager().newSubManager()) {
            NDArray z = fixedNoise.duplicate();
            z.attach(scratch);
            if (learn.run() != null) {
                SampleGrid.save(module.generate(z), gridCols, 2, learn.run().file(gridFile(epoch)));
            }
        }
        long t0 = System.nanoTime();
        double fd = features == null ? Double.NaN : FrechetDistance.distance(real, sampleStats(module));
        double fdSeconds = (System.nanoTime() - t0) / 1e9;
        List<Double> c = trainer.criticEpochLosses();
        List<Double> g = trainer.generatorEpochLosses();
        Row row = new Row(epoch, c.get(c.size() - 1), g.get(g.size() - 1), fd, trainSeconds, fdSeconds);
        rows.add(row);
        out.printf(Locale.ROOT, "epoch %d/%d  critic loss %.4f  generator loss %.4f  FD %.2f  (%.0f s training, %.0f s FD)%n",
                epoch, learn.nEpoch(), row.criticLoss(), row.generatorLoss(), fd, trainSeconds, fdSeconds);
    }

    /** The sample grid's file name after {@code epoch} (from 1). */
    public static String gridFile(int epoch) {
        return String.format(Locale.ROOT, "samples_%02d.png", epoch);
    }

    /** Feature statistics of {@code nSamples} new samples (engine-seeded noise, evaluation mode). */
    public FrechetDistance.Gaussian sampleStats(GanModule module) {
        float[] all = null;
        int d = 0;
        for (int done = 0; done < nSamples; done += BATCH) {
            int n = Math.min(BATCH, nSamples - done);
            try (NDManager scratch = fixedNoise.getManager().newSubManager()) {
                NDArray f = features.apply(module.generate(scratch.randomNormal(new Shape(n, module.noiseSize()))));
                d = (int) f.getShape().get(1);
                if (all == null) {
                    all = new float[nSamples * d];
                }
                System.arraycopy(f.toFloatArray(), 0, all, done * d, n * d);
            }
        }
        return FrechetDistance.Gaussian.of(all, nSamples, d);
    }

    /** Feature statistics of real images {@code [N, C, H, W]} in [-1, 1], in batches. */
    public static FrechetDistance.Gaussian stats(Features features, NDArray images) {
        int n = (int) images.getShape().get(0);
        float[] all = null;
        int d = 0;
        for (int done = 0; done < n; done += BATCH) {
            int k = Math.min(BATCH, n - done);
            try (NDManager scratch = images.getManager().newSubManager()) {
                NDArray batch = images.get(done + ":" + (done + k));
                batch.attach(scratch);
                NDArray f = features.apply(batch);
                d = (int) f.getShape().get(1);
                if (all == null) {
                    all = new float[n * d];
                }
                System.arraycopy(f.toFloatArray(), 0, all, done * d, k * d);
            }
        }
        return FrechetDistance.Gaussian.of(all, n, d);
    }

    public List<Row> rows() {
        return Collections.unmodifiableList(rows);
    }
}
