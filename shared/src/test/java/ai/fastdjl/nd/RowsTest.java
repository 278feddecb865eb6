package ai.fastdjl.nd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class RowsTest {
    @Test
    void aMatrixComesBackRowByRowAndOtherTypesReadAsFloat() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[][] rows = Rows.of(m.create(new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3)));
            assertArrayEquals(new float[] {1, 2, 3}, rows[0]);
            assertArrayEquals(new float[] {4, 5, 6}, rows[1]);
            assertArrayEquals(new float[] {7, 8}, Rows.of(m.create(new long[] {7, 8}, new Shape(1, 2)))[0]);
            assertThrows(IllegalArgumentException.class, () -> Rows.of(m.create(new float[] {1, 2})));
        }
    }
}
