package ai.fastdjl.vision;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import java.util.Random;

/**
 * Data augmentation on whole batches of {@code [N, C, H, W]} images, as fastai's {@code batch_tfms}: random crops of
 * a reflection-padded image (the image shifted by up to {@code pad} pixels, its border mirrored instead of black) and
 * random horizontal flips. Each training batch gets new draws; validation batches are left alone.
 *
 * <p>Flips suit data whose meaning survives a mirror (clothes, animals), not text or digits.
 */
public class Augment implements Callback {
    private final int pad;
    private final boolean flip;

    /**
     * Shifts of up to 2 pixels and mirrors, for small images such as Fashion-MNIST's 28 × 28: 2 of 28 pixels is about
     * the course's 1 px at its 28 px, plus a margin. The lesson-1 mains that augment Fashion-MNIST all use this.
     */
    public static Augment smallImages() {
        return new Augment(2, true);
    }

    /** {@link #smallImages()} as the callbacks to add when {@code on}, none otherwise (a main's augmentation switch). */
    public static Callback[] smallImagesIf(boolean on) {
        return on ? new Callback[] {smallImages()} : new Callback[0];
    }

    /** @param pad maximum shift in pixels; @param flip also mirror half the images left-right */
    public Augment(int pad, boolean flip) {
        this.pad = pad;
        this.flip = flip;
    }

    /** Before mixup, which should mix augmented images. */
    @Override
    public int order() {
        return -10;
    }

    @Override
    public void beforeBatch(Learner learn) {
        if (learn.training()) {
            learn.setXb(new NDList(apply(learn.batchManager(), learn.xb().head(), learn.random())));
        }
    }

    /** One random augmentation of every image in {@code x}. */
    public NDArray apply(NDManager m, NDArray x, Random r) {
        int n = (int) x.getShape().get(0);
        NDArray out = x;
        if (pad > 0) {
            int[] dy = new int[n];
            int[] dx = new int[n];
            for (int i = 0; i < n; i++) {
                dy[i] = r.nextInt(2 * pad + 1);
                dx[i] = r.nextInt(2 * pad + 1);
            }
            out = crop(reflectPad(out, pad), dy, dx, x.getShape().get(2), x.getShape().get(3));
        }
        if (flip) {
            boolean[] mask = new boolean[n];
            for (int i = 0; i < n; i++) {
                mask[i] = r.nextBoolean();
            }
            out = flip(m, out, mask);
        }
        return out;
    }

    /** Pads the last two axes by {@code p} pixels, mirroring the image without repeating the edge (PyTorch's "reflect"). */
    public static NDArray reflectPad(NDArray x, int p) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        if (p >= h || p >= w) {
            throw new IllegalArgumentException("reflection padding " + p + " needs images larger than " + p);
        }
        NDArray rows = NDArrays.concat(new NDList(
                x.get(":, :, 1:" + (p + 1)).flip(2), x, x.get(":, :, " + (h - p - 1) + ":" + (h - 1)).flip(2)), 2);
        return NDArrays.concat(new NDList(
                rows.get(":, :, :, 1:" + (p + 1)).flip(3), rows,
                rows.get(":, :, :, " + (w - p - 1) + ":" + (w - 1)).flip(3)), 3);
    }

    /** Image {@code i} cut at rows {@code dy[i]..dy[i]+h} and columns {@code dx[i]..dx[i]+w}. */
    public static NDArray crop(NDArray x, int[] dy, int[] dx, long h, long w) {
        NDList parts = new NDList(dy.length);
        for (int i = 0; i < dy.length; i++) {
            parts.add(x.get(i + ":" + (i + 1) + ", :, " + dy[i] + ":" + (dy[i] + h) + ", " + dx[i] + ":" + (dx[i] + w)));
        }
        return NDArrays.concat(parts, 0);
    }

    /** Mirrors left-right the images whose {@code mask} entry is true. */
    public static NDArray flip(NDManager m, NDArray x, boolean[] mask) {
        // DJL's where() does not broadcast its condition: expand it to the batch's shape first
        NDArray sel = m.create(mask).reshape(new Shape(mask.length, 1, 1, 1)).broadcast(x.getShape());
        return NDArrays.where(sel, x.flip(3), x);
    }

    /** Resizes a batch to {@code size × size} (bilinear): progressive resizing trains small first. */
    public static NDArray resize(NDArray x, int size) {
        if (x.getShape().get(2) == size && x.getShape().get(3) == size) {
            return x;
        }
        // DJL interpolation mode 1 = bilinear (its Image.Interpolation order); alignCorners=false as PyTorch's default
        return x.getNDArrayInternal().interpolation(new long[] {size, size}, 1, false);
    }
}
