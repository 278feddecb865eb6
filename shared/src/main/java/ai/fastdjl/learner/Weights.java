package ai.fastdjl.learner;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
            java.util.function.Predicate<String> which) throws IOException {
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
}
