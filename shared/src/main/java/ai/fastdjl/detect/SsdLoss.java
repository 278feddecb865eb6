package ai.fastdjl.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import java.util.List;

/**
 * SSD's detection loss with a background class (Liu et al. 2016, eq. 1–3): cross-entropy over {@code classes + 1}
 * for every positive anchor (matched to an object by {@link AnchorMatcher}, target its class + 1) and for the
 * hardest negatives (background, target 0), at most {@value #NEG_POS} per positive: most anchors are background and
 * would otherwise swamp the loss ("hard negative mining", SSD section 2.2); plus smooth L1 between the predicted and
 * the encoded true offsets of the positives; both summed and divided by the number of positives (SSD's N, α = 1).
 * The target of an image is {@code [anchors, 5]}: class + 1 (0 background), then the 4 encoded offsets
 * ({@link #targets}); predictions are {@link SsdModel}'s {@code [N, anchors, 4 + classes + 1]}.
 */
public final class SsdLoss extends Loss {
    /** SSD's ratio of negatives to positives kept by hard negative mining. */
    public static final int NEG_POS = 3;

    public SsdLoss() {
        super("ssd");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray out = predictions.head();
        NDArray target = labels.head();
        long n = out.getShape().get(0);
        long a = out.getShape().get(1);
        long c = out.getShape().get(2) - 4;
        NDArray cls = target.get(new NDIndex(":, :, 0")).toType(DataType.INT64, false);
        NDArray ce = new SoftTargetCrossEntropy().perSample(cls.reshape(-1), out.get(new NDIndex(":, :, 4:"))
                .reshape(n * a, c)).reshape(n, a);
        NDArray pos = cls.gt(0).toType(DataType.FLOAT32, false);
        NDArray nPos = pos.sum(new int[] {1}, true); // [N, 1]
        // the negatives' losses ranked per image, hardest first: an anchor's rank is the position of its loss
        NDArray negLoss = ce.mul(pos.neg().add(1)).stopGradient();
        NDArray rank = negLoss.argSort(1, false).argSort(1).toType(DataType.FLOAT32, false);
        NDArray hard = rank.lt(nPos.mul(NEG_POS)).toType(DataType.FLOAT32, false).mul(pos.neg().add(1));
        NDArray d = out.get(new NDIndex(":, :, 0:4")).sub(target.get(new NDIndex(":, :, 1:5"))).abs();
        NDArray smoothL1 = NDArrays.where(d.lt(1), d.square().mul(0.5), d.sub(0.5)).sum(new int[] {2});
        NDArray total = ce.mul(pos.add(hard)).sum().add(smoothL1.mul(pos).sum());
        return total.div(pos.sum().maximum(1));
    }

    /**
     * The targets {@code [images × anchors × 5]} of {@code boxes} (per image, in the anchors' unit) with classes
     * {@code classes}: each anchor's matched class + 1 and encoded offsets, or 0 and zeros.
     */
    public static float[] targets(AnchorGrid grid, List<List<Box>> boxes, List<int[]> classes, double iou) {
        int a = grid.size();
        float[] t = new float[boxes.size() * a * 5];
        for (int i = 0; i < boxes.size(); i++) {
            int[] match = AnchorMatcher.match(grid.anchors(), boxes.get(i), iou);
            float[] offsets = grid.encodeAll(boxes.get(i), match);
            for (int k = 0; k < a; k++) {
                int base = (i * a + k) * 5;
                if (match[k] >= 0) {
                    t[base] = classes.get(i)[match[k]] + 1;
                    System.arraycopy(offsets, k * 4, t, base + 1, 4);
                }
            }
        }
        return t;
    }
}
