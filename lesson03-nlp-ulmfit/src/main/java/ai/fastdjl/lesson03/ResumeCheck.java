package ai.fastdjl.lesson03;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.text.Vocab;
import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps {@code --resume} honest: a run writes its flags ({@value #FLAGS}) and vocabulary ({@value #VOCAB}) into its
 * folder when it starts, and a resumed run must have the same, or the checkpoint's weights, optimizer state and
 * schedule would belong to another model, corpus or budget.
 */
final class ResumeCheck {
    static final String FLAGS = "flags.json";
    static final String VOCAB = "vocab.txt";
    private static final Gson GSON = new Gson();

    private ResumeCheck() {}

    /** The folder to resume, which must exist. */
    static RunFolder runFolder(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new UserInputException("--resume " + dir + " is not a folder; pass the run folder of an interrupted"
                    + " run (runs/PretrainLm/<time>)");
        }
        return RunFolder.at(dir);
    }

    /**
     * A new run records {@code flags} and {@code vocab}; a resumed run compares them with what its folder recorded.
     *
     * @throws UserInputException naming every flag that differs, or the vocabulary
     */
    static void check(RunFolder run, boolean resuming, Map<String, Object> flags, Vocab vocab) {
        Map<String, String> now = new LinkedHashMap<>();
        flags.forEach((k, v) -> now.put(k, String.valueOf(v)));
        Path file = run.file(FLAGS);
        if (!resuming) {
            write(file, GSON.toJson(now));
            vocab.save(run.file(VOCAB));
            return;
        }
        if (!Files.isRegularFile(file) || !Files.isRegularFile(run.file(VOCAB))) {
            throw new UserInputException("--resume " + run.dir() + " has no " + FLAGS + " or " + VOCAB
                    + "; pass the run folder of a run this version of PretrainLm started");
        }
        Map<String, String> then;
        try {
            then = GSON.fromJson(Files.readString(file), new TypeToken<Map<String, String>>() {}.getType());
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(file + " is unreadable (" + e.getMessage() + "); start a new run", e);
        }
        List<String> diffs = new ArrayList<>();
        now.forEach((k, v) -> {
            if (!v.equals(then.get(k))) {
                diffs.add(k + " " + then.get(k) + " (now " + v + ")");
            }
        });
        if (!diffs.isEmpty()) {
            throw new UserInputException("--resume " + run.dir() + " was started with " + String.join(", ", diffs)
                    + "; pass the same flags to resume it, or start a new run without --resume");
        }
        if (!Vocab.load(run.file(VOCAB)).itos().equals(vocab.itos())) {
            throw new UserInputException("--resume " + run.dir() + " was started with another vocabulary (the corpus"
                    + " or tokenizer changed since); start a new run without --resume");
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
