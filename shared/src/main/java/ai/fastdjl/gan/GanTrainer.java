package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.CancelException;
import ai.fastdjl.learner.Learner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Trains a {@link GanModule} on the shared {@link Learner}: fastai's {@code GANTrainer} with its
 * {@code FixedGANSwitcher}. Each training batch is either a critic step or a generator step, {@code nCritic} critic
 * steps then one generator step (optionally more critic steps early on: {@link #withWarmup}). Before the batch it switches the module's mode (which freezes the other sub-model)
 * and replaces the inputs: {@code (real, noise)} for the critic, {@code noise} for the generator (the real batch is
 * then unused, as in fastai). With {@code clip > 0} it clips every critic parameter to {@code [-clip, clip]} after
 * each critic step (WGAN's Lipschitz constraint). A GAN has no validation set: validation is skipped.
 *
 * <p>It keeps the two losses apart, per batch and as epoch means; the learner's own recorder sees both mixed.
 */
public final class GanTrainer implements Callback {
    /** Before everything that reads the batch (the recorder is at 50). */
    public static final int ORDER = -20;

    private final GanModule module;
    private final int nCritic;
    private final double clip;
    private int warmupSteps;
    private int warmupCritic;
    private int criticRun;
    private long generatorSteps;
    private final List<Double> criticLosses = new ArrayList<>();
    private final List<Double> generatorLosses = new ArrayList<>();
    private final List<Double> criticEpoch = new ArrayList<>();
    private final List<Double> generatorEpoch = new ArrayList<>();
    private double criticSum;
    private int criticCount;
    private double generatorSum;
    private int generatorCount;

    /**
     * @param nCritic critic steps per generator step (DCGAN: 1; WGAN: 5)
     * @param clip weight-clipping bound for the critic, or 0 for none (WGAN: 0.01)
     */
    public GanTrainer(GanModule module, int nCritic, double clip) {
        if (nCritic < 1) {
            throw new IllegalArgumentException("nCritic must be at least 1, got " + nCritic);
        }
        this.module = module;
        this.nCritic = nCritic;
        this.clip = clip;
    }

    /**
     * The WGAN reference code's schedule: {@code criticSteps} critic steps (it uses 100) before each of the first
     * {@code generatorSteps} generator steps (25) and before every 500th, "to get the critic near optimality" early, so
     * that its estimate means something from the start. Off by default (fastai has no such schedule).
     */
    public GanTrainer withWarmup(int generatorSteps, int criticSteps) {
        this.warmupSteps = generatorSteps;
        this.warmupCritic = criticSteps;
        return this;
    }

    /** Critic steps before generator step {@code g} (from 0). */
    int criticStepsBefore(long g) {
        boolean warm = warmupSteps > 0 && (g < warmupSteps || g % 500 == 0);
        return warm ? Math.max(warmupCritic, nCritic) : nCritic;
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public void beforeEpoch(Learner learn) {
        criticSum = 0;
        criticCount = 0;
        generatorSum = 0;
        generatorCount = 0;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (!learn.training()) {
            return;
        }
        GanModule.Mode mode = criticRun < criticStepsBefore(generatorSteps) ? GanModule.Mode.CRITIC
                : GanModule.Mode.GENERATOR;
        if (mode != module.mode()) {
            module.setMode(mode);
        }
        NDArray real = learn.xb().head();
        NDArray noise = learn.batchManager().randomNormal(new Shape(real.getShape().get(0), module.noiseSize()));
        learn.setXb(mode == GanModule.Mode.CRITIC ? new NDList(real, noise) : new NDList(noise));
    }

    @Override
    public void afterStep(Learner learn) {
        if (clip > 0 && module.mode() == GanModule.Mode.CRITIC) {
            clip(module.critic(), clip);
        }
    }

    @Override
    public void afterBatch(Learner learn) {
        if (!learn.training()) {
            return;
        }
        if (module.mode() == GanModule.Mode.CRITIC) {
            criticRun++;
        } else {
            criticRun = 0;
            generatorSteps++;
        }
        if (learn.loss() == null) {
            return;
        }
        double l = learn.loss().getFloat();
        if (module.mode() == GanModule.Mode.CRITIC) {
            criticLosses.add(l);
            criticSum += l;
            criticCount++;
        } else {
            generatorLosses.add(l);
            generatorSum += l;
            generatorCount++;
        }
    }

    @Override
    public void beforeValidate(Learner learn) {
        throw new CancelException.Validate("a GAN has no validation set");
    }

    @Override
    public void afterEpoch(Learner learn) {
        criticEpoch.add(criticCount > 0 ? criticSum / criticCount : Double.NaN);
        generatorEpoch.add(generatorCount > 0 ? generatorSum / generatorCount : Double.NaN);
    }

    /**
     * Clamps every trainable parameter of {@code block} to {@code [-c, c]} in place, BatchNorm's scale and shift
     * included (as the WGAN reference code clamps all of {@code netD.parameters()}).
     */
    public static void clip(Block block, double c) {
        for (Parameter p : block.getParameters().values()) {
            if (GanModule.isTrainable(p) && p.isInitialized()) {
                NDArray w = p.getArray();
                try (NDArray clipped = w.clip(-c, c)) {
                    w.set(new NDIndex("..."), clipped);
                }
            }
        }
    }

    public GanModule module() {
        return module;
    }

    public int nCritic() {
        return nCritic;
    }

    /** The critic's loss at each of its steps, over every fit. */
    public List<Double> criticLosses() {
        return Collections.unmodifiableList(criticLosses);
    }

    /** The generator's loss at each of its steps, over every fit. */
    public List<Double> generatorLosses() {
        return Collections.unmodifiableList(generatorLosses);
    }

    /** Mean critic loss of each epoch. */
    public List<Double> criticEpochLosses() {
        return Collections.unmodifiableList(criticEpoch);
    }

    /** Mean generator loss of each epoch. */
    public List<Double> generatorEpochLosses() {
        return Collections.unmodifiableList(generatorEpoch);
    }
}
