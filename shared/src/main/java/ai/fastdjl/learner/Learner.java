package ai.fastdjl.learner;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.dataset.RandomAccessDataset;
import ai.djl.training.evaluator.Evaluator;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.numerics.ConvCheck;
import ai.fastdjl.optim.GroupedOptimizer;
import ai.fastdjl.optim.Hyper;
import ai.fastdjl.optim.LrSlice;
import ai.fastdjl.optim.ParamGroup;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.schedule.FineTune;
import ai.fastdjl.schedule.OneCycle;
import ai.fastdjl.schedule.Scheds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Model + data + loss + optimizer + metrics + callbacks, and the training loop that fires their events: fastai's
 * {@code Learner}.
 *
 * <p>The loop is written on DJL's {@link GradientCollector} and {@link Trainer#step()} (the shape of DJL's
 * {@code EasyTrain.trainBatch}) because DJL's {@code TrainingListener} has no before-batch or after-loss events,
 * which mixup, gradient clipping and schedules need. Each batch's arrays live in the batch's own sub-manager and
 * are freed when the batch closes.
 */
public class Learner implements AutoCloseable {
    private final Model model;
    private final DataLoaders dls;
    private final Loss lossFn;
    private final List<Evaluator> metrics;
    private final List<Callback> callbacks = new ArrayList<>();
    private final int seed;
    private final RunFolder run;
    private final Recorder recorder;
    private final int maxBatches;
    private final Random random = new Random();

    private Trainer trainer;
    private GroupedOptimizer opt;
    private int fitCount;
    private int startEpoch;
    private boolean logging = true;

    // State of the running fit, read (and sometimes replaced) by callbacks.
    private NDList xb;
    private NDList yb;
    private NDList pred;
    private NDArray loss;
    private boolean training;
    private int epoch;
    private int nEpoch;
    private int iter;
    private int nIter;
    private long trainIter;
    private NDManager batchManager;

    Learner(LearnerBuilder b) {
        this.dls = b.dls;
        this.lossFn = b.loss;
        this.metrics = List.copyOf(b.metrics);
        this.seed = b.seed;
        this.run = b.run;
        this.maxBatches = b.maxBatches;
        this.recorder = new Recorder();
        callbacks.add(recorder);
        if (b.progress != Progress.NONE) {
            callbacks.add(new ProgressCallback(System.out, System.console() != null, b.progress == Progress.BATCHES));
        }
        callbacks.addAll(b.callbacks);
        if (b.callbacks.stream().noneMatch(c -> c instanceof NanGuard)) {
            callbacks.add(NanGuard.fail()); // a NaN run is never a result (an explicit guard replaces this one)
        }
        Engine.getInstance().setRandomSeed(seed);
        random.setSeed(seed);
        model = Model.newInstance(b.name);
        model.setBlock(b.block);
        model.setDataType(DataType.FLOAT32);
        DefaultTrainingConfig config = new DefaultTrainingConfig(lossFn);
        // The optimizer must exist before the trainer: DJL hands it to the parameter server at construction.
        // Its groups are filled from the (not yet initialised) Parameter objects, whose ids never change.
        opt = b.opt.create(ParamGroup.numbered(b.splitter.split(b.block)));
        config.optOptimizer(opt);
        trainer = model.newTrainer(config);
        trainer.initialize(b.inputShapes != null ? b.inputShapes : dls.inputShapes(model.getNDManager()));
        ConvCheck.ensure(b.block); // this model's convolutions, checked on this CPU before they train
    }

    public static LearnerBuilder builder(DataLoaders dls, Block model) {
        return new LearnerBuilder(dls, model);
    }


    /** Trains {@code nEpoch} epochs at the optimizer's current hyper-parameters plus {@code extra} callbacks. */
    public void fit(int nEpoch, Callback... extra) {
        List<Callback> added = Arrays.asList(extra);
        callbacks.addAll(added);
        callbacks.sort(Comparator.comparingInt(Callback::order));
        this.nEpoch = nEpoch;
        this.nIter = Math.min(dls.trainBatches(), maxBatches);
        int first = startEpoch;
        startEpoch = 0;
        this.trainIter = (long) first * nIter;
        fitCount++;
        try {
            withEvents(() -> {
                for (epoch = first; epoch < nEpoch; epoch++) {
                    withEvents(this::doEpoch, c -> c.beforeEpoch(this), CancelException.Epoch.class,
                            c -> c.afterEpoch(this));
                }
            }, c -> c.beforeFit(this), CancelException.Fit.class, c -> c.afterFit(this));
        } finally {
            callbacks.removeAll(added);
        }
    }

    /** Trains with a constant learning rate {@code lr} on every group. */
    public void fit(int nEpoch, double lr, Callback... extra) {
        opt.setHyper(Hyper.LR, lr);
        fit(nEpoch, extra);
    }

