package ai.fastdjl.report;

import ai.fastdjl.plot.Plots;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A run's results for people and programs: {@code metrics.json} (every number) and {@code README.md} (the course
 * claim, the numbers that test it, the plots) in the run folder.
 */
public final class RunReport {
    private static final Gson GSON =
            new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();
    private final RunFolder run;
    private final String title;
    private final Map<String, Object> json = new LinkedHashMap<>();
    private final Map<String, Object> metrics = new LinkedHashMap<>();
    private final StringBuilder body = new StringBuilder();
    private final List<String> images = new ArrayList<>();
    private String claim;
    private String command;

    public RunReport(RunFolder run, String title) {
        this.run = run;
        this.title = title;
        json.put("title", title);
    }

    /** The course's claim this run measures, in one sentence. */
    public RunReport claim(String claim) {
        this.claim = claim;
        json.put("claim", claim);
        return this;
    }

    /** The command line that reproduces the run ({@code LessonRun.report} sets it). */
    public RunReport command(String command) {
        this.command = command;
        json.put("command", command);
        return this;
    }

    /** A headline number (goes into the report's table and {@code metrics.json}'s {@code metrics}). */
    public RunReport metric(String name, Object value) {
        metrics.put(name, value);
        return this;
    }

    /** Any other value for {@code metrics.json} (settings, per-seed results). */
    public RunReport put(String key, Object value) {
        json.put(key, value);
        return this;
    }

    /** A part of a report that something else knows how to write (the learner's recorder: its table and plots). */
    public interface Section {
        void addTo(RunReport report);
    }

    /** Adds {@code section}: e.g. {@code add(learn.recorder())} for the epoch table, loss and schedule plots. */
    public RunReport add(Section section) {
        section.addTo(this);
        return this;
    }

    /** A file in this report's run folder (for the plots a section writes). */
    public java.nio.file.Path file(String name) {
        return run.file(name);
    }

    /**
     * A bar chart of a comparison ({@code comparison.png}: row → mean, with the spread over seeds as error bars)
     * shown in the report.
     */
    public RunReport comparison(String title, String yLabel, Map<String, ?> rows) {
        Map<String, double[]> bars = new LinkedHashMap<>();
        rows.forEach((k, v) -> bars.put(k, v instanceof Stats st ? new double[] {st.mean(), st.std()}
                : new double[] {((Number) v).doubleValue()}));
        Plots.bars(run.file("comparison.png"), title, yLabel, bars);
        return image("comparison.png", title);
    }

    /** A Markdown table in the report. */
    public RunReport table(String caption, List<String> header, List<List<String>> rows) {
        body.append("\n").append(caption).append("\n\n| ").append(String.join(" | ", header)).append(" |\n|");
        body.append(" --- |".repeat(header.size())).append("\n");
        for (List<String> r : rows) {
            body.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return this;
    }

    /** A paragraph of text. */
    public RunReport text(String markdown) {
        body.append("\n").append(markdown).append("\n");
        return this;
    }

    /** A PNG in the run folder to show in the report. */
    public RunReport image(String fileName, String caption) {
        images.add("![" + caption + "](" + fileName + ")");
        return this;
    }

    /**
     * Marks a run that ended without a result: README.md says so and why, metrics.json holds only
     * {@code status: stopped} and the reason, so no table of a broken run's numbers can pass for a result.
     */
    public static java.nio.file.Path writeStopped(RunFolder run, String reason) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("status", "stopped");
        json.put("reason", reason);
        try {
            Files.writeString(run.file("metrics.json"), GSON.toJson(json));
            return Files.writeString(run.file("README.md"), "# Stopped: no result\n\n**This run stopped before it"
                    + " finished, so it reports no numbers.**\n\n" + reason + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the stopped run's README in " + run.dir(), e);
        }
    }

    /** Writes both files and returns the report's path. */
    public java.nio.file.Path write() {
        json.put("metrics", metrics);
        StringBuilder md = new StringBuilder("# ").append(title).append("\n");
        if (claim != null) {
            md.append("\n**Claim (fast.ai course):** ").append(claim).append("\n");
        }
        if (!metrics.isEmpty()) {
            md.append("\n| measure | value |\n| --- | --- |\n");
            metrics.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(format(v)).append(" |\n"));
        }
        md.append(body);
        for (String img : images) {
            md.append("\n").append(img).append("\n");
        }
        if (command != null) {
            md.append("\nReproduce: `").append(command).append("`\n");
        }
        try {
            Files.writeString(run.file("metrics.json"), GSON.toJson(json));
            Files.writeString(run.file("README.md"), md.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report in " + run.dir(), e);
        }
        return run.file("README.md");
    }

    /** Numbers to four significant decimals, the way the course prints metrics. */
    public static String format(Object v) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return Math.abs(d) >= 1000 ? String.format(Locale.ROOT, "%.1f", d) : String.format(Locale.ROOT, "%.4f", d);
        }
        return String.valueOf(v);
    }
}
