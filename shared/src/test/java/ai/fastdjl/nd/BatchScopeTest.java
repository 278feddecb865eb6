package ai.fastdjl.nd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.fastdjl.gan.SpectralNorm;
import ai.fastdjl.gan.TransposedConv;
import ai.fastdjl.seq.BahdanauAttention;
import ai.fastdjl.style.InstanceNorm;
import ai.fastdjl.text.models.PlainRnn;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The blocks whose forward pass computes from a parameter (a flip, a transpose, a reshape, a division) leave nothing
 * in the model's manager after a training step: every batch's arrays are closed with the batch (see
 * {@link BatchScope}; a transposed convolution without it leaked 1.6 MB a batch).
 */
class BatchScopeTest {
    @Test
    void transposedConvolution() {
        assertNoLeak(new TransposedConv(4, 4, 3, 2, 1, 1), m -> new NDList(m.randomNormal(new Shape(2, 4, 5, 5))),
                new Shape(2, 4, 5, 5));
    }

    @Test
    void spectralNorm() {
        assertNoLeak(SpectralNorm.wrap(Conv2d.builder().setFilters(3).setKernelShape(new Shape(3, 3)).build()),
                m -> new NDList(m.randomNormal(new Shape(2, 2, 6, 6))), new Shape(2, 2, 6, 6));
    }

    @Test
    void instanceNorm() {
        assertNoLeak(new InstanceNorm(3), m -> new NDList(m.randomNormal(new Shape(2, 3, 4, 4))),
                new Shape(2, 3, 4, 4));
    }

    @Test
    void plainRnn() {
        assertNoLeak(new PlainRnn(5, 6, PlainRnn.Init.RANDOM), m -> new NDList(m.randomNormal(new Shape(2, 4, 5))),
                new Shape(2, 4, 5));
    }

    @Test
    void bahdanauAttention() {
        // encoder outputs [batch, src, enc], a 1/0 mask [batch, src], decoder state [batch, hidden]
        assertNoLeak(new BahdanauAttention(6, 5, 4), m -> new NDList(m.randomNormal(new Shape(2, 3, 6)),
                m.ones(new Shape(2, 3)), m.randomNormal(new Shape(2, 5))), new Shape(2, 3, 6), new Shape(2, 3),
                new Shape(2, 5));
    }

    private static void assertNoLeak(Block block, Function<NDManager, NDList> batch, Shape... shapes) {
        try (NDManager model = NDManager.newBaseManager()) {
            block.initialize(model, DataType.FLOAT32, shapes);
            step(model, block, batch); // the first step may create lasting state (e.g. spectral norm's u and v)
            int before = ((BaseNDManager) model).getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                step(model, block, batch);
            }
            assertEquals(before, ((BaseNDManager) model).getManagedArrays().size(),
                    block.getClass().getSimpleName() + ": arrays left in the model's manager by 3 training steps");
        }
    }

    private static void step(NDManager model, Block block, Function<NDManager, NDList> batch) {
        try (NDManager sub = model.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList in = batch.apply(sub);
            NDArray out = block.forward(new ParameterStore(sub, false), in, true).head();
            gc.backward(out.sum());
        }
    }
}
