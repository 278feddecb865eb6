package ai.fastdjl.callback;

import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Recorder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Map;

/**
 * Appends each epoch's row to {@code history.csv} in the run folder as it ends (fastai's {@code CSVLogger}), so a
 * long run can be watched, or read after a crash.
 */
public class MetricsLogger implements Callback {
    public static final String FILE = "history.csv";

    @Override
    public int order() {
        return Recorder.ORDER + 1;
    }

    @Override
    public void afterEpoch(Learner learn) {
        if (!learn.logging() || learn.run() == null) {
            return;
        }
        Recorder.EpochRow row = learn.recorder().last();
        Path file = learn.run().file(FILE);
        StringBuilder line = new StringBuilder();
        try {
            if (!Files.exists(file)) {
                StringBuilder h = new StringBuilder("fit,epoch,train_loss,valid_loss");
                row.metrics().keySet().forEach(k -> h.append(',').append(k));
                Files.writeString(file, h.append(",seconds\n"));
            }
            line.append(row.fit()).append(',').append(row.epoch()).append(',')
                    .append(num(row.trainLoss())).append(',').append(num(row.validLoss()));
            for (Map.Entry<String, Double> m : row.metrics().entrySet()) {
                line.append(',').append(num(m.getValue()));
            }
            line.append(',').append(String.format(Locale.ROOT, "%.1f", row.seconds())).append('\n');
            Files.writeString(file, line, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to " + file, e);
        }
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.6f", v);
    }
}
