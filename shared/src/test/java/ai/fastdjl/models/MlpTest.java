package ai.fastdjl.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class MlpTest {
    @Test
    void hintonsStudentHasTheParametersOfTwoHiddenLayersOf800() {
        try (NDManager m = NDManager.newBaseManager()) {
            SequentialBlock mlp = Mlp.build(10, Mlp.HINTON_STUDENT);
            mlp.initialize(m, DataType.FLOAT32, new Shape(2, 1, 28, 28));
            long params = mlp.getParameters().values().stream().mapToLong(p -> p.getArray().size()).sum();
            // 784·800 + 800 + 800·800 + 800 + 800·10 + 10
            assertEquals(784L * 800 + 800 + 800L * 800 + 800 + 8000 + 10, params);
            var out = mlp.forward(new ParameterStore(m, false), new NDList(m.ones(new Shape(2, 1, 28, 28))), false);
            assertEquals(new Shape(2, 10), out.head().getShape());
        }
    }
}