    /** Trains {@code nEpoch} epochs following {@code scheds} (e.g. a {@link OneCycle} or an {@code Sgdr} plan). */
    public void fit(int nEpoch, Scheds scheds, Callback... extra) {
        List<Callback> cbs = new ArrayList<>(Arrays.asList(extra));
        cbs.add(0, new ParamScheduler(scheds.forGroups(opt.groups().size())));
        fit(nEpoch, cbs.toArray(Callback[]::new));
    }

    /** fastai's {@code fit_one_cycle} with its defaults: see {@link OneCycle}. */
    public void fitOneCycle(int nEpoch, LrSlice lrMax, Callback... extra) {
        fit(nEpoch, OneCycle.builder(lrMax).build(), extra);
    }

    public void fitOneCycle(int nEpoch, double lrMax, Callback... extra) {
        fitOneCycle(nEpoch, LrSlice.flat(lrMax), extra);
    }

    /** fastai's {@code fine_tune} with its defaults: see {@link FineTune}. */
    public void fineTune(int epochs, double baseLr) { fineTune(epochs, baseLr, FineTune.defaults()); }

    /** Freeze → {@link FineTune#frozenCycle} → unfreeze → {@link FineTune#unfrozenCycle}. */
    public void fineTune(int epochs, double baseLr, FineTune how) {
        freeze();
        if (how.freezeEpochs() > 0) {
            fit(how.freezeEpochs(), how.frozenCycle(baseLr));
        }
        unfreeze();
        fit(epochs, how.unfrozenCycle(baseLr));
    }

    /** fastai's {@code lr_find}: see {@link LrFinder}. Writes {@code lr_find.png} to the run folder. */
    public LrFinder.Result lrFind() { return new LrFinder().find(this); }

    private void doEpoch() {
        reseed(epoch);
        training = true;
        withEvents(this::allTrainBatches, c -> c.beforeTrain(this), CancelException.Train.class,
                c -> c.afterTrain(this));
        training = false;
        withEvents(this::allValidBatches, c -> c.beforeValidate(this), CancelException.Validate.class,
                c -> c.afterValidate(this));
    }

    /** Each epoch reseeds from (seed, fit, epoch) so a run resumed at epoch e sees the same shuffles and dropout. */
    private void reseed(int e) {
        int s = seed * 1_000_003 + fitCount * 1_009 + e;
        Engine.getInstance().setRandomSeed(s);
        random.setSeed(s);
    }

    private void allTrainBatches() {
        iter = 0;
        for (Batch batch : DataLoaders.batches(dls.train(), trainer.getManager())) {
            try (batch) {
                if (iter >= nIter) {
                    break;
                }
                oneBatch(batch);
            }
            iter++;
            trainIter++;
        }
    }

    private void allValidBatches() {
        iter = 0;
        for (Batch batch : DataLoaders.batches(dls.valid(), trainer.getManager())) {
            try (batch) {
                oneBatch(batch);
            }
            iter++;
        }
    }

