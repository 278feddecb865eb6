package ai.fastdjl.learner;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.optim.OptimizerFactory;
import ai.fastdjl.report.RunFolder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** How a {@link Learner} is put together ({@link Learner#builder}); defaults are fastai's. */
public final class LearnerBuilder {
    final DataLoaders dls;
    final Block block;
    String name = "model";
    Loss loss = new SoftTargetCrossEntropy();
    OptimizerFactory opt = Adam.factory();
    final List<Evaluator> metrics = new ArrayList<>();
    final List<Callback> callbacks = new ArrayList<>();
    Splitter splitter = Splitter.single();
    int seed = 42;
    RunFolder run;
    int maxBatches = Integer.MAX_VALUE;
    Progress progress = Progress.BATCHES;
    Shape[] inputShapes;

    LearnerBuilder(DataLoaders dls, Block block) {
        this.dls = dls;
        this.block = block;
    }

    public LearnerBuilder name(String name) {
        this.name = name;
        return this;
    }

    /** Default: cross-entropy that accepts class indices or soft targets. */
    public LearnerBuilder loss(Loss loss) {
        this.loss = loss;
        return this;
    }

    /** Default: AdamW with fastai's defaults. */
    public LearnerBuilder opt(OptimizerFactory opt) {
        this.opt = opt;
        return this;
    }

    public LearnerBuilder metrics(Evaluator... metrics) {
        this.metrics.addAll(Arrays.asList(metrics));
        return this;
    }

    public LearnerBuilder callbacks(Callback... callbacks) {
        this.callbacks.addAll(Arrays.asList(callbacks));
        return this;
    }

    /** How the parameters split into groups for freezing and discriminative rates (default: one group). */
    public LearnerBuilder splitter(Splitter splitter) {
        this.splitter = splitter;
        return this;
    }

    public LearnerBuilder seed(int seed) {
        this.seed = seed;
        return this;
    }

    /** Where checkpoints, plots and reports go (none: the learner writes no files). */
    public LearnerBuilder run(RunFolder run) {
        this.run = run;
        return this;
    }

    /** Caps training batches per epoch (smoke runs and benchmarks); null for no cap. */
    public LearnerBuilder maxBatches(Integer maxBatches) {
        this.maxBatches = maxBatches == null ? Integer.MAX_VALUE : maxBatches;
        return this;
    }

    /** What the learner prints while it trains (default: the table and a live bar). */
    public LearnerBuilder progress(Progress progress) {
        this.progress = progress;
        return this;
    }

    /** Input shapes to initialise the model with (default: one training sample's, batch axis 1). */
    public LearnerBuilder inputShapes(Shape... shapes) {
        this.inputShapes = shapes;
        return this;
    }

    public Learner build() {
        return new Learner(this);
    }
}
