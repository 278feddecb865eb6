package ai.fastdjl.gan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A generator and a critic in one block, so one {@code Learner} trains both (fastai's {@code GANModule}). The mode
 * says which one learns:
 * <ul>
 *   <li>{@link Mode#CRITIC}: inputs {@code (real images, noise)}, outputs {@code (critic(real), critic(G(noise)))};
 *   the generator's parameters are frozen, so no gradient reaches them and the optimizer skips them;</li>
 *   <li>{@link Mode#GENERATOR}: input {@code noise}, output {@code critic(G(noise))}; the critic is frozen but passes
 *   the gradient through to the generator.</li>
 * </ul>
 * Freezing is what makes one optimizer over both sub-models correct: DJL's parameter store updates only parameters
 * that require a gradient. {@link GanTrainer} switches the mode and feeds the matching inputs.
 */
public final class GanModule extends AbstractBlock {
    private static final byte VERSION = 1;

    /** Which sub-model trains. */
    public enum Mode { CRITIC, GENERATOR }

    private final Block generator;
    private final Block critic;
    private final int noiseSize;
    private Mode mode;

    /**
     * @param generator maps {@code [N, noiseSize]} to images {@code [N, C, H, W]} in [-1, 1]
     * @param critic maps images to one score per image, {@code [N, 1]}, with no sigmoid (the loss applies one if needed)
     */
    public GanModule(Block generator, Block critic, int noiseSize) {
        super(VERSION);
        this.generator = addChildBlock("generator", generator);
        this.critic = addChildBlock("critic", critic);
        this.noiseSize = noiseSize;
        setMode(Mode.CRITIC);
    }

    public Block generator() {
        return generator;
    }

    public Block critic() {
        return critic;
    }

    public int noiseSize() {
        return noiseSize;
    }

    public Mode mode() {
        return mode;
    }

    /** Switches mode and freezes the sub-model that does not train in it (BatchNorm statistics are never trained). */
    public void setMode(Mode mode) {
        this.mode = mode;
        generator.freezeParameters(mode != Mode.GENERATOR, GanModule::isTrainable);
        critic.freezeParameters(mode != Mode.CRITIC, GanModule::isTrainable);
    }

    /**
     * The generator's images for {@code noise}, in evaluation mode (BatchNorm uses its running statistics); the
     * arrays live in the noise's manager.
     */
    public NDArray generate(NDArray noise) {
        ParameterStore ps = new ParameterStore(noise.getManager(), false);
        return generator.forward(ps, new NDList(noise), false).head();
    }

    static boolean isTrainable(Parameter p) {
        return p.getType() != Parameter.Type.RUNNING_MEAN && p.getType() != Parameter.Type.RUNNING_VAR;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        if (mode == Mode.CRITIC) {
            if (in.size() != 2) {
                throw new IllegalArgumentException("critic mode takes (real images, noise), got " + in.size() + " inputs");
            }
            NDArray fake = generator.forward(ps, new NDList(in.get(1)), training, params).head();
            NDArray realScore = critic.forward(ps, new NDList(in.get(0)), training, params).head();
            NDArray fakeScore = critic.forward(ps, new NDList(fake), training, params).head();
            return new NDList(realScore, fakeScore);
        }
        if (in.size() != 1 || in.head().getShape().dimension() != 2) {
            throw new IllegalArgumentException("generator mode takes noise [N, " + noiseSize + "], got " + in.getShapes()[0]);
        }
        NDArray fake = generator.forward(ps, in, training, params).head();
        return critic.forward(ps, new NDList(fake), training, params);
    }

    /** Initialised from the image shape {@code [1, C, H, W]} (what a Learner passes); the noise shape is known. */
    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape image = inputShapes[0];
        Shape noise = new Shape(image.get(0), noiseSize);
        generator.initialize(manager, dataType, noise);
        Shape produced = generator.getOutputShapes(new Shape[] {noise})[0];
        if (!produced.slice(1).equals(image.slice(1))) {
            throw new IllegalArgumentException("the generator makes images " + produced.slice(1) + " but the data are "
                    + image.slice(1));
        }
        critic.initialize(manager, dataType, image);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape first = inputShapes[0];
        Shape image = first.dimension() == 2 ? generator.getOutputShapes(new Shape[] {first})[0] : first;
        Shape score = critic.getOutputShapes(new Shape[] {image})[0];
        return inputShapes.length == 2 ? new Shape[] {score, score} : new Shape[] {score};
    }
}
