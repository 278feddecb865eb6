package ai.fastdjl.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results table: each model's scores over seeds (or one score for a deterministic baseline), reported as
 * mean ± sample std in the order the models were first added.
 */
public final class ScoreTable {
    private final Map<String, List<Double>> byModel = new LinkedHashMap<>();

    public void add(String model, double score) {
        byModel.computeIfAbsent(model, k -> new ArrayList<>()).add(score);
    }

    /** The scores of {@code model} so far, in the order added. */
    public List<Double> get(String model) {
        return List.copyOf(byModel.getOrDefault(model, List.of()));
    }

    /** Mean ± sample std per model. */
    public Map<String, Stats> stats() {
        Map<String, Stats> out = new LinkedHashMap<>();
        byModel.forEach((k, v) -> out.put(k, Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /**
     * Prints the table, and adds it (and each model's mean as a headline metric) to {@code report}, with a bar chart
     * of the means and their spread ({@code comparison.png}).
     */
    public void report(RunReport report, String caption, String metric) {
        List<List<String>> rows = new ArrayList<>();
        stats().forEach((k, st) -> {
            String value = st.values().length > 1 ? st.toString() : RunReport.format(st.mean());
            rows.add(List.of(k, value, String.valueOf(st.values().length)));
            report.metric(k, st.mean());
            System.out.println(k + ": " + metric + " " + value);
        });
        report.table(caption, List.of("model", metric, "runs"), rows).put("scores", stats())
                .comparison(caption, metric, stats());
    }
}
