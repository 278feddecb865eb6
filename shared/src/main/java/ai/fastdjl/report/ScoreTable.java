package ai.fastdjl.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A results table: each model's scores over seeds (or one score for a deterministic baseline), reported as
 * mean ± sample std in the order the models were first added. One metric leads (the one {@link #get} and
 * {@link #stats} give and the chart shows); others ride along as extra columns ({@link #add(String, Map)}).
 */
public final class ScoreTable {
    private final Map<String, List<Double>> byModel = new LinkedHashMap<>();
    private final Map<String, Map<String, List<Double>>> others = new LinkedHashMap<>(); // metric → model → scores

    public void add(String model, double score) {
        byModel.computeIfAbsent(model, k -> new ArrayList<>()).add(score);
    }

    /** Adds one run's scores: the first entry is the leading metric, the rest become extra columns. */
    public void add(String model, Map<String, Double> scores) {
        boolean first = true;
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            if (first) {
                add(model, e.getValue());
                first = false;
            } else {
                others.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>())
                        .computeIfAbsent(model, k -> new ArrayList<>()).add(e.getValue());
            }
        }
    }

    /** The scores of {@code model} so far, in the order added. */
    public List<Double> get(String model) {
        return List.copyOf(byModel.getOrDefault(model, List.of()));
    }

    /** Mean ± sample std per model. */
    public Map<String, Stats> stats() {
        Map<String, Stats> out = new LinkedHashMap<>();
        byModel.forEach((k, v) -> out.put(k, stats(v)));
        return out;
    }

    /**
     * Prints the table, and adds it (and each model's mean as a headline metric) to {@code report}, with a bar chart
     * of the means and their spread ({@code comparison.png}).
     */
    public void report(RunReport report, String caption, String metric) {
        List<List<String>> rows = new ArrayList<>();
        stats().forEach((k, st) -> {
            List<String> row = new ArrayList<>(List.of(k, format(st)));
            StringBuilder line = new StringBuilder(k + ": " + metric + " " + format(st));
            others.forEach((m, byRow) -> {
                List<Double> v = byRow.get(k);
                String cell = v == null ? "" : format(stats(v));
                row.add(cell);
                line.append(v == null ? "" : ", " + m + " " + cell);
            });
            row.add(String.valueOf(st.values().length));
            rows.add(row);
            report.metric(k, st.mean());
            System.out.println(line);
        });
        List<String> header = new ArrayList<>(List.of("model", metric));
        header.addAll(others.keySet());
        header.add("runs");
        Map<String, Object> all = new LinkedHashMap<>(Map.of(metric, stats()));
        others.forEach((m, byRow) -> {
            Map<String, Stats> st = new LinkedHashMap<>();
            byRow.forEach((k, v) -> st.put(k, stats(v)));
            all.put(m, st);
        });
        report.table(caption, header, rows).put("scores", others.isEmpty() ? stats() : all)
                .comparison(caption, metric, stats());
    }

    private static Stats stats(List<Double> scores) {
        return Stats.of(scores.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static String format(Stats st) {
        return st.values().length > 1 ? st.toString() : RunReport.format(st.mean());
    }
}
