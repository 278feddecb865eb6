package ai.fastdjl.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.gan.Upsample;
import java.util.ArrayList;
import java.util.List;

/**
 * A U-Net (Ronneberger et al. 2015; fastai's {@code unet_learner} / {@code DynamicUnet}) on the lesson's ResNet
 * body: an encoder of residual blocks ({@link ResNet#resBlock}), the first at full resolution and each next one
 * halving it, then a decoder that climbs back, at each level upsampling ×2 (nearest neighbour + a 3×3 convolution:
 * the course's advice against transposed convolutions, and DJL's PyTorch engine has none) and, with
 * {@code skips}, concatenating the encoder's output of the same resolution before a residual block. The course's
 * point: "skip connections" give the decoder back the fine detail the encoder's downsampling threw away. Without
 * skips the decoder is the same except that its residual blocks take only the upsampled channels (so it has fewer
 * parameters in those blocks, not fewer blocks). A final 1×1 convolution gives {@code outChannels} per pixel: class
 * logits for segmentation, or pixel values for an image-to-image generator (super-resolution).
 */
public final class UNet extends AbstractBlock {
    private final List<Block> encoder = new ArrayList<>();
    private final List<Block> up = new ArrayList<>();
    private final List<Block> merge = new ArrayList<>();
    private final Block last;
    private boolean zeroLast;
    private final Block finalUp;
    private final Block cross;
    private final Block finalMerge;
    private final boolean skips;
    private final int outChannels;

    /**
     * @param inChannels image channels
     * @param outChannels outputs per pixel
     * @param widths channels of each encoder level, full resolution first, e.g. {@code 16, 32, 64, 128}: the input's
     *     side must be divisible by {@code 2^(widths.length - 1)}
     * @param skips whether the decoder concatenates the encoder's features (a U-Net) or not (a plain
     *     encoder–decoder)
     */
    public UNet(int inChannels, int outChannels, int[] widths, boolean skips) {
        this(inChannels, outChannels, widths, skips, false);
    }

    /**
     * As {@link #UNet(int, int, int[], boolean)}; with {@code halvingStem} the first level already halves the image
     * (as every ResNet's stem does), which makes the widest level 4× cheaper, and the decoder's last step climbs back
     * to full resolution and, with skips, concatenates features of the input image (one convolution of it: fastai's
     * {@code DynamicUnet} concatenates the raw input, its {@code last_cross}) before a residual block at full
     * resolution.
     */
    public UNet(int inChannels, int outChannels, int[] widths, boolean skips, boolean halvingStem) {
        if (widths.length < 2) {
            throw new IllegalArgumentException("a U-Net needs at least two levels of widths, got " + widths.length);
        }
        this.skips = skips;
        this.outChannels = outChannels;
        for (int i = 0; i < widths.length; i++) {
            encoder.add(addChildBlock("enc" + i, ResNet.resBlock(i == 0 ? inChannels : widths[i - 1], widths[i],
                    i == 0 && !halvingStem ? 1 : 2, true)));
        }
        for (int i = widths.length - 1; i > 0; i--) {
            int w = widths[i - 1];
            up.add(addChildBlock("up" + i, upsample(w)));
            merge.add(addChildBlock("merge" + i, ResNet.resBlock(skips ? 2 * w : w, w, 1, true)));
        }
        int w = widths[0];
        finalUp = halvingStem ? addChildBlock("up0", upsample(w)) : null;
        // the input's own features at full resolution (one conv), not its raw channels: a 3×3 convolution of 17
        // channels (16 + a grey image) was one that oneDNN computed wrongly on Zen 5 (error 0.3), which turned
        // oneDNN off for the process and made training 4× slower
        cross = halvingStem && skips ? addChildBlock("cross", ResNet.convLayer(w, 1, true, true, false)) : null;
        finalMerge = halvingStem ? addChildBlock("merge0", ResNet.resBlock(skips ? 2 * w : w, w, 1, true)) : null;
        // the extra outputs of a padded channel count are computed and sliced off in forwardInternal
        last = addChildBlock("last", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(ResNet.paddedChannels(outChannels)).build());
    }

    private static Block upsample(int channels) {
        return new SequentialBlock().add(new Upsample(2)).add(ResNet.convLayer(channels, 1, true, true, false));
    }

    /**
     * {@code input + net(input)} for image-to-image tasks whose output resembles the input (restoration,
     * super-resolution of an enlarged image): the network learns the correction, so it starts at the identity (a
     * U-Net's last convolution starts at zero) instead of at noise (residual learning, as VDSR, Kim et al. 2016;
     * fastai's U-Net gets close by concatenating the input before its last block).
     */
    public static Block plusInput(Block net) {
        if (net instanceof UNet u) {
            u.zeroLast = true; // the correction starts at 0, so the model starts at its input (as fixup's zero init)
        }
        return ResNet.sum(net, Blocks.identityBlock());
    }

    /** Whether the decoder uses the encoder's features. */
    public boolean skips() {
        return skips;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        List<NDArray> features = new ArrayList<>();
        for (Block b : encoder) {
            x = b.forward(ps, new NDList(x), training).head();
            features.add(x);
        }
        for (int k = 0; k < up.size(); k++) {
            x = up.get(k).forward(ps, new NDList(x), training).head();
            if (skips) {
                x = NDArrays.concat(new NDList(x, features.get(features.size() - 2 - k)), 1);
            }
            x = merge.get(k).forward(ps, new NDList(x), training).head();
        }
        if (finalUp != null) {
            x = finalUp.forward(ps, new NDList(x), training).head();
            if (skips) {
                x = NDArrays.concat(new NDList(x, cross.forward(ps, inputs, training).head()), 1);
            }
            x = finalMerge.forward(ps, new NDList(x), training).head();
        }
        NDArray out = last.forward(ps, new NDList(x), training).head();
        return new NDList(out.get(new NDIndex(":, 0:" + outChannels)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        List<Shape> shapes = new ArrayList<>();
        for (Block b : encoder) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(new Shape[] {s})[0];
            shapes.add(s);
        }
        for (int k = 0; k < up.size(); k++) {
            up.get(k).initialize(manager, dataType, s);
            s = up.get(k).getOutputShapes(new Shape[] {s})[0];
            if (skips) {
                Shape skip = shapes.get(shapes.size() - 2 - k);
                s = new Shape(s.get(0), s.get(1) + skip.get(1), s.get(2), s.get(3));
            }
            merge.get(k).initialize(manager, dataType, s);
            s = merge.get(k).getOutputShapes(new Shape[] {s})[0];
        }
        if (finalUp != null) {
            finalUp.initialize(manager, dataType, s);
            s = finalUp.getOutputShapes(new Shape[] {s})[0];
            if (skips) {
                cross.initialize(manager, dataType, inputShapes[0]);
                s = new Shape(s.get(0), 2 * s.get(1), s.get(2), s.get(3));
            }
            finalMerge.initialize(manager, dataType, s);
            s = finalMerge.getOutputShapes(new Shape[] {s})[0];
        }
        last.initialize(manager, dataType, s);
        if (zeroLast) {
            // after the trainer's initializer has run: the network's correction starts at exactly 0
            last.getParameters().values().forEach(p -> p.getArray().set(new float[(int) p.getArray().size()]));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }
}
