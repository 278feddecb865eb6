package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.style.PixelOptimizer;
import ai.fastdjl.style.StyleLoss;
import java.util.Arrays;

/** The two ways of repainting a photo that {@link FastStyleTransfer} times: one forward pass, or optimised pixels. */
final class Repaint {
    /** Forward passes timed; the median is quoted, one pass being too noisy on a shared machine. */
    static final int TIMINGS = 5;

    /**
     * A repainted image, the seconds it took, its loss terms (content, style) and total; for the optimisation also the
     * total after each evaluation (empty for the network).
     */
    record Done(NDArray image, double seconds, double content, double style, double total, double[] totals) {

        /**
         * Johnson et al.'s comparison: the optimisation steps after which its loss first reaches {@code total}
         * (e.g. the network's), or -1 if it never does.
         */
        int stepsToReach(double target) {
            for (int i = 0; i < totals.length; i++) {
                if (totals[i] <= target) {
                    return i + 1;
                }
            }
            return -1;
        }
    }

    private Repaint() {}

    /** The trained network's output for {@code photo}: median time of {@link #TIMINGS} forward passes. */
    static Done fast(Learner learn, StyleLoss loss, NDArray photo) {
        double[] times = new double[TIMINGS];
        NDArray out = null;
        for (int k = 0; k < TIMINGS; k++) {
            long t0 = System.nanoTime();
            out = learn.predict(new NDList(photo)).head();
            out.toFloatArray(); // wait for the result, as the optimisation waits for its loss values
            times[k] = (System.nanoTime() - t0) / 1e9;
        }
        StyleLoss.Terms t = loss.evaluate(out, photo);
        return new Done(out, Arrays.stream(times).sorted().toArray()[TIMINGS / 2], t.content(), t.style(),
                t.total().getFloat(), new double[0]);
    }

    /** Gatys et al.: Adam on the pixels from the photo, as the {@code StyleTransfer} main does by default. */
    static Done optimised(StyleLoss loss, NDArray photo, int steps, double lr) {
        PixelOptimizer opt = new PixelOptimizer(loss, s -> { });
        long t0 = System.nanoTime();
        NDArray image = opt.adam(photo.duplicate(), steps, lr);
        double seconds = (System.nanoTime() - t0) / 1e9;
        PixelOptimizer.Step end = opt.history().get(opt.history().size() - 1);
        return new Done(image, seconds, end.content(), end.style(), end.total(),
                opt.history().stream().mapToDouble(PixelOptimizer.Step::total).toArray());
    }
}
