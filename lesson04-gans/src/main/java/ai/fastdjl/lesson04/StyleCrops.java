package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.datasets.StyleImages;
import ai.fastdjl.style.RgbImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Training images for fast style transfer from a handful of photographs: each photo's centre square at twice the
 * training side, then random crops of the side, half of them mirrored. Johnson et al. trained on 80,000 COCO images;
 * offline there are a dozen photos, and crops at random offsets and flips are what makes them many.
 */
final class StyleCrops {
    private StyleCrops() {}

    /** {@code n} crops {@code [n, 3, side, side]} on [0, 1], the same for the same seed. */
    static NDArray random(List<Path> photos, int n, int side, long seed, NDManager m) {
        int big = 2 * side;
        float[][] images = new float[photos.size()][];
        for (int i = 0; i < photos.size(); i++) {
            try (NDManager scratch = m.newSubManager()) {
                images[i] = RgbImage.read(photos.get(i), big, scratch).toFloatArray();
            }
        }
        Random r = new Random(seed);
        float[] out = new float[n * 3 * side * side];
        for (int k = 0; k < n; k++) {
            float[] src = images[r.nextInt(images.length)];
            int y0 = r.nextInt(big - side + 1);
            int x0 = r.nextInt(big - side + 1);
            boolean flip = r.nextBoolean();
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        int sx = flip ? x0 + side - 1 - x : x0 + x;
                        out[((k * 3 + c) * side + y) * side + x] = src[(c * big + y0 + y) * big + sx];
                    }
                }
            }
        }
        return m.create(out, new Shape(n, 3, side, side));
    }

    /** Each named photo read at {@code grid × side} and cut into {@code grid × grid} tiles of {@code side}. */
    static NDArray tiles(List<String> names, int grid, int side, boolean fetch, NDManager m) {
        NDList tiles = new NDList();
        for (String name : names) {
            NDArray photo = RgbImage.read(StyleImages.resolve(name, fetch), grid * side, m);
            for (int y = 0; y < grid; y++) {
                for (int x = 0; x < grid; x++) {
                    tiles.add(photo.get(":, :, {}:{}, {}:{}", y * side, (y + 1) * side, x * side, (x + 1) * side));
                }
            }
        }
        return NDArrays.concat(tiles);
    }
}
