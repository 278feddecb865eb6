package ai.fastdjl.vision;

import ai.djl.ndarray.NDList;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;

/**
 * Progressive resizing (the course's DAWNBench trick): train on smaller images first — each batch is cheaper and the
 * model learns coarse shapes — then at full size for the rest. Training batches are shrunk to {@code smallSize}
 * until {@code switchPct} of training; validation always sees full-size images. Needs a model that accepts any
 * size (convolutions and global pooling, as {@code ResNet}).
 */
public class ProgressiveResize implements Callback {
    private final int smallSize;
    private final double switchPct;

    public ProgressiveResize(int smallSize, double switchPct) {
        this.smallSize = smallSize;
        this.switchPct = switchPct;
    }

    /** After augmentation (-10), which works at full resolution. */
    @Override
    public int order() {
        return -5;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (learn.training() && learn.pctTrain() < switchPct) {
            learn.setXb(new NDList(Augment.resize(learn.xb().head(), smallSize)));
        }
    }
}
