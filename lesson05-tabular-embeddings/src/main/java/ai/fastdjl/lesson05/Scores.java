package ai.fastdjl.lesson05;

import ai.fastdjl.report.RunReport;
import ai.fastdjl.report.Stats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validation scores per model, over seeds where a model has several: the lesson's results table. */
final class Scores {
    private final Map<String, List<Double>> byModel = new LinkedHashMap<>();

    void add(String model, double score) {
        byModel.computeIfAbsent(model, k -> new ArrayList<>()).add(score);
    }

    List<Double> get(String model) {
        return byModel.get(model);
    }

    /** Mean ± sample std per model, in the order models were added. */
    Map<String, Stats> stats() {
        Map<String, Stats> out = new LinkedHashMap<>();
        byModel.forEach((k, v) -> out.put(k, Stats.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        return out;
    }

    /** Prints the table, and adds it (and each model's mean as a headline metric) to the report. */
    void report(RunReport report, String caption, String metric) {
        List<List<String>> rows = new ArrayList<>();
        stats().forEach((k, st) -> {
            String value = st.values().length > 1 ? st.toString() : RunReport.format(st.mean());
            rows.add(List.of(k, value, String.valueOf(st.values().length)));
            report.metric(k, st.mean());
            System.out.println(k + ": " + metric + " " + value);
        });
        report.table(caption, List.of("model", metric, "runs"), rows).put("scores", stats());
    }
}
