package ai.fastdjl.style;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.optim.GroupedOptimizer;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.ParamGroup;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Optimises an image's pixels against a {@link StyleLoss}, keeping them in [0, 1]: with the project's Adam (the image
 * is the one parameter of a parameter group) or with {@link Lbfgs}. Budgets count evaluations of the loss (a forward
 * and a backward pass each), so both optimisers get the same compute.
 */
public final class PixelOptimizer {
    /** The loss terms at one evaluation (from 1). */
    public record Step(int evaluation, double total, double content, double style, double tv) {}

    private final StyleLoss loss;
    private final List<Step> history = new ArrayList<>();
    private final Consumer<Step> listener;

    public PixelOptimizer(StyleLoss loss, Consumer<Step> listener) {
        this.loss = loss;
        this.listener = listener;
    }

    /**
     * Adam on the pixels (PyTorch's defaults β = (0.9, 0.999), eps 1e-8; no weight decay), clamped to [0, 1] after each
     * step.
     *
     * @param image {@code [1, 3, H, W]} in [0, 1], updated in place
     */
    public NDArray adam(NDArray image, int steps, double lr) {
        Parameter p = Parameter.builder().setName("image").setType(Parameter.Type.WEIGHT).optShape(image.getShape())
                .build();
        ParamGroup group = new ParamGroup("image", List.of(p)).set(Hyper.LR, lr).set(Hyper.MOM, 0.9)
                .set(Hyper.SQR_MOM, 0.999).set(Hyper.EPS, 1e-8).set(Hyper.WD, 0);
        GroupedOptimizer adam = new Adam(List.of(group), false);
        NDManager home = image.getManager();
        image.setRequiresGradient(true);
        for (int i = 0; i < steps; i++) {
            NDArray grad;
            try (NDManager step = home.newSubManager()) {
                image.tempAttach(step);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    StyleLoss.Terms t = loss.evaluate(image);
                    gc.backward(t.total());
                    record(t);
                }
                grad = image.getGradient().duplicate();
                grad.attach(home);
            }
            adam.update(p.getId(), image, grad); // outside grad mode, with its state in the image's own manager
            grad.close();
            try (NDArray clamped = image.clip(0, 1)) {
                image.set(new NDIndex("..."), clamped);
            }
        }
        image.setRequiresGradient(false);
        return image;
    }

    /** L-BFGS on the pixels, projected onto [0, 1]; {@code evaluations} counts loss evaluations. */
    public NDArray lbfgs(NDArray image, int evaluations, int memory) {
        Shape shape = image.getShape();
        NDManager home = image.getManager();
        Lbfgs.Objective f = (x, grad) -> {
            try (NDManager step = home.newSubManager()) {
                NDArray xa = step.create(x, shape);
                xa.setRequiresGradient(true);
                StyleLoss.Terms t;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    t = loss.evaluate(xa);
                    gc.backward(t.total());
                }
                record(t);
                System.arraycopy(xa.getGradient().toFloatArray(), 0, grad, 0, grad.length);
                return t.total().getFloat();
            }
        };
        float[] best = new Lbfgs(memory).minimize(f, image.toFloatArray(), evaluations, PixelOptimizer::clamp01);
        image.set(new NDIndex("..."), home.create(best, shape));
        return image;
    }

    private void record(StyleLoss.Terms t) {
        Step s = new Step(history.size() + 1, t.total().getFloat(), t.content(), t.style(), t.tv());
        history.add(s);
        if (listener != null) {
            listener.accept(s);
        }
    }

    private static void clamp01(float[] x) {
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.min(Math.max(x[i], 0f), 1f);
        }
    }

    /** Every evaluation's loss terms, in order. */
    public List<Step> history() {
        return Collections.unmodifiableList(history);
    }
}
