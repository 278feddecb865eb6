package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.pooling.Pool;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.gan.Upsample;

/**
 * Fashion-MNIST pairs for upsampling: the 28×28 image on [0, 1] and its low-resolution copy, each
 * {@code factor × factor} block averaged to one pixel (a camera of coarser pixels; fastai's "crappify" resizes
 * down the same way before its super-resolution lesson).
 *
 * @param high {@code [N, 1, 28, 28]} on [0, 1]
 * @param low {@code [N, 1, 28 / factor, 28 / factor]} on [0, 1]
 * @param labels {@code int64 [N]} class labels (for the task-based measure)
 */
public record LowResFashion(NDArray high, NDArray low, NDArray labels, int factor) {

    /** The training split ({@code --limit}) or the test split ({@code --valid-limit}), reduced by {@code factor}. */
    public static LowResFashion load(CommonOptions c, boolean train, int factor, NDManager m) {
        checkFactor(factor);
        FashionMnist.Split s = train ? FashionMnist.train(c) : FashionMnist.test(c);
        NDArray high = unit(s, m);
        return new LowResFashion(high, downscale(high, factor), s.labels(m), factor);
    }

    /** A one-line error unless {@code factor} shrinks a 28-pixel image to a whole number of pixels, at least 2. */
    public static void checkFactor(int factor) {
        int side = FashionMnist.SIZE;
        if (factor > side / 2) {
            throw new UserInputException("scale factor " + factor + ": Fashion-MNIST's " + side + "×" + side
                    + " images are too small to shrink by " + factor + " (at most " + side / 2 + "); use 2 or 4");
        }
        if (factor < 2 || side % factor != 0) {
            throw new UserInputException("scale factor " + factor + " does not divide Fashion-MNIST's " + side
                    + "-pixel side; use 2, 4, 7 or 14");
        }
    }

    /** Each {@code factor × factor} block averaged: {@code [N, C, H, W] → [N, C, H / f, W / f]}. */
    public static NDArray downscale(NDArray images, int factor) {
        Shape k = new Shape(factor, factor);
        return Pool.avgPool2d(images, k, k, new Shape(0, 0), false, true);
    }

    /** Pixels 0–255 → [0, 1]. */
    public static NDArray unit(FashionMnist.Split s, NDManager m) {
        byte[] p = s.pixels();
        float[] f = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            f[i] = (p[i] & 0xff) / 255f;
        }
        return m.create(f, new Shape(s.n(), 1, FashionMnist.SIZE, FashionMnist.SIZE));
    }

    /** Low-resolution images shown at the full side: each pixel a {@code factor × factor} square. */
    public static NDArray enlarge(NDArray low, int factor) {
        return new Upsample(factor).forward(null, new NDList(low), false).head();
    }

    /** [0, 1] (clipped) → [-1, 1], the range {@link ai.fastdjl.gan.SampleGrid} draws. */
    public static NDArray signed(NDArray unit) {
        return unit.clip(0, 1).mul(2).sub(1);
    }
}
