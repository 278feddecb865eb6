package ai.fastdjl.data;

/**
 * Per-channel mean and standard deviation of images held as one {@code float[]} ({@code [N, C, H, W]} row-major),
 * and normalising by them: fastai's {@code Normalize.from_stats}, computed on the training set when no pretrained
 * model's statistics apply.
 */
public final class ChannelStats {
    private ChannelStats() {}

    /** {@code [2][channels]}: each channel's mean, then its standard deviation (at least 1e-6). */
    public static float[][] of(float[] pixels, int channels, int plane) {
        double[] sum = new double[channels];
        double[] sq = new double[channels];
        for (int k = 0; k < pixels.length; k++) {
            int c = (k / plane) % channels;
            sum[c] += pixels[k];
            sq[c] += (double) pixels[k] * pixels[k];
        }
        float[][] ms = new float[2][channels];
        double count = (double) pixels.length / channels;
        for (int c = 0; c < channels; c++) {
            ms[0][c] = (float) (sum[c] / count);
            ms[1][c] = (float) Math.sqrt(Math.max(1e-12, sq[c] / count - ms[0][c] * ms[0][c]));
        }
        return ms;
    }

    /** A normalised copy: {@code (x − mean[c]) / std[c]} for every value of channel c. */
    public static float[] normalise(float[] pixels, int channels, int plane, float[] mean, float[] std) {
        float[] f = new float[pixels.length];
        for (int k = 0; k < f.length; k++) {
            int c = (k / plane) % channels;
            f[k] = (pixels[k] - mean[c]) / std[c];
        }
        return f;
    }
}
