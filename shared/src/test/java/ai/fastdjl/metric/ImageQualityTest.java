package ai.fastdjl.metric;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ImageQualityTest {
    static float[][] constant(float v, int n) {
        float[] p = new float[n * n];
        Arrays.fill(p, v);
        return new float[][] {p};
    }

    @Test
    void psnrOfKnownPairs() {
        // every pixel off by 0.1 on a 0-1 scale: MSE 0.01, PSNR 10·log10(1 / 0.01) = 20 dB
        assertEquals(20, ImageQuality.psnr(constant(0.5f, 4), constant(0.6f, 4), 1), 1e-4);
        // on a 0-255 scale, off by 1: 10·log10(255²) = 48.13 dB
        assertEquals(10 * Math.log10(255 * 255), ImageQuality.psnr(constant(100, 4), constant(101, 4), 255), 1e-6);
        assertEquals(Double.POSITIVE_INFINITY, ImageQuality.psnr(constant(0.3f, 4), constant(0.3f, 4), 1));
    }

    @Test
    void ssimOfKnownPairs() {
        Random r = new Random(1);
        float[] p = new float[32 * 32];
        for (int i = 0; i < p.length; i++) {
            p[i] = r.nextFloat();
        }
        float[][] img = {p};
        assertEquals(1, ImageQuality.ssim(img, img, 32, 1), 1e-9);
        // flat images 0.5 and 0.6: no variance, so SSIM is the luminance term (2·0.5·0.6 + C1) / (0.5² + 0.6² + C1)
        double c1 = 0.01 * 0.01;
        assertEquals((0.6 + c1) / (0.61 + c1), ImageQuality.ssim(constant(0.5f, 16), constant(0.6f, 16), 16, 1),
                1e-6);
        // noise lowers it
        float[] noisy = p.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += (float) (0.2 * r.nextGaussian());
        }
        assertTrue(ImageQuality.ssim(img, new float[][] {noisy}, 32, 1) < 0.9);
    }
}
