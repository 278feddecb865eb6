package ai.fastdjl.datasets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.data.SegmentationData;
import ai.fastdjl.detect.Box;
import ai.fastdjl.detect.DetectionData;
import ai.fastdjl.detect.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * Scenes of Fashion-MNIST items: a detection and segmentation data set that needs no download (no detection set is
 * reachable offline here). Each scene is a dark square canvas with {@code minItems … maxItems} items, each a
 * Fashion-MNIST image resized to a random side and placed at a random position, overlapping earlier items by at most
 * {@code maxIou} (so every item stays visible); optionally unlabelled clutter (small fragments of other items,
 * dimmed). Per scene: the pixels, each item's class and tight box, and a per-pixel class mask (0 background,
 * class + 1 where an item's pixel is lit, later items over earlier ones). Training scenes are built from
 * Fashion-MNIST's training images, validation scenes from its test images, so no item image is in both. A seed and
 * a scene's index fix the scene, whatever the number of scenes asked for.
 */
public final class FashionScenes {
    /** A pixel of an item at or above this value (of 255, i.e. 0.1) is the item's: its box and mask. */
    public static final int LIT = 26;

    private FashionScenes() {}

    /** An item: its class and its tight box in pixels, {@code x0, y0} inclusive, {@code x1, y1} exclusive. */
    public record Item(int cls, int x0, int y0, int x1, int y1) {
        public int area() {
            return (x1 - x0) * (y1 - y0);
        }

        /** The box in units of the canvas' side ({@code size} pixels), as a detector predicts it. */
        public Box box(int size) {
            double n = size;
            return new Box(x0 / n, y0 / n, x1 / n, y1 / n);
        }
    }

    /** One scene: {@code size × size} pixels on [0, 1] and the mask, row-major, and its items in drawing order. */
    public record Scene(int size, float[] pixels, int[] mask, List<Item> items) {
        /** The distinct classes in the scene, ascending. */
        public List<Integer> labels() {
            return List.copyOf(new TreeSet<>(items.stream().map(Item::cls).toList()));
        }

        /** The item with the largest box (the first of equals): the course's "largest object". */
        public Item largest() {
            Item best = items.get(0);
            for (Item it : items) {
                best = it.area() > best.area() ? it : best;
            }
            return best;
        }

        /** The items as a detector's ground truth, boxes in [0, 1] of the side. */
        public List<GroundTruth> truth() {
            return items.stream().map(it -> new GroundTruth(it.cls(), it.box(size))).toList();
        }
    }

    /**
     * How scenes are drawn. Defaults ({@link #DEFAULT}): 64 px canvases, 1–4 items with sides of 16–40 px (a
     * Fashion-MNIST item at 0.6 to 1.4 times its own 28 px), squares overlapping by IoU ≤ 0.2, no clutter.
     */
    public record Config(int size, int minItems, int maxItems, int minSide, int maxSide, double maxIou, int clutter) {
        public static final Config DEFAULT = new Config(64, 1, 4, 16, 40, 0.2, 0);

        public Config {
            if (minItems < 1 || maxItems < minItems || minSide < 4 || maxSide < minSide || maxSide > size) {
                throw new IllegalArgumentException(String.format("scene config %d px, %d–%d items of %d–%d px: pass"
                        + " 1 ≤ minItems ≤ maxItems and 4 ≤ minSide ≤ maxSide ≤ size", size, minItems, maxItems,
                        minSide, maxSide));
            }
        }

        public Config withClutter(int patches) {
            return new Config(size, minItems, maxItems, minSide, maxSide, maxIou, patches);
        }

        public Config withSize(int px, int minSidePx, int maxSidePx) {
            return new Config(px, minItems, maxItems, minSidePx, maxSidePx, maxIou, clutter);
        }
    }

    /** Training and validation scenes. */
    public record Split(List<Scene> train, List<Scene> valid) {}

    /**
     * {@code nTrain} scenes of {@code seed} from Fashion-MNIST's training images and {@code nValid} scenes of
     * {@code seed + 1} from its test images, so that no item image is in both.
     */
    public static Split split(DataLocation where, int nTrain, int nValid, Config c, long seed) {
        return new Split(generate(FashionMnist.load(where, true), nTrain, c, seed),
                generate(FashionMnist.load(where, false), nValid, c, seed + 1));
    }

