package ai.fastdjl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.loss.Loss;

/**
 * The course's loss for the largest object (fast.ai 2018, lesson 8's {@code detn_loss}): one head outputs
 * {@code classes} logits and 4 box numbers; the box is {@code sigmoid(outputs) · size} (corners {@code x0, y0, x1,
 * y1} in pixels, kept inside the image by the sigmoid), scored by L1 ("L1 loss is generally better than MSE": it does
 * not let the worst boxes dominate) or by MSE, plus {@code classWeight} times the cross-entropy of the class. The
 * target is {@code [N, 5]}: the class index, then the true box in pixels. With {@code classes = 0} it is a box
 * regressor alone. fastai weighs the cross-entropy by 20 for boxes in pixels of a 224 px image; {@link
 * #courseWeight} scales that to another image size so the two terms keep the course's balance.
 */
public final class ClassAndBoxLoss extends Loss {
    /** How the box is scored. */
    public enum BoxLoss { L1, MSE }

    private final int classes;
    private final double size;
    private final double classWeight;
    private final BoxLoss box;

    public ClassAndBoxLoss(int classes, double size, double classWeight, BoxLoss box) {
        super(box == BoxLoss.L1 ? "class_and_box_l1" : "class_and_box_mse");
        this.classes = classes;
        this.size = size;
        this.classWeight = classWeight;
        this.box = box;
    }

    /** fastai's weight of 20 on the cross-entropy for 224 px boxes, scaled to boxes of {@code size} pixels. */
    public static double courseWeight(double size) {
        return 20 * size / 224;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray out = predictions.head();
        NDArray target = labels.head();
        NDArray diff = boxes(out, classes, size).sub(target.get(new NDIndex(":, 1:5")));
        NDArray loss = (box == BoxLoss.L1 ? diff.abs() : diff.square()).mean();
        if (classes > 0) {
            NDArray logits = out.get(new NDIndex(":, 0:" + classes));
            NDArray cls = target.get(new NDIndex(":, 0")).toType(DataType.INT64, false);
            // a float: a double scalar times the 0-d mean would make the loss float64
            loss = loss.add(new SoftTargetCrossEntropy().perSample(cls, logits).mean().mul((float) classWeight));
        }
        return loss;
    }

    /** The boxes a head's outputs stand for: {@code sigmoid} of the last 4 of them, times {@code size}. */
    public static NDArray boxes(NDArray out, int classes, double size) {
        NDArray raw = out.get(new NDIndex(":, " + classes + ":" + (classes + 4)));
        return ai.djl.nn.Activation.sigmoid(raw).mul((float) size);
    }
}
