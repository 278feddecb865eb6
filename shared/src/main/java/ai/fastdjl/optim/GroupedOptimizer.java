package ai.fastdjl.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A DJL {@link Optimizer} whose hyper-parameters live on parameter groups and may change every step, as fastai's
 * {@code Optimizer} does. DJL's own optimizers take one learning-rate tracker for all parameters and have no
 * momentum schedule; this class lets {@code Trainer.step()} drive fastai-style schedules and discriminative LRs.
 *
 * <p>Weight decay skips BatchNorm's scale and shift and every bias, as fastai's default {@code wd_bn_bias=False}:
 * decaying them only pulls normalisation and offsets towards zero without regularising what the layer computes
 * ({@link #decayBnAndBias} turns it back on).
 *
 * <p>Subclasses implement one parameter's update from its gradient and per-parameter state.
 */
public abstract class GroupedOptimizer extends Optimizer {
    private final List<ParamGroup> groups;
    private final Map<String, ParamGroup> groupOf = new HashMap<>();
    private final Map<String, NDArray[]> state = new LinkedHashMap<>();
    private final Map<String, Integer> steps = new HashMap<>();
    private final Set<String> noDecay = new HashSet<>();

    protected GroupedOptimizer(List<ParamGroup> groups, Map<Hyper, Double> defaults) {
        super(new NoBuilder());
        this.groups = List.copyOf(groups);
        for (ParamGroup g : groups) {
            defaults.forEach((h, v) -> {
                if (!g.has(h)) {
                    g.set(h, v);
                }
            });
            for (Parameter p : g.params()) {
                if (groupOf.put(p.getId(), g) != null) {
                    throw new IllegalArgumentException("parameter " + p.getName() + " is in two groups");
                }
                if (isBnOrBias(p)) {
                    noDecay.add(p.getId());
                }
            }
        }
    }

    /** fastai's {@code bn_bias_params}: normalisation layers' scale and shift (GAMMA, BETA) and biases. */
    public static boolean isBnOrBias(Parameter p) {
        return p.getType() == Parameter.Type.BIAS || isNormalization(p);
    }

    /** GAMMA and BETA parameters are only created by normalisation layers (BatchNorm, LayerNorm) in DJL. */
    static boolean isNormalization(Parameter p) {
        return p.getType() == Parameter.Type.GAMMA || p.getType() == Parameter.Type.BETA;
    }

    /**
     * Freezes groups {@code [0, n)} (or all but the last {@code -n} when negative) and unfreezes the rest (fastai's
     * {@code freeze_to}). BatchNorm's scale and shift stay trainable in frozen groups, as fastai's
     * {@code train_bn=True}: the statistics of new data differ, and these few parameters adapt to them cheaply.
     * Running statistics are not trained, so freezing leaves them alone.
     */
    public void freezeTo(int n) {
        int frozen = n >= 0 ? n : groups.size() + n;
        for (int i = 0; i < groups.size(); i++) {
            for (Parameter p : groups.get(i).params()) {
                if (p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR) {
                    p.freeze(i < frozen && !isNormalization(p));
                }
            }
        }
    }

    /** fastai's {@code wd_bn_bias=True}: decay BatchNorm and bias parameters like the others. */
    public GroupedOptimizer decayBnAndBias() {
        noDecay.clear();
        return this;
    }

    /** The weight decay {@code parameterId} gets: its group's, or 0 for BatchNorm and biases. */
    public double weightDecay(String parameterId) {
        return noDecay.contains(parameterId) ? 0 : groupOf.get(parameterId).get(Hyper.WD);
    }

    public List<ParamGroup> groups() {
        return groups;
    }

    /** Sets {@code h} on every group: one value for all, or one value per group. */
    public void setHyper(Hyper h, double... values) {
        if (values.length != 1 && values.length != groups.size()) {
            throw new IllegalArgumentException(
                    values.length + " values of " + h + " for " + groups.size() + " parameter groups");
        }
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).set(h, values[values.length == 1 ? 0 : i]);
        }
    }

    /** Current value of {@code h} for each group. */
    public double[] hyper(Hyper h) {
        return groups.stream().mapToDouble(g -> g.get(h)).toArray();
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        ParamGroup g = groupOf.get(parameterId);
        if (g == null) {
            throw new IllegalStateException(
                    "parameter " + parameterId + " belongs to no parameter group; build the optimizer from all"
                            + " of the model's parameters");
        }
        int t = steps.merge(parameterId, 1, Integer::sum);
        NDArray[] s = state.computeIfAbsent(parameterId, k -> newState(weight));
        step(weight, grad, s, t, g, weightDecay(parameterId));
        if (!zeroesGradient()) {
            zeroGrad(weight);
        }
    }

    /**
     * Updates every trainable parameter in one call, in place of DJL's {@code Trainer.step()} (which hands
     * {@link #update} a copy of each gradient, one parameter per call), where the subclass has such a step
     * ({@link #stepsAllAtOnce}); the gradients are zeroed after, as fastai's {@code opt.step(); opt.zero_grad()}.
     * Returns false, having done nothing, where it has not: the caller then steps through the trainer.
     */
    public boolean stepAll() {
        if (!stepsAllAtOnce()) {
            return false;
        }
        List<NDArray> weights = new ArrayList<>();
        List<NDArray[]> states = new ArrayList<>();
        List<ParamGroup> owners = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        List<Double> decays = new ArrayList<>();
        for (ParamGroup g : groups) {
            for (Parameter p : g.params()) {
                if (!p.requiresGradient() || !p.isInitialized()) {
                    continue; // frozen, as DJL's ParameterStore skips them
                }
                NDArray w = p.getArray();
                weights.add(w);
                states.add(state.computeIfAbsent(p.getId(), k -> newState(w)));
                owners.add(g);
                counts.add(steps.merge(p.getId(), 1, Integer::sum));
                decays.add(weightDecay(p.getId()));
            }
        }
        stepAll(weights, states, counts.stream().mapToInt(Integer::intValue).toArray(), owners,
                decays.stream().mapToDouble(Double::doubleValue).toArray());
        return true;
    }

    /** True when the subclass implements {@link #stepAll(List, List, int[], List, double[])}. */
    protected boolean stepsAllAtOnce() {
        return false;
    }

    /**
     * Updates every weight in place from its own gradient and zeroes the gradient; lists aligned, {@code t} and
     * {@code wd} as in {@link #step}. A weight without a gradient (unused in this batch's forward) is left alone.
     */
    protected void stepAll(List<NDArray> weights, List<NDArray[]> states, int[] t, List<ParamGroup> groups,
            double[] wd) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no whole-model step");
    }

    /** Per-parameter state (moving averages), created zero on the weight's device at its first step. */
    protected abstract NDArray[] newState(NDArray weight);

    /**
     * Updates {@code weight} in place. {@code t} counts this parameter's steps from 1 (for Adam's bias correction).
     * Temporaries must be closed here: anything left attached to the weight's manager lives as long as the model.
     * {@code wd} is the weight decay for this parameter (the group's {@link Hyper#WD}, or 0 where it is exempt).
     */
    protected abstract void step(NDArray weight, NDArray grad, NDArray[] state, int t, ParamGroup g, double wd);

    /** True when {@link #step} already zeroes the weight's gradient (PyTorch's fused updates do). */
    protected boolean zeroesGradient() {
        return false;
    }

    /** Clears the gradient PyTorch accumulates on the weight; DJL's collector does not (see PtGradientCollector). */
    public static void zeroGrad(NDArray weight) {
        if (weight instanceof PtNDArray) {
            JniUtils.zeroGrad((PtNDArray) weight);
        } else if (weight.hasGradient()) {
            try (NDArray g = weight.getGradient()) {
                g.subi(g);
            }
        }
    }

    /** Forgets moving averages and step counts (fastai's {@code reset_opt}). */
    public void resetState() {
        state.values().forEach(arrays -> new NDList(arrays).close());
        state.clear();
        steps.clear();
    }

    /**
     * Writes step counts and state arrays, so a resumed run continues exactly where it stopped. Parameter ids are
     * random per model instance, so the file names each parameter by its stable path in the block ({@code names}:
     * id → path).
     */
    public void saveState(DataOutputStream out, Map<String, String> names) throws IOException {
        out.writeInt(state.size());
        NDList all = new NDList();
        for (Map.Entry<String, NDArray[]> e : state.entrySet()) {
            out.writeUTF(names.get(e.getKey()));
            out.writeInt(steps.getOrDefault(e.getKey(), 0));
            out.writeInt(e.getValue().length);
            all.addAll(List.of(e.getValue()));
        }
        byte[] bytes = all.isEmpty() ? new byte[0] : all.encode(); // NDList cannot decode an empty list
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /**
     * Reads what {@link #saveState} wrote ({@code ids}: path → id of this model instance); arrays go to
     * {@code manager} (the model's, so they live with it).
     */
    public void loadState(DataInputStream in, NDManager manager, Map<String, String> ids) throws IOException {
        resetState();
        int n = in.readInt();
        List<String> paramIds = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String path = in.readUTF();
            String id = ids.get(path);
            if (id == null) {
                throw new IOException("optimizer state for " + path + ", which this model does not have");
            }
            steps.put(id, in.readInt());
            paramIds.add(id);
            counts.add(in.readInt());
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        if (n == 0) {
            return;
        }
        NDList all = NDList.decode(manager, bytes);
        int k = 0;
        for (int i = 0; i < n; i++) {
            NDArray[] arrays = new NDArray[counts.get(i)];
            for (int j = 0; j < arrays.length; j++) {
                arrays[j] = all.get(k++);
            }
            state.put(paramIds.get(i), arrays);
        }
    }

    /** DJL's base class wants a builder; the group hyper-parameters replace all of its settings. */
    private static final class NoBuilder extends OptimizerBuilder<NoBuilder> {
        @Override
        protected NoBuilder self() {
            return this;
        }
    }
}
