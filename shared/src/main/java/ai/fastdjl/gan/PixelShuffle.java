package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Sub-pixel convolution upsampling (Shi et al. 2016), fastai's {@code PixelShuffle_ICNR}: a 3×3 convolution to
 * {@code filters · r²} channels, then PyTorch's {@code pixel_shuffle}, which moves channel {@code c·r² + i·r + j} to
 * pixel {@code (h·r + i, w·r + j)} of channel {@code c}. With ICNR initialisation (Aitken et al. 2017) the {@code r²}
 * channels of each output channel start with the same kernel, so at initialisation the layer equals nearest-neighbour
 * upsampling after a convolution: no checkerboard to unlearn, the paper's (and fastai's) reason for it.
 */
public final class PixelShuffle extends AbstractBlock {
    private static final byte VERSION = 1;
    private final int factor;
    private final boolean icnr;
    private final Conv2d conv;

    /** @param icnr whether to start from ICNR (fastai's default) or from the convolution's own initialisation */
    public PixelShuffle(int filters, int factor, boolean icnr) {
        super(VERSION);
        this.factor = factor;
        this.icnr = icnr;
        this.conv = addChildBlock("conv", Conv2d.builder().setFilters(filters * factor * factor)
                .setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build());
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        if (icnr) {
            NDArray w = conv.getParameters().get("weight").getArray();
            long[] s = w.getShape().getShape(); // [C·r², in, k, k]
            int r2 = factor * factor;
            NDArray base = w.get("::{}", r2); // one kernel per output channel
            w.set(base.expandDims(1).broadcast(new Shape(s[0] / r2, r2, s[1], s[2], s[3])).reshape(new Shape(s))
                    .toFloatArray());
            NDArray b = conv.getParameters().get("bias").getArray();
            b.set(b.get("::{}", r2).expandDims(1).broadcast(new Shape(s[0] / r2, r2)).reshape(new Shape(s[0])).toFloatArray());
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        return new NDList(shuffle(conv.forward(ps, in, training).head(), factor));
    }

    /** PyTorch's {@code pixel_shuffle}: {@code [N, C·r², H, W] → [N, C, H·r, W·r]}. */
    public static NDArray shuffle(NDArray x, int r) {
        long[] s = x.getShape().getShape();
        long c = s[1] / ((long) r * r);
        return x.reshape(s[0], c, r, r, s[2], s[3]).transpose(0, 1, 4, 2, 5, 3).reshape(s[0], c, s[2] * r, s[3] * r);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        Shape s = conv.getOutputShapes(in)[0];
        return new Shape[] {new Shape(s.get(0), s.get(1) / ((long) factor * factor), s.get(2) * factor,
                s.get(3) * factor)};
    }
}
