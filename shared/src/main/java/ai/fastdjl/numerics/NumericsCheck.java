package ai.fastdjl.numerics;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The op-level differential check: every {@link Kernels kernel} in float32 with 1 intra-op thread and with the
 * engine's thread count, against the same op in float64 (a different libtorch code path: oneDNN has no float64
 * convolution, so the reference is ATen's own), outputs and gradients alike. A result passes when its largest
 * absolute difference is at most {@link #TOLERANCE} of the reference's largest magnitude; NaN or infinity never
 * passes. Each float32 run repeats {@code reps} times because a faulty kernel can be right on one call and wrong on
 * the next (measured: oneDNN's backward-data with 8 output channels, right in 1 call of 4).
 */
public final class NumericsCheck {
    /**
     * Largest error allowed, relative to the reference's largest magnitude. Correct float32 kernels measured here
     * stay below 1.2e-5 (convolutions' weight gradients; the rest below 2e-6), while the faults found were 0.06 to
     * infinity: 1e-3 leaves a factor of 80 of margin on one side and 60 on the other.
     */
    public static final double TOLERANCE = 1e-3;

    /** Changes a kernel's float32 outputs: how tests prove the check fails on a broken kernel. */
    @FunctionalInterface
    public interface Fault {
        Fault NONE = (kernel, outputs) -> {};

        void corrupt(Kernel kernel, List<double[]> outputs);

        /** Scales the first output of the kernels whose name starts with {@code prefix} by 1.01 (a 1 % error). */
        static Fault scale(String prefix) {
            return (kernel, outputs) -> {
                if (kernel.name().startsWith(prefix)) {
                    double[] o = outputs.get(0);
                    for (int i = 0; i < o.length; i++) {
                        o[i] *= 1.01;
                    }
                }
            };
        }
    }

    /** One kernel's worst relative error per intra-op thread count (infinity for a non-finite value). */
    public record Result(Kernel kernel, Map<Integer, Double> errors) {
        public boolean ok() {
            return errors.values().stream().allMatch(e -> e <= TOLERANCE);
        }

        /** e.g. {@code conv2d 8->8 3x3 (oneDNN): error 7.1e-01 with 1 thread, inf with 2 threads} */
        public String describe() {
            return kernel.name() + " (" + kernel.library() + "): " + errorsText();
        }

        /** e.g. {@code error 7.1e-01 with 1 thread, inf with 2 threads} */
        public String errorsText() {
            StringBuilder s = new StringBuilder("error");
            String sep = " ";
            for (Map.Entry<Integer, Double> e : errors.entrySet()) {
                s.append(sep).append(format(e.getValue())).append(" with ").append(e.getKey())
                        .append(e.getKey() == 1 ? " thread" : " threads");
                sep = ", ";
            }
            return s.toString();
        }
    }

    /** All kernels' results. */
    public record Report(List<Result> results, double seconds) {
        public boolean ok() {
            return results.stream().allMatch(Result::ok);
        }

        public List<Result> failures() {
            return results.stream().filter(r -> !r.ok()).toList();
        }
    }

    private NumericsCheck() {}

    /** Checks every kernel at 1 thread and at the engine's current intra-op thread count, twice each. */
    public static Report run() {
        return run(Kernels.all(), 2, Fault.NONE);
    }

    public static Report run(List<Kernel> kernels, int reps, Fault fault) {
        Engine.getInstance(); // loads libtorch (and applies the CPU setting) before the first JNI call
        long start = System.nanoTime();
        int threads = JniUtils.getNumThreads();
        List<Result> results = new ArrayList<>();
        try {
            for (Kernel k : kernels) {
                JniUtils.setNumThreads(1);
                List<double[]> reference = evaluate(k, DataType.FLOAT64);
                Map<Integer, Double> errors = new LinkedHashMap<>();
                for (int t : threads == 1 ? new int[] {1} : new int[] {1, threads}) {
                    JniUtils.setNumThreads(t);
                    double worst = 0;
                    for (int rep = 0; rep < reps; rep++) {
                        List<double[]> out = evaluate(k, DataType.FLOAT32);
                        fault.corrupt(k, out);
                        for (int i = 0; i < out.size(); i++) {
                            worst = Math.max(worst, relativeError(out.get(i), reference.get(i)));
                        }
                    }
                    errors.put(t, worst);
                }
                results.add(new Result(k, errors));
            }
        } finally {
            JniUtils.setNumThreads(threads);
        }
        return new Report(results, (System.nanoTime() - start) / 1e9);
    }

    /**
     * max |x - ref| / max |ref|; infinity when x holds NaN or infinity, or when the reference does (then the check
     * itself is broken, and no result may pass).
     */
    static double relativeError(double[] x, double[] ref) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(ref[i])) {
                return Double.POSITIVE_INFINITY;
            }
            scale = Math.max(scale, Math.abs(ref[i]));
            err = Math.max(err, Math.abs(x[i] - ref[i]));
        }
        return err == 0 ? 0 : err / Math.max(scale, Double.MIN_NORMAL);
    }

    /** The kernel's outputs, then (if differentiable) the gradient of every real-valued input, as doubles. */
    static List<double[]> evaluate(Kernel k, DataType type) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random r = new Random(k.name().hashCode());
            NDList in = new NDList();
            for (int i = 0; i < k.inputs().size(); i++) {
                Shape s = k.inputs().get(i);
                if (i == 0 && k.indexRange() > 0) {
                    long[] idx = new long[(int) s.size()];
                    for (int j = 0; j < idx.length; j++) {
                        idx[j] = r.nextInt(k.indexRange());
                    }
                    in.add(m.create(idx, s));
                } else {
                    in.add(normal(m, r, s, type));
                    if (k.differentiable()) {
                        in.get(i).setRequiresGradient(true);
                    }
                }
            }
            List<double[]> values = new ArrayList<>();
            if (!k.differentiable()) {
                for (NDArray o : k.op().apply(in)) {
                    values.add(doubles(o));
                }
                return values;
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = k.op().apply(in);
                for (NDArray o : out) {
                    values.add(doubles(o));
                }
                NDArray y = out.head();
                gc.backward(y.mul(normal(m, r, y.getShape(), type)).sum());
            }
            for (int i = k.indexRange() > 0 ? 1 : 0; i < in.size(); i++) {
                values.add(doubles(in.get(i).getGradient()));
            }
            return values;
        }
    }

    private static NDArray normal(NDManager m, Random r, Shape shape, DataType type) {
        double[] d = new double[(int) shape.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = r.nextGaussian();
        }
        return m.create(d, shape).toType(type, false);
    }

    private static double[] doubles(NDArray a) {
        return a.toType(DataType.FLOAT64, false).toDoubleArray();
    }

    static String format(double e) {
        return Double.isInfinite(e) ? "inf" : e == 0 ? "0" : String.format(Locale.ROOT, "%.1e", e);
    }
}
