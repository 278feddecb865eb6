package ai.fastdjl.text.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class PlainRnnTest {
    @Test
    void twoStepsByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            PlainRnn rnn = new PlainRnn(2, 2, PlainRnn.Init.IDENTITY);
            rnn.initialize(m, DataType.FLOAT32, new Shape(1, 2, 2));
            // identity init: the state is carried over unchanged
            assertArrayEquals(new float[] {1, 0, 0, 1}, rnn.getParameters().get("weight_hh").getArray()
                    .toFloatArray());
            rnn.getParameters().get("weight_ih").getArray().set(new float[] {1, 2, 0, -1});
            rnn.getParameters().get("weight_hh").getArray().set(new float[] {0.5f, 0, 0.25f, 1});
            rnn.getParameters().get("bias").getArray().set(new float[] {0.1f, -0.2f});
            // x_0 = (1, 0), x_1 = (0, 1), h_{-1} = (0.3, -0.4)
            NDList out = rnn.forward(new ParameterStore(m, false), new NDList(m.create(new float[] {1, 0, 0, 1},
                    new Shape(1, 2, 2)), m.create(new float[] {0.3f, -0.4f}, new Shape(1, 2))), false);
            // step 0: W_ih x = (1, 0); W_hh h = (0.15, 0.075 - 0.4) ; + b
            double h00 = Math.tanh(1 + 0.15 + 0.1);
            double h01 = Math.tanh(0 + (0.25 * 0.3 - 0.4) - 0.2);
            // step 1: W_ih x = (2, -1)
            double h10 = Math.tanh(2 + 0.5 * h00 + 0.1);
            double h11 = Math.tanh(-1 + 0.25 * h00 + h01 - 0.2);
            float[] o = out.get(0).toFloatArray();
            assertEquals(h00, o[0], 1e-6);
            assertEquals(h01, o[1], 1e-6);
            assertEquals(h10, o[2], 1e-6);
            assertEquals(h11, o[3], 1e-6);
            assertArrayEquals(new float[] {o[2], o[3]}, out.get(1).toFloatArray(), 0);
        }
    }
}
