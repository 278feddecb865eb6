package ai.fastdjl.text.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.learner.Weights;
import ai.fastdjl.text.Vocab;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pretrained language model on disk, reusable for another task: its weights ({@value #WEIGHTS}: the encoder's
 * parameters and the decoder's bias, by name), its vocabulary ({@value #VOCAB}) and its sizes ({@value #CONFIG}).
 *
 * <p>Loading into a model with another vocabulary does what fastai's {@code match_embeds} does: a token both
 * vocabularies know keeps its pretrained embedding row and output bias; a new token starts at the mean of all
 * pretrained rows (and the mean bias), a neutral guess that fine-tuning then moves.
 */
public final class PretrainedLm {
    public static final String WEIGHTS = "lm.ndlist";
    public static final String VOCAB = "vocab.txt";
    public static final String CONFIG = "config.json";
    private static final String ENC = "encoder/";
    private static final String BIAS = "decoder/bias";
    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    /** What {@value #CONFIG} holds: the sizes (the dropouts are the task's choice) and free-form notes. */
    public record Info(AwdLstm.Config config, Vocab vocab, Map<String, Object> notes) {
        /** The note {@code key} as a number, or NaN where it is missing or not a number. */
        public double number(String key) {
            return notes.get(key) instanceof Number x ? x.doubleValue() : Double.NaN;
        }
    }

    private PretrainedLm() {}

    /** Writes {@code lm}'s weights, {@code vocab} and config to {@code dir}. */
    public static void save(Path dir, LanguageModel lm, Vocab vocab, Map<String, Object> notes) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList arrays = new NDList();
            for (Pair<String, Parameter> p : lm.encoder().getParameters()) {
                arrays.add(named(p.getValue().getArray(), ENC + p.getKey(), m));
            }
            arrays.add(named(lm.decoder().bias().getArray(), BIAS, m));
            Files.createDirectories(dir);
            Files.write(dir.resolve(WEIGHTS), arrays.encode());
            vocab.save(dir.resolve(VOCAB));
            Map<String, Object> cfg = new LinkedHashMap<>();
            cfg.put("config", lm.encoder().config());
            cfg.put("notes", notes);
            Files.writeString(dir.resolve(CONFIG), GSON.toJson(cfg));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the pretrained model to " + dir, e);
        }
    }

    private static NDArray named(NDArray a, String name, NDManager m) {
        NDArray copy = a.duplicate();
        copy.attach(m);
        copy.setName(name);
        return copy;
    }

    /** Reads {@code dir}'s config and vocabulary; one line naming the fix when they are missing. */
    public static Info read(Path dir, String howToMakeIt) {
        for (String f : new String[] {WEIGHTS, VOCAB, CONFIG}) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new UserInputException("no pretrained language model in " + dir + " (missing " + f + "); "
                        + howToMakeIt);
            }
        }
        try {
            Stored s = new Gson().fromJson(Files.readString(dir.resolve(CONFIG)), Stored.class);
            return new Info(s.config, Vocab.load(dir.resolve(VOCAB)), s.notes == null ? Map.of() : s.notes);
        } catch (IOException | RuntimeException e) {
            throw new UserInputException(dir.resolve(CONFIG) + " is unreadable (" + e.getMessage() + "); "
                    + howToMakeIt, e);
        }
    }

    private static final class Stored {
        AwdLstm.Config config;
        Map<String, Object> notes;
    }

    /**
     * Copies the pretrained weights in {@code dir} into {@code encoder} (and {@code decoderOrNull}'s bias), mapping
     * the pretrained vocabulary {@code from} onto {@code to}, the model's.
     *
     * @return how many of {@code to}'s tokens had a pretrained row
     */
    public static int load(Path dir, Vocab from, Vocab to, AwdLstm encoder, LinearDecoder decoderOrNull) {
        int[] map = to.mapFrom(from);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList arrays = NDList.decode(m, Files.readAllBytes(dir.resolve(WEIGHTS)));
            Map<String, NDArray> byName = new HashMap<>();
            arrays.forEach(a -> byName.put(a.getName(), a));
            for (Pair<String, Parameter> p : encoder.getParameters()) {
                NDArray src = byName.get(ENC + p.getKey());
                if (src == null) {
                    throw new UserInputException(dir.resolve(WEIGHTS) + " has no " + p.getKey()
                            + ": it was saved from a model of another shape; pretrain again");
                }
                if (p.getValue() == encoder.embedding()) {
                    src = remapRows(src, map, m);
                }
                Weights.copyInto(p.getValue().getArray(), src);
            }
            if (decoderOrNull != null) {
                NDArray bias = remapRows(byName.get(BIAS).reshape(-1, 1), map, m).reshape(-1);
                Weights.copyInto(decoderOrNull.bias().getArray(), bias);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(WEIGHTS), e);
        }
        int matched = 0;
        for (int i : map) {
            matched += i >= 0 ? 1 : 0;
        }
        return matched;
    }

    /** Row {@code i} of the result is row {@code map[i]} of {@code old}, or the mean row when {@code map[i] < 0}. */
    static NDArray remapRows(NDArray old, int[] map, NDManager m) {
        long rows = old.getShape().get(0);
        int cols = (int) old.getShape().get(1);
        float[] w = old.toFloatArray();
        float[] mean = new float[cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                mean[c] += w[r * cols + c] / rows;
            }
        }
        float[] out = new float[map.length * cols];
        for (int i = 0; i < map.length; i++) {
            if (map[i] >= 0) {
                System.arraycopy(w, map[i] * cols, out, i * cols, cols);
            } else {
                System.arraycopy(mean, 0, out, i * cols, cols);
            }
        }
        return m.create(out, new Shape(map.length, cols));
    }
}
