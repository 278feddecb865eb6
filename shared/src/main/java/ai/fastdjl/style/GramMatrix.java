package ai.fastdjl.style;

import ai.djl.ndarray.NDArray;
import ai.fastdjl.nd.Scalars;

/**
 * The Gram matrix of a feature map (Gatys, Ecker &amp; Bethge 2016): {@code G = F·Fᵀ / (C·H·W)} where {@code F} is the
 * map flattened to {@code C × (H·W)}. Entry {@code (i, j)} is how strongly channels {@code i} and {@code j} fire
 * together anywhere in the image: which textures co-occur, with every trace of where removed, which is what "style"
 * means here. Dividing by the map's size makes layers and image sizes comparable.
 */
public final class GramMatrix {
    private GramMatrix() {}

    /** {@code [N, C, H, W]} → {@code [N, C, C]}. */
    public static NDArray of(NDArray features) {
        long[] s = features.getShape().getShape();
        if (s.length != 4) {
            throw new IllegalArgumentException("a Gram matrix needs a feature map [N, C, H, W], got " + features.getShape());
        }
        NDArray f = features.reshape(s[0], s[1], s[2] * s[3]);
        return Scalars.div(f.batchMatMul(f.transpose(0, 2, 1)), (double) s[1] * s[2] * s[3]);
    }
}
