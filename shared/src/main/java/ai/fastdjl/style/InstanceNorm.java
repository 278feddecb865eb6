package ai.fastdjl.style;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import ai.fastdjl.nd.BatchScope;

/**
 * Instance normalisation (Ulyanov, Vedaldi &amp; Lempitsky 2016), which DJL lacks: every channel of every image
 * normalised by its own spatial mean and (biased) variance, then scaled and shifted per channel, PyTorch's
 * {@code InstanceNorm2d(affine=True)}. Fast style transfer uses it instead of BatchNorm: an image's style should not
 * depend on the other images of its batch, and the contrast of the content image is normalised away.
 */
public final class InstanceNorm extends AbstractBlock {
    /** PyTorch's default eps. */
    public static final float EPS = 1e-5f;
    private final Parameter gamma;
    private final Parameter beta;

    public InstanceNorm(int channels) {
        super((byte) 1);
        gamma = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ONES).build());
        beta = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA)
                .optShape(new Shape(channels)).optInitializer(Initializer.ZEROS).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> params) {
        NDArray x = in.head();
        long[] s = x.getShape().getShape();
        NDArray flat = x.reshape(s[0], s[1], s[2] * s[3]);
        NDArray mean = flat.mean(new int[] {2}, true);
        NDArray centred = flat.sub(mean);
        NDArray var = centred.square().mean(new int[] {2}, true);
        // the reshaped scale and shift belong to the batch, not to the model's manager (BatchScope)
        NDArray g = BatchScope.attach(x, ps.getValue(gamma, x.getDevice(), training).reshape(1, s[1], 1));
        NDArray b = BatchScope.attach(x, ps.getValue(beta, x.getDevice(), training).reshape(1, s[1], 1));
        return new NDList(centred.div(var.add(EPS).sqrt()).mul(g).add(b).reshape(new Shape(s)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] in) {
        return new Shape[] {in[0]};
    }
}