    private void oneBatch(Batch batch) {
        xb = batch.getData();
        yb = batch.getLabels();
        batchManager = batch.getManager();
        boolean stepped = false;
        try {
            event(c -> c.beforeBatch(this));
            if (training) {
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    pred = trainer.forward(xb, yb);
                    event(c -> c.afterPred(this));
                    loss = lossFn.evaluate(yb, pred);
                    event(c -> c.afterLoss(this));
                    collector.backward(loss);
                }
                // The step runs outside grad mode: PyTorch forbids in-place updates of leaves that need grad.
                event(c -> c.afterBackward(this));
                try {
                    if (!opt.stepAll()) { // an optimizer with a whole-model step skips DJL's per-parameter one
                        trainer.step();
                    }
                    stepped = true;
                    event(c -> c.afterStep(this));
                } catch (CancelException.Step e) {
                    event(c -> c.afterCancel(this, e));
                }
            } else {
                pred = trainer.evaluate(xb);
                event(c -> c.afterPred(this));
                loss = lossFn.evaluate(yb, pred);
                event(c -> c.afterLoss(this));
            }
        } catch (CancelException.Batch e) {
            event(c -> c.afterCancel(this, e));
        } finally {
            if (training && !stepped) {
                zeroGrad(); // PyTorch accumulates gradients: a skipped step must not leak them into the next batch
            }
        }
        event(c -> c.afterBatch(this));
        xb = yb = pred = null;
        loss = null;
        batchManager = null;
    }

    /** Clears every parameter's gradient (fastai's {@code zero_grad}, which it calls even when a step is skipped). */
    public void zeroGrad() {
        for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
            if (p.getValue().isInitialized() && p.getValue().getArray().hasGradient()) {
                GroupedOptimizer.zeroGrad(p.getValue().getArray());
            }
        }
    }

    private void event(Consumer<Callback> e) {
        List.copyOf(callbacks).forEach(e);
    }

    /** fastai's {@code _with_events}: before, body, (after-cancel if cancelled), after. */
    private void withEvents(Runnable body, Consumer<Callback> before, Class<? extends CancelException> cancel,
            Consumer<Callback> after) {
        try {
            event(before);
            body.run();
        } catch (CancelException e) {
            if (!cancel.isInstance(e)) {
                throw e;
            }
            event(c -> c.afterCancel(this, e));
        }
        event(after);
    }

    /** Freezes all parameter groups but the last (fastai's {@code freeze}). */
    public void freeze() { freezeTo(-1); }

    /** Trains every group. */
    public void unfreeze() { freezeTo(0); }

    /** See {@link GroupedOptimizer#freezeTo}: freezing works on the optimizer's parameter groups. */
    public void freezeTo(int n) { opt.freezeTo(n); }

    /** Predictions for every sample of {@code dataset} in evaluation mode, as arrays in {@code manager}. */
    public Preds getPreds(RandomAccessDataset dataset, NDManager manager) {
        return Preds.of(trainer, dataset, manager);
    }

    /** Model output for one batch of inputs, in evaluation mode. */
    public NDList predict(NDList inputs) { return trainer.evaluate(inputs); }

    /** Saves the weights (and the optimizer's state when {@code withOpt}) to {@code file}. */
    public void save(Path file, boolean withOpt) {
        Weights.saveCheckpoint(file, model.getBlock(), withOpt ? opt : null);
    }

    /** Loads what {@link #save} wrote: weights, and the optimizer state if it was saved. */
    public void load(Path file) {
        Weights.loadCheckpoint(file, model.getBlock(), model.getNDManager(), name -> true, opt);
    }

    /**
     * Loads only the weights whose parameter path {@code which} accepts, from a file {@link #save} wrote for the
     * same architecture (transfer learning: a pretrained body under a new head). The optimizer starts afresh.
     */
    public void load(Path file, Predicate<String> which) {
        Weights.loadCheckpoint(file, model.getBlock(), model.getNDManager(), which, null);
    }

    /** Accepts the parameters of the model's first child: the body of a {@code [body, head]} model. */
    public Predicate<String> body() {
        String first = model.getBlock().getChildren().keys().get(0);
        return name -> name.startsWith(first + "_");
    }

    /** The next {@link #fit} starts at {@code epoch} (checkpoint resume); schedules continue from there. */
    public void startAtEpoch(int epoch) { this.startEpoch = epoch; }

    @Override
    public void close() {
        trainer.close();
        model.close();
    }

    public Model model() { return model; }
    public Block block() { return model.getBlock(); }

    /** The model's learned parameters (weights, biases, BatchNorm's scale and shift; not its running statistics). */
    public long parameterCount() {
        long n = 0;
        for (var p : block().getParameters()) {
            var type = p.getValue().getType();
            if (type != ai.djl.nn.Parameter.Type.RUNNING_MEAN && type != ai.djl.nn.Parameter.Type.RUNNING_VAR) {
                n += p.getValue().getArray().size();
            }
        }
        return n;
    }
    public DataLoaders dls() { return dls; }
    public Trainer trainer() { return trainer; }
    public GroupedOptimizer opt() { return opt; }
    public Loss lossFn() { return lossFn; }
    public List<Evaluator> metrics() { return metrics; }
    public Recorder recorder() { return recorder; }
    public RunFolder run() { return run; }
    public int seed() { return seed; }
    /** A Java random source reseeded with the engine's every epoch (for callbacks such as mixup). */
    public Random random() { return random; }
    public NDList xb() { return xb; }
    public void setXb(NDList xb) { this.xb = xb; }
    public NDList yb() { return yb; }
    public void setYb(NDList yb) { this.yb = yb; }
    public NDList pred() { return pred; }
    public void setPred(NDList pred) { this.pred = pred; }
    public NDArray loss() { return loss; }
    public void setLoss(NDArray loss) { this.loss = loss; }
    /** The current batch's manager: arrays a callback creates here are freed with the batch. */
    public NDManager batchManager() { return batchManager; }
    public boolean training() { return training; }
    public int epoch() { return epoch; }
    public int nEpoch() { return nEpoch; }
    public int iter() { return iter; }
    public int nIter() { return nIter; }
    /** Training batches done in this fit, over all epochs. */
    public long trainIter() { return trainIter; }
    /** The cap on training batches per epoch ({@link LearnerBuilder#maxBatches}; {@code MAX_VALUE} for none). */
    public int maxBatches() { return maxBatches; }
    /** Runs {@code body} (a fit) without progress output or epoch history: the LR finder's trial run. */

    public void withoutLogging(Runnable body) {
        boolean was = logging;
        logging = false;
        try {
            body.run();
        } finally {
            logging = was;
        }
    }


    /** False during {@link #withoutLogging}: progress and history callbacks stay quiet. */
    public boolean logging() { return logging; }
    /** Fraction of this fit's training done: the argument of every schedule. */
    public double pctTrain() { return (double) trainIter / ((long) nEpoch * nIter); }
    public List<Callback> callbacks() { return List.copyOf(callbacks); }
    /** Adds a callback for all later fits. */

    public void addCallback(Callback cb) {
        callbacks.add(cb);
        callbacks.sort(Comparator.comparingInt(Callback::order));
    }

    public void removeCallback(Callback cb) {
        callbacks.remove(cb);
    }
}