    /** Scenes {@code 0 … n − 1} of {@code seed} drawn from the items of {@code src}. */
    public static List<Scene> generate(FashionMnist.Split src, int n, Config c, long seed) {
        List<Scene> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(scene(src, c, new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i)));
        }
        return out;
    }

    /** Pixels as {@code float32 [n, 1, size, size]}, normalised with Fashion-MNIST's mean and std. */
    public static NDArray images(NDManager m, List<Scene> scenes) {
        int size = scenes.get(0).size();
        int px = size * size;
        float[] f = new float[scenes.size() * px];
        for (int i = 0; i < scenes.size(); i++) {
            float[] p = scenes.get(i).pixels();
            for (int k = 0; k < px; k++) {
                f[i * px + k] = (p[k] - FashionMnist.MEAN) / FashionMnist.STD;
            }
        }
        return m.create(f, new Shape(scenes.size(), 1, size, size));
    }

    /** Scenes as a detector's data: one grey channel on [0, 1], the items as ground truth. */
    public static DetectionData detection(List<Scene> scenes) {
        int size = scenes.get(0).size();
        int px = size * size;
        float[] f = new float[scenes.size() * px];
        for (int i = 0; i < scenes.size(); i++) {
            System.arraycopy(scenes.get(i).pixels(), 0, f, i * px, px);
        }
        return new DetectionData(FashionMnist.CLASSES, 1, size, f, scenes.stream().map(Scene::truth).toList());
    }

    /** Scenes as segmentation data: one grey channel on [0, 1], the masks (0 background, class + 1). */
    public static SegmentationData segmentation(List<Scene> scenes) {
        int size = scenes.get(0).size();
        int px = size * size;
        float[] f = new float[scenes.size() * px];
        int[] masks = new int[scenes.size() * px];
        for (int i = 0; i < scenes.size(); i++) {
            System.arraycopy(scenes.get(i).pixels(), 0, f, i * px, px);
            System.arraycopy(scenes.get(i).mask(), 0, masks, i * px, px);
        }
        List<String> codes = new ArrayList<>(List.of("background"));
        codes.addAll(FashionMnist.CLASSES);
        return new SegmentationData(List.copyOf(codes), 1, size, f, masks);
    }

    /** Which classes each scene holds, {@code float32 [n, classes]} of 0 and 1 (multi-label targets). */
    public static NDArray multiHot(NDManager m, List<Scene> scenes) {
        int k = FashionMnist.CLASSES.size();
        float[] y = new float[scenes.size() * k];
        for (int i = 0; i < scenes.size(); i++) {
            for (int c : scenes.get(i).labels()) {
                y[i * k + c] = 1;
            }
        }
        return m.create(y, new Shape(scenes.size(), k));
    }

    private static Scene scene(FashionMnist.Split src, Config c, SplittableRandom r) {
        int size = c.size();
        float[] canvas = new float[size * size];
        int[] mask = new int[size * size];
        List<int[]> squares = new ArrayList<>();
        List<Item> items = new ArrayList<>();
        int want = c.minItems() + r.nextInt(c.maxItems() - c.minItems() + 1);
        for (int k = 0; k < want; k++) {
            int[] sq = null;
            for (int attempt = 0; attempt < 50 && sq == null; attempt++) { // 50: enough for 4 items on 64 px
                int side = c.minSide() + r.nextInt(c.maxSide() - c.minSide() + 1);
                int x = r.nextInt(size - side + 1);
                int y = r.nextInt(size - side + 1);
                int[] s = {x, y, x + side, y + side};
                sq = squares.stream().allMatch(o -> iou(o, s) <= c.maxIou()) ? s : null;
            }
            int source = r.nextInt(src.n());
            if (sq == null) {
                continue; // the canvas is full enough: fewer items than drawn
            }
            Item it = paste(src, source, sq, canvas, mask, size, true);
            if (it != null) {
                squares.add(sq);
                items.add(it);
            }
        }
        for (int k = 0; k < c.clutter(); k++) { // fragments of other items: lit pixels that are no object
            int side = Math.max(4, c.minSide() / 2);
            int x = r.nextInt(size - side + 1);
            int y = r.nextInt(size - side + 1);
            paste(src, r.nextInt(src.n()), new int[] {x, y, x + side, y + side}, canvas, mask, size, false);
        }
        return new Scene(size, canvas, mask, List.copyOf(items));
    }

    /**
     * Draws item {@code source} of {@code src} resized (bilinear) into square {@code sq}, lighter pixels winning;
     * as an object (its mask and tight box) or as clutter (half as bright, a 2×2 crop-zoom of the item, no mask).
     */
    private static Item paste(FashionMnist.Split src, int source, int[] sq, float[] canvas, int[] mask, int size,
            boolean object) {
        int s = sq[2] - sq[0];
        int base = source * FashionMnist.SIZE * FashionMnist.SIZE;
        int cls = src.labels()[source];
        double from = object ? 0 : FashionMnist.SIZE / 4.0; // clutter: the middle half of the item, magnified
        double span = object ? FashionMnist.SIZE : FashionMnist.SIZE / 2.0;
        int x0 = Integer.MAX_VALUE;
        int y0 = Integer.MAX_VALUE;
        int x1 = -1;
        int y1 = -1;
        for (int dy = 0; dy < s; dy++) {
            for (int dx = 0; dx < s; dx++) {
                double u = from + (dx + 0.5) * span / s - 0.5; // pixel centres, as torchvision's align_corners=False
                double v = from + (dy + 0.5) * span / s - 0.5;
                double val = bilinear(src.pixels(), base, u, v) * (object ? 1 : 0.5);
                int k = (sq[1] + dy) * size + sq[0] + dx;
                canvas[k] = Math.max(canvas[k], (float) (val / 255));
                if (object && val >= LIT) {
                    mask[k] = cls + 1;
                    x0 = Math.min(x0, sq[0] + dx);
                    y0 = Math.min(y0, sq[1] + dy);
                    x1 = Math.max(x1, sq[0] + dx + 1);
                    y1 = Math.max(y1, sq[1] + dy + 1);
                }
            }
        }
        return object && x1 > 0 ? new Item(cls, x0, y0, x1, y1) : null;
    }

    private static double bilinear(byte[] p, int base, double u, double v) {
        int n = FashionMnist.SIZE;
        u = Math.max(0, Math.min(n - 1, u));
        v = Math.max(0, Math.min(n - 1, v));
        int u0 = (int) Math.floor(u);
        int v0 = (int) Math.floor(v);
        int u1 = Math.min(n - 1, u0 + 1);
        int v1 = Math.min(n - 1, v0 + 1);
        double fu = u - u0;
        double fv = v - v0;
        double a = (p[base + v0 * n + u0] & 0xff) * (1 - fu) + (p[base + v0 * n + u1] & 0xff) * fu;
        double b = (p[base + v1 * n + u0] & 0xff) * (1 - fu) + (p[base + v1 * n + u1] & 0xff) * fu;
        return a * (1 - fv) + b * fv;
    }

    private static double iou(int[] a, int[] b) {
        int w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        int h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = (double) w * h;
        return inter / ((a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - inter);
    }
}
