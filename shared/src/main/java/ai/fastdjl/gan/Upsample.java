package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Nearest-neighbour upsampling of {@code [N, C, H, W]} by an integer factor: each pixel becomes a
 * {@code factor × factor} square. Followed by a convolution it replaces the
 * transposed convolution, which the course (after Odena et al. 2016, "Deconvolution and checkerboard artifacts")
 * recommends against and which DJL's PyTorch engine lacks.
 */
public final class Upsample extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int factor;

    public Upsample(int factor) {
        super(VERSION);
        this.factor = factor;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();
        long[] s = x.getShape().getShape();
        // [N, C, H, 1, W, 1] broadcast to [N, C, H, f, W, f]: the same pixels as repeat() along H and W, but its
        // backward is a plain sum, where repeat_interleave's is a slow scatter on the CPU
        return new NDList(x.reshape(s[0], s[1], s[2], 1, s[3], 1)
                .broadcast(new Shape(s[0], s[1], s[2], factor, s[3], factor))
                .reshape(s[0], s[1], s[2] * factor, s[3] * factor));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = in[0];
        return new Shape[] {new Shape(s.get(0), s.get(1), s.get(2) * factor, s.get(3) * factor)};
    }
}
