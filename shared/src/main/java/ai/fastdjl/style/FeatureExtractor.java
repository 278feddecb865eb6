package ai.fastdjl.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * A frozen CNN that turns an image into the feature maps style transfer compares: the block's outputs, one per tapped
 * layer. Inputs are images {@code [N, C, H, W]} in [0, 1] with as many channels as the mean and std have (3 for the
 * ImageNet networks); the extractor applies the normalisation its network was trained with. The network runs in inference mode (BatchNorm uses its statistics) with its weights frozen, so only
 * the image receives gradients.
 */
public final class FeatureExtractor implements AutoCloseable {
    private final String name;
    private final Block block;
    private final List<String> layers;
    private final float[] mean;
    private final float[] std;
    private final AutoCloseable owner;
    private final ParameterStore ps;

    /**
     * @param block a block whose outputs are the feature maps named {@code layers}, already initialised
     * @param owner closed with the extractor (e.g. the {@code ZooModel} that holds a TorchScript block), or null
     */
    public FeatureExtractor(String name, Block block, List<String> layers, float[] mean, float[] std,
            AutoCloseable owner, NDManager manager) {
        this.name = name;
        this.block = block;
        this.layers = List.copyOf(layers);
        this.mean = mean.clone();
        this.std = std.clone();
        this.owner = owner;
        this.ps = new ParameterStore(manager, false);
        block.freezeParameters(true);
        // style transfer differentiates the image through every convolution: check them on this CPU first
        ai.fastdjl.numerics.ConvCheck.ensure(block);
    }

    /** Initialises {@code block} for {@code [1, 3, side, side]} images (loading its weights) and wraps it. */
    public static FeatureExtractor initialized(String name, Block block, List<String> layers, float[] mean, float[] std,
            NDManager manager, int side) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, side, side));
        return new FeatureExtractor(name, block, layers, mean, std, null, manager);
    }

    /** One feature map per layer of {@link #layers()}, for images in [0, 1]. */
    public NDList features(NDArray images) {
        NDManager m = images.getManager();
        NDArray mu = m.create(mean, new Shape(1, mean.length, 1, 1));
        NDArray sigma = m.create(std, new Shape(1, std.length, 1, 1));
        NDList out = block.forward(ps, new NDList(images.sub(mu).div(sigma)), false);
        if (out.size() != layers.size()) {
            throw new IllegalStateException(name + " returned " + out.size() + " arrays, expected the " + layers.size()
                    + " feature maps " + layers);
        }
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).getShape().dimension() != 4) {
                throw new IllegalStateException(name + "'s output " + i + " (" + layers.get(i) + ") has shape "
                        + out.get(i).getShape() + ", not a feature map [N, C, H, W]");
            }
        }
        return out;
    }

    public String name() {
        return name;
    }

    public List<String> layers() {
        return layers;
    }

    @Override
    public void close() {
        if (owner != null) {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close " + name, e);
            }
        }
    }
}
