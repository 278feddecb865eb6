package ai.fastdjl.learner;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a model's parameters into groups, first to last, as fastai's {@code splitter}: freezing and
 * discriminative learning rates work on these groups.
 */
@FunctionalInterface
public interface Splitter {

    List<List<Parameter>> split(Block model);

    /** One group with every parameter (fastai's {@code trainable_params}). */
    static Splitter single() {
        return model -> List.of(params(model));
    }

    /**
     * For a sequential model {@code [body..., head]}: the body's children, then the last child (fastai's
     * {@code default_split} for a body/head model).
     */
    static Splitter bodyHead() {
        return model -> {
            List<Block> children = model.getChildren().values();
            if (children.size() < 2) {
                throw new IllegalArgumentException(
                        "bodyHead() needs a model with a body and a head child; this one has " + children.size());
            }
            List<Parameter> body = new ArrayList<>();
            for (Block b : children.subList(0, children.size() - 1)) {
                body.addAll(params(b));
            }
            return List.of(body, params(children.get(children.size() - 1)));
        };
    }

    /** Each direct child of the model is its own group (for gradual unfreezing layer by layer). */
    static Splitter perChild() {
        return model -> model.getChildren().values().stream().map(Splitter::params).filter(l -> !l.isEmpty()).toList();
    }

    /** Every parameter under {@code block}, in declaration order. */
    static List<Parameter> params(Block block) {
        List<Parameter> out = new ArrayList<>();
        block.getParameters().values().forEach(out::add);
        return out;
    }
}
