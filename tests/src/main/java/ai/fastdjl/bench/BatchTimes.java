package ai.fastdjl.bench;

import java.util.List;
import java.util.Locale;

/** Summary of per-batch wall times: the median, 90th percentile, longest and their sum, in ms. */
final class BatchTimes {
    private BatchTimes() {}

    static String of(List<Double> ms) {
        if (ms.isEmpty()) {
            return "none";
        }
        double[] v = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return String.format(Locale.ROOT, "median %.2f, p90 %.2f, max %.2f, total %.0f over %d batches",
                v[v.length / 2], v[(int) (0.9 * (v.length - 1))], v[v.length - 1], ms.stream()
                        .mapToDouble(Double::doubleValue).sum(), v.length);
    }
}
