package ai.fastdjl.report;

import java.util.Arrays;
import java.util.Locale;

/** Mean and spread over seeds, as experiment tables report them. */
public record Stats(double mean, double std, double min, double max, double[] values) {

    public static Stats of(double... v) {
        double mean = Arrays.stream(v).average().orElse(Double.NaN);
        // sample standard deviation (n-1): the spread we would expect from another seed
        double ss = Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum();
        double std = v.length > 1 ? Math.sqrt(ss / (v.length - 1)) : 0;
        return new Stats(mean, std, Arrays.stream(v).min().orElse(Double.NaN), Arrays.stream(v).max().orElse(Double.NaN),
                v.clone());
    }

    /** {@code 0.8123 ± 0.0040}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.4f ± %.4f", mean, std);
    }

    /** Percentages: {@code 81.2 ± 0.4 %}. */
    public String percent() {
        return String.format(Locale.ROOT, "%.1f ± %.1f %%", 100 * mean, 100 * std);
    }
}
