package ai.fastdjl.metric;

/**
 * Full-reference image quality, as super-resolution papers report it: PSNR, {@code 10 · log10(peak² / MSE)} in
 * decibels, and SSIM (Wang, Bovik, Sheikh &amp; Simoncelli 2004), the mean over the image of
 * {@code (2 μx μy + C1)(2 σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))} in an 11 × 11 Gaussian window of
 * σ = 1.5, with {@code C1 = (0.01 · peak)²}, {@code C2 = (0.03 · peak)²} (the paper's constants; windows that
 * would leave the image are not used, as scikit-image's {@code structural_similarity} with {@code gaussian_weights}
 * crops its border). Images are {@code [channels][height × width]} planes of values in {@code [0, peak]}; SSIM is
 * averaged over channels.
 */
public final class ImageQuality {
    /** The paper's window: 11 × 11, Gaussian of standard deviation 1.5. */
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private ImageQuality() {}

    /** Peak signal-to-noise ratio in dB; infinite for identical images. */
    public static double psnr(float[][] a, float[][] b, double peak) {
        double se = 0;
        long n = 0;
        for (int c = 0; c < a.length; c++) {
            for (int i = 0; i < a[c].length; i++) {
                double d = a[c][i] - b[c][i];
                se += d * d;
            }
            n += a[c].length;
        }
        double mse = se / n;
        return mse == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(peak * peak / mse);
    }

    /** Mean SSIM of two images of {@code width} columns; 1 for identical images. */
    public static double ssim(float[][] a, float[][] b, int width, double peak) {
        int height = a[0].length / width;
        if (height < WINDOW || width < WINDOW) {
            throw new IllegalArgumentException(width + "×" + height + " image: SSIM's window needs at least "
                    + WINDOW + "×" + WINDOW);
        }
        double[] g = new double[WINDOW];
        double sum = 0;
        for (int i = 0; i < WINDOW; i++) {
            g[i] = Math.exp(-Math.pow(i - WINDOW / 2, 2) / (2 * SIGMA * SIGMA));
            sum += g[i];
        }
        double c1 = Math.pow(K1 * peak, 2);
        double c2 = Math.pow(K2 * peak, 2);
        double total = 0;
        long windows = 0;
        for (int c = 0; c < a.length; c++) {
            for (int y = 0; y + WINDOW <= height; y++) {
                for (int x = 0; x + WINDOW <= width; x++) {
                    double mx = 0;
                    double my = 0;
                    double xx = 0;
                    double yy = 0;
                    double xy = 0;
                    for (int dy = 0; dy < WINDOW; dy++) {
                        for (int dx = 0; dx < WINDOW; dx++) {
                            double w = g[dy] * g[dx] / (sum * sum);
                            int i = (y + dy) * width + x + dx;
                            double p = a[c][i];
                            double q = b[c][i];
                            mx += w * p;
                            my += w * q;
                            xx += w * p * p;
                            yy += w * q * q;
                            xy += w * p * q;
                        }
                    }
                    double vx = xx - mx * mx;
                    double vy = yy - my * my;
                    double cov = xy - mx * my;
                    total += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                    windows++;
                }
            }
        }
        return total / windows;
    }

    /** PSNR and SSIM averaged over a batch {@code [N, C, H, W]} of image pairs (per image, then the mean). */
    public static double[] meanPsnrSsim(ai.djl.ndarray.NDArray predicted, ai.djl.ndarray.NDArray target, double peak) {
        long[] s = predicted.getShape().getShape();
        if (!predicted.getShape().equals(target.getShape())) {
            throw new IllegalArgumentException("image batches of shapes " + predicted.getShape() + " and "
                    + target.getShape() + " cannot be compared");
        }
        int n = (int) s[0];
        int c = (int) s[1];
        int hw = (int) (s[2] * s[3]);
        float[] a = predicted.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[] b = target.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        double psnr = 0;
        double ssim = 0;
        for (int i = 0; i < n; i++) {
            float[][] x = new float[c][];
            float[][] y = new float[c][];
            for (int ch = 0; ch < c; ch++) {
                int off = (i * c + ch) * hw;
                x[ch] = java.util.Arrays.copyOfRange(a, off, off + hw);
                y[ch] = java.util.Arrays.copyOfRange(b, off, off + hw);
            }
            psnr += Math.min(psnr(x, y, peak), MAX_PSNR);
            ssim += ssim(x, y, (int) s[3], peak);
        }
        return new double[] {psnr / n, ssim / n};
    }

    /** A cap for identical pairs in {@link #meanPsnrSsim}, so one perfect image does not make the mean infinite. */
    public static final double MAX_PSNR = 100;
}
