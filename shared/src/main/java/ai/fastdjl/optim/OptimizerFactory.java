package ai.fastdjl.optim;

import java.util.List;

/** Builds an optimizer over a model's parameter groups (fastai's {@code opt_func}). */
@FunctionalInterface
public interface OptimizerFactory {
    GroupedOptimizer create(List<ParamGroup> groups);
}
