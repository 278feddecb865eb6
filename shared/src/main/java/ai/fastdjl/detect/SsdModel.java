package ai.fastdjl.detect;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.models.ResNet;
import java.util.ArrayList;
import java.util.List;

/**
 * A single-shot detector (Liu et al. 2016, "SSD"; fast.ai 2018 lesson 9's version on a ResNet): the lesson's
 * residual blocks halve the image down to the first detection map, further stride-2 residual blocks make the
 * smaller maps (one per {@link AnchorGrid} map, largest first), and on each map a 3×3 convolution predicts, for every
 * anchor of every cell, 4 box offsets ({@link AnchorGrid#encode}) and a score for each class and for the background.
 * The output is one array {@code [N, anchors, 4 + classes + 1]} in {@link AnchorGrid}'s anchor order (map by map,
 * cells row by row, then the anchors of a cell): offsets first, then the logits, background at index 0.
 */
public final class SsdModel extends AbstractBlock {
    private final List<Block> body = new ArrayList<>();
    private final List<Block> extras = new ArrayList<>();
    private final List<Block> heads = new ArrayList<>();
    private final int[] perCell;
    private final int outputs;

    /**
     * @param inChannels image channels
     * @param classes object classes (the background is added)
     * @param widths the body's stem (stride 2: the image's full resolution is not needed for objects of 16 px and
     *     more, and it is the costliest) and stages; each stage after the stem halves the resolution again, the last
     *     one gives the first (largest) detection map
     * @param perCell anchors per cell of each detection map, largest map first ({@link AnchorGrid#perCell})
     */
    public SsdModel(int inChannels, int classes, int[] widths, int[] perCell) {
        this.perCell = perCell.clone();
        this.outputs = 4 + classes + 1;
        body.add(addChildBlock("stem", ResNet.resBlock(inChannels, widths[0], 2, true)));
        for (int i = 1; i < widths.length; i++) {
            body.add(addChildBlock("stage" + i, ResNet.resBlock(widths[i - 1], widths[i], 2, true)));
        }
        int w = widths[widths.length - 1];
        for (int m = 1; m < perCell.length; m++) {
            extras.add(addChildBlock("extra" + m, ResNet.resBlock(w, w, 2, true)));
        }
        for (int m = 0; m < perCell.length; m++) {
            heads.add(addChildBlock("head" + m, Conv2d.builder().setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).setFilters(ResNet.paddedChannels(perCell[m] * outputs)).build()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        for (Block b : body) {
            x = b.forward(ps, new NDList(x), training).head();
        }
        NDList perMap = new NDList();
        for (int m = 0; m < perCell.length; m++) {
            if (m > 0) {
                x = extras.get(m - 1).forward(ps, new NDList(x), training).head();
            }
            NDArray h = heads.get(m).forward(ps, new NDList(x), training).head() // [N, k·outputs, f, f]
                    .get(new NDIndex(":, 0:" + perCell[m] * outputs));
            long n = h.getShape().get(0);
            // channels are anchor-major (anchor b's outputs at b·outputs …), so [N, f, f, k·outputs] reshapes to the
            // anchors of each cell in order
            perMap.add(h.transpose(0, 2, 3, 1).reshape(n, -1, outputs));
        }
        return new NDList(perMap.size() == 1 ? perMap.head() : NDArrays.concat(perMap, 1));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Block b : body) {
            b.initialize(manager, dataType, s);
            s = b.getOutputShapes(new Shape[] {s})[0];
        }
        for (int m = 0; m < perCell.length; m++) {
            if (m > 0) {
                extras.get(m - 1).initialize(manager, dataType, s);
                s = extras.get(m - 1).getOutputShapes(new Shape[] {s})[0];
            }
            heads.get(m).initialize(manager, dataType, s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputs) {
        Shape s = inputs[0];
        for (Block b : body) {
            s = b.getOutputShapes(new Shape[] {s})[0];
        }
        long anchors = 0;
        for (int m = 0; m < perCell.length; m++) {
            if (m > 0) {
                s = extras.get(m - 1).getOutputShapes(new Shape[] {s})[0];
            }
            anchors += s.get(2) * s.get(3) * perCell[m];
        }
        return new Shape[] {new Shape(inputs[0].get(0), anchors, outputs)};
    }

    /** The side of each detection map for square inputs of {@code size} pixels (what {@link AnchorGrid} needs). */
    public int[] mapSizes(int size) {
        int[] out = new int[perCell.length];
        int f = size;
        for (int i = 0; i < body.size(); i++) {
            f = (f + 1) / 2; // a stride-2 convolution with padding 1 rounds up
        }
        for (int m = 0; m < perCell.length; m++) {
            out[m] = f;
            f = (f + 1) / 2;
        }
        return out;
    }
}
