package ai.fastdjl.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * From {@link SsdModel}'s outputs to detections, as SSD's inference does: each anchor's offsets decoded against the
 * anchor ({@link AnchorGrid#decodeAll}), the class scores softmaxed with the background, then for each class the
 * boxes scoring above {@link Nms#SSD_MIN_SCORE} kept by non-maximum suppression at IoU {@link Nms#SSD_IOU}, at most
 * {@link Nms#SSD_MAX_DETECTIONS} an image.
 */
public final class SsdDecoder {
    private SsdDecoder() {}

    /** Detections of images {@code first …} in {@code out} ({@code [N, anchors, 4 + classes + 1]}), boxes in [0, 1]. */
    public static List<Detection> detect(NDArray out, AnchorGrid grid, int first) {
        long n = out.getShape().get(0);
        int a = (int) out.getShape().get(1);
        int c = (int) out.getShape().get(2) - 5;
        float[] offsets = out.get(new NDIndex(":, :, 0:4")).toType(DataType.FLOAT32, false).toFloatArray();
        float[] probs = out.get(new NDIndex(":, :, 4:")).softmax(-1).toType(DataType.FLOAT32, false).toFloatArray();
        List<Detection> dets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Box> boxes = grid.decodeAll(Arrays.copyOfRange(offsets, i * a * 4, (i + 1) * a * 4)).stream()
                    .map(b -> b.clip(0, 1)).toList();
            float[][] scores = new float[a][c];
            for (int k = 0; k < a; k++) { // column 0 is the background
                System.arraycopy(probs, (i * a + k) * (c + 1) + 1, scores[k], 0, c);
            }
            dets.addAll(Nms.perClass(first + i, boxes, scores, Nms.SSD_MIN_SCORE, Nms.SSD_IOU, Nms.SSD_MAX_DETECTIONS));
        }
        return dets;
    }
}
