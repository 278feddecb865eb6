package ai.fastdjl.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import ai.fastdjl.optim.GroupedOptimizer;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Saves a block's parameters and loads them back <em>into the same arrays</em>.
 *
 * <p>DJL's {@code Block.loadParameters} gives each parameter a new array, but a {@code Trainer}'s parameter store
 * keeps the arrays it first saw, so a model reloaded that way trains and predicts with its old weights. Copying
 * values in place keeps every reference (trainer, optimizer state) valid.
 */
public final class Weights {
    private static final String MAGIC = "fastdjl-weights-v1";

    private Weights() {}

    /** Writes every initialised parameter, by its path name inside the block. */
    public static void save(Block block, DataOutputStream out) throws IOException {
        NDList arrays = new NDList();
        List<String> names = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().isInitialized()) {
                names.add(p.getKey());
                arrays.add(p.getValue().getArray());
            }
        }
        out.writeUTF(MAGIC);
        out.writeInt(names.size());
        for (String n : names) {
            out.writeUTF(n);
        }
        byte[] bytes = arrays.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #save} wrote into {@code block}'s existing arrays; names and shapes must match. */
    public static void load(Block block, DataInputStream in, NDManager scratchParent) throws IOException {
        load(block, in, scratchParent, name -> true);
    }

    /**
     * As {@link #load}, but copies only the parameters whose path {@code which} accepts (transfer learning: the body
     * of a pretrained model into a model with a new head). The architectures must still match.
     */
    public static void load(Block block, DataInputStream in, NDManager scratchParent,
            Predicate<String> which) throws IOException {
        String magic = in.readUTF();
        if (!MAGIC.equals(magic)) {
            throw new IOException("not a fastdjl weights file (header '" + magic + "')");
        }
        int n = in.readInt();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(in.readUTF());
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        try (NDManager scratch = scratchParent.newSubManager()) {
            NDList arrays = NDList.decode(scratch, bytes);
            int i = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (!p.getValue().isInitialized()) {
                    continue;
                }
                if (i >= n || !names.get(i).equals(p.getKey())) {
                    throw new IOException("parameter " + p.getKey() + " does not match the saved "
                            + (i < n ? names.get(i) : "list (it is shorter)") + ": a different architecture");
                }
                if (which.test(p.getKey())) {
                    copyInto(p.getValue().getArray(), arrays.get(i));
                }
                i++;
            }
            if (i != n) {
                throw new IOException("the file holds " + n + " parameters, the model " + i);
            }
        }
    }

    /** Copies {@code src}'s values into {@code dst} in place (shapes must match). */
    public static void copyInto(NDArray dst, NDArray src) {
        if (!dst.getShape().equals(src.getShape())) {
            throw new IllegalArgumentException(
                    "shape " + src.getShape() + " cannot be copied into " + dst.getShape());
        }
        dst.set(new NDIndex("..."), src.toType(dst.getDataType(), false));
    }

    /**
     * A learner's checkpoint: its model's weights and, when {@code opt} is given, the optimizer's state (moments,
     * step counts), keyed by parameter path so the file outlives the run's parameter ids.
     */
    static void saveCheckpoint(Path file, Block block, GroupedOptimizer opt) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                save(block, out);
                out.writeBoolean(opt != null);
                if (opt != null) {
                    opt.saveState(out, paramPaths(block, true));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Loads a {@link #saveCheckpoint} file: the weights {@code which} accepts and, when {@code opt} is given and the
     * file has it, the optimizer's state.
     */
    static void loadCheckpoint(Path file, Block block, NDManager manager, Predicate<String> which,
            GroupedOptimizer opt) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            load(block, in, manager, which);
            if (in.readBoolean() && opt != null) {
                opt.loadState(in, manager, paramPaths(block, false));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    new IOException(file + " is not a checkpoint of this model (" + e.getMessage() + ")", e));
        }
    }

    /** Parameter id → path in the block ({@code idToPath}), or path → id. */
    private static Map<String, String> paramPaths(Block block, boolean idToPath) {
        Map<String, String> m = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (idToPath) {
                m.put(p.getValue().getId(), p.getKey());
            } else {
                m.put(p.getKey(), p.getValue().getId());
            }
        }
        return m;
    }
}
