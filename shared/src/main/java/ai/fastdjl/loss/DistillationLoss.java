package ai.fastdjl.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.fastdjl.nd.Scalars;

/**
 * Knowledge distillation (Hinton, Vinyals &amp; Dean 2015): the student matches the teacher's softened
 * probabilities as well as the labels, {@code α·T²·KL(softmax(t/T) ‖ softmax(s/T)) + (1-α)·CE(s, y)}. A
 * temperature {@code T > 1} exposes how the teacher ranks the wrong classes ("dark knowledge"); {@code T²} keeps the
 * soft term's gradients on the scale of the hard term's.
 *
 * <p>Labels arrive as {@code [y, teacherLogits]} (the training set carries the teacher's logits as a second label
 * array); with labels alone (validation) this is plain cross-entropy.
 */
public class DistillationLoss extends SoftTargetCrossEntropy {
    private final double temperature;
    private final double alpha;

    /** @param temperature softmax temperature T; @param alpha weight of the soft (teacher) term */
    public DistillationLoss(double temperature, double alpha) {
        super("distillation");
        this.temperature = temperature;
        this.alpha = alpha;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray student = predictions.head();
        NDArray hard = perSample(labels.head(), student);
        if (labels.size() < 2) {
            return hard.mean();
        }
        return Scalars.mul(hard, 1 - alpha).add(Scalars.mul(soft(labels.get(1), student), alpha)).mean();
    }

    /** {@code T²·KL(softmax(t/T) ‖ softmax(s/T))} per sample. */
    public NDArray soft(NDArray teacherLogits, NDArray studentLogits) {
        NDArray logPt = Scalars.div(teacherLogits, temperature).logSoftmax(-1);
        NDArray logPs = Scalars.div(studentLogits, temperature).logSoftmax(-1);
        return Scalars.mul(logPt.exp().mul(logPt.sub(logPs)).sum(new int[] {-1}), temperature * temperature);
    }
}
