package ai.fastdjl.nd;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** A 2-D array's rows as Java arrays: model outputs handed to code that works sample by sample. */
public final class Rows {
    private Rows() {}

    /** {@code a [n, k]} (any numeric type, read as float32) as {@code n} rows of {@code k} floats. */
    public static float[][] of(NDArray a) {
        if (a.getShape().dimension() != 2) {
            throw new IllegalArgumentException("rows of a 2-D array, not of shape " + a.getShape());
        }
        int n = (int) a.getShape().get(0);
        int k = (int) a.getShape().get(1);
        float[] flat = (a.getDataType() == DataType.FLOAT32 ? a : a.toType(DataType.FLOAT32, false)).toFloatArray();
        float[][] out = new float[n][k];
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * k, out[i], 0, k);
        }
        return out;
    }
}
