package ai.fastdjl.detect;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * SSD's default boxes (Liu et al. 2016, §2.2 "Choosing scales and aspect ratios for default boxes"): each cell of
 * each feature map carries a few boxes centred on it, of that map's scale and a few aspect ratios, so coarse maps
 * answer for big objects and fine maps for small ones. The network then predicts, per default box, class scores and
 * four offsets from the box ({@link #encode}), rather than raw coordinates, which keeps its targets small and
 * comparable across sizes.
 *
 * <p>Maps are square grids over the unit square, given by their side ({@code {4, 2, 1}}: 4×4, 2×2 and 1×1). Map
 * {@code k} (from 1, of {@code m}) has scale s_k = s_min + (s_max − s_min)(k − 1)/(m − 1) (SSD eq. 4), and per
 * cell, for each aspect ratio a, a box of width s_k√a and height s_k/√a, plus, for ratio 1, one of side
 * √(s_k s_{k+1}).
 * Anchors are ordered map by map, cells row-major (row = y), then a cell's boxes in ratio order with the extra box
 * right after the ratio-1 box (torchvision's {@code DefaultBoxGenerator}; Caffe SSD's {@code PriorBoxLayer}), so a head
 * that flattens each map's [rows, cols, boxes] output and concatenates the maps lines up with {@link #anchors()}.
 * Anchors are not clipped to the unit square: a wide box on the coarsest map sticks out, as in Caffe SSD ({@code
 * clip: false}); decoded boxes can be clipped with {@link Box#clip}.
 */
public final class AnchorGrid {
    /** Smallest scale, of the finest map (SSD §2.2). */
    public static final double S_MIN = 0.2;
    /** Largest scale, of the coarsest map (SSD §2.2). */
    public static final double S_MAX = 0.9;
    /**
     * The scale past the last map, s_{m+1}, that only the last map's extra box uses: SSD's paper leaves it open;
     * torchvision's {@code DefaultBoxGenerator} appends 1.0 to the computed scales.
     */
    public static final double LAST_EXTRA_SCALE = 1.0;
    /** Offset variance of the centre (Caffe SSD's {@code prior_variance} 0.1; torchvision SSD's coder weight 10). */
    public static final double CENTRE_VARIANCE = 0.1;
    /** Offset variance of the log size (Caffe SSD's {@code prior_variance} 0.2; torchvision SSD's coder weight 5). */
    public static final double SIZE_VARIANCE = 0.2;
    /**
     * Largest log size change {@link #decode} applies, so a wild prediction gives a large box, not an infinite one
     * (torchvision's {@code BoxCoder} {@code bbox_xform_clip} = ln(1000/16)).
     */
    public static final double MAX_LOG_SIZE = Math.log(1000.0 / 16);
    /**
     * Default aspect ratios (width/height) of every map: SSD §2.2 uses {1, 2, 3, 1/2, 1/3}; these are the ones of
     * SSD300's 4-box maps (§3.1: conv4_3, conv10_2 and conv11_2 omit 3 and 1/3).
     */
    private static final double[] RATIOS = {1, 2, 0.5};

    private final int[] mapSizes;
    private final int[] perCell;
    private final List<Box> anchors;

    private AnchorGrid(int[] mapSizes, int[] perCell, List<Box> anchors) {
        this.mapSizes = mapSizes;
        this.perCell = perCell;
        this.anchors = Collections.unmodifiableList(anchors);
    }

    /** SSD's defaults over maps of the given sides: scales 0.2 to 0.9, ratios {1, 2, 1/2}, and the extra box. */
    public static AnchorGrid ssd(int... mapSizes) {
        return builder(mapSizes).build();
    }

    /** A builder over maps of the given sides (finest first, as SSD's scales grow with k). */
    public static Builder builder(int... mapSizes) {
        if (mapSizes == null || mapSizes.length == 0) {
            throw new IllegalArgumentException("no feature maps; give at least one map side, e.g. {4, 2, 1}");
        }
        for (int f : mapSizes) {
            if (f < 1) {
                throw new IllegalArgumentException("feature map side " + f + " in " + Arrays.toString(mapSizes)
                        + "; every side must be >= 1");
            }
        }
        return new Builder(mapSizes.clone());
    }

    /** The default boxes, in the order described above (unmodifiable). */
    public List<Box> anchors() {
        return anchors;
    }

    public int size() {
        return anchors.size();
    }

    /** The number of feature maps. */
    public int maps() {
        return mapSizes.length;
    }

    /** Boxes per cell of map {@code map} (from 0): the depth of that map's box and class outputs. */
    public int perCell(int map) {
        if (map < 0 || map >= perCell.length) {
            throw new IllegalArgumentException("map " + map + " of " + perCell.length + "; maps count from 0");
        }
        return perCell[map];
    }

    /**
     * The regression target of {@code gt} against {@code anchor}: centre offsets in anchor sizes and log size ratios,
     * each divided by its variance (SSD eq. 2 with Caffe SSD's variances), so they are near unit scale to learn.
     */
    public static float[] encode(Box gt, Box anchor) {
        checkSize(anchor, "anchor");
        checkSize(gt, "ground-truth box");
        return new float[] {
            (float) ((gt.cx() - anchor.cx()) / anchor.width() / CENTRE_VARIANCE),
            (float) ((gt.cy() - anchor.cy()) / anchor.height() / CENTRE_VARIANCE),
            (float) (Math.log(gt.width() / anchor.width()) / SIZE_VARIANCE),
            (float) (Math.log(gt.height() / anchor.height()) / SIZE_VARIANCE)
        };
    }

    /** The box that four offsets ({@link #encode}'s order) describe relative to {@code anchor}: encode's inverse. */
    public static Box decode(float[] offsets, Box anchor) {
        if (offsets == null || offsets.length != 4) {
            throw new IllegalArgumentException("decode needs 4 offsets (dx, dy, dw, dh), got "
                    + (offsets == null ? "null" : offsets.length));
        }
        return decode(offsets, 0, anchor);
    }

    /**
     * The flat [anchors × 4] regression targets for a {@link AnchorMatcher#match} result: anchor {@code a}'s offsets
     * to {@code gts.get(match[a])}, zeros where {@code match[a]} is -1 (background anchors carry no box loss, SSD
     * eq. 2 sums over positives only, so their targets only need to be finite).
     */
    public float[] encodeAll(List<Box> gts, int[] match) {
        if (match.length != anchors.size()) {
            throw new IllegalArgumentException(match.length + " matches for " + anchors.size()
                    + " anchors; match against this grid's anchors()");
        }
        float[] out = new float[4 * match.length];
        for (int a = 0; a < match.length; a++) {
            if (match[a] < -1 || match[a] >= gts.size()) {
                throw new IllegalArgumentException("anchor " + a + " matched to ground truth " + match[a] + " of "
                        + gts.size() + "; use -1 for background");
            }
            if (match[a] >= 0) {
                System.arraycopy(encode(gts.get(match[a]), anchors.get(a)), 0, out, 4 * a, 4);
            }
        }
        return out;
    }

    /** The boxes that flat [anchors × 4] offsets (a network's box output) describe: {@link #decode} per anchor. */
    public List<Box> decodeAll(float[] offsets) {
        if (offsets.length != 4 * anchors.size()) {
            throw new IllegalArgumentException(offsets.length + " offsets for " + anchors.size()
                    + " anchors; give 4 per anchor, in anchors() order");
        }
        List<Box> out = new ArrayList<>(anchors.size());
        for (int a = 0; a < anchors.size(); a++) {
            out.add(decode(offsets, 4 * a, anchors.get(a)));
        }
        return out;
    }

    private static Box decode(float[] o, int at, Box anchor) {
        checkSize(anchor, "anchor");
        double cx = anchor.cx() + o[at] * CENTRE_VARIANCE * anchor.width();
        double cy = anchor.cy() + o[at + 1] * CENTRE_VARIANCE * anchor.height();
        double w = anchor.width() * Math.exp(Math.min(o[at + 2] * SIZE_VARIANCE, MAX_LOG_SIZE));
        double h = anchor.height() * Math.exp(Math.min(o[at + 3] * SIZE_VARIANCE, MAX_LOG_SIZE));
        return Box.centre(cx, cy, w, h);
    }

    private static void checkSize(Box b, String what) {
        if (!(b.width() > 0 && b.height() > 0)) {
            throw new IllegalArgumentException(what + " " + b + " has zero width or height, so no log size ratio; "
                    + "drop degenerate boxes before encoding");
        }
    }

    /** Explicit scales, ratios and the extra box; anything not set is SSD's default. */
    public static final class Builder {
        private final int[] mapSizes;
        private double sMin = S_MIN;
        private double sMax = S_MAX;
        private double[] scales;
        private final double[][] ratios;
        private boolean extraBox = true;

        private Builder(int[] mapSizes) {
            this.mapSizes = mapSizes;
            this.ratios = new double[mapSizes.length][];
            Arrays.fill(ratios, RATIOS);
        }

        /** SSD eq. 4's s_min and s_max (a single map gets s_min, with s_max as its s_{k+1}, as torchvision). */
        public Builder scaleRange(double sMin, double sMax) {
            if (!(sMin > 0 && sMin <= sMax && Double.isFinite(sMax))) {
                throw new IllegalArgumentException("scale range " + sMin + " to " + sMax + "; need 0 < s_min <= s_max");
            }
            this.sMin = sMin;
            this.sMax = sMax;
            this.scales = null;
            return this;
        }

        /**
         * One scale per map instead of eq. 4, plus optionally s_{m+1} for the last map's extra box (else {@link
         * #LAST_EXTRA_SCALE}).
         */
        public Builder scales(double... scales) {
            if (scales.length != mapSizes.length && scales.length != mapSizes.length + 1) {
                throw new IllegalArgumentException(scales.length + " scales for " + mapSizes.length
                        + " maps; give one per map, or one more for the last map's extra box");
            }
            for (double s : scales) {
                if (!(s > 0 && Double.isFinite(s))) {
                    throw new IllegalArgumentException("scale " + s + " in " + Arrays.toString(scales)
                            + "; scales must be finite and > 0");
                }
            }
            this.scales = scales.clone();
            return this;
        }

        /** The aspect ratios (width/height) of every map's cells. */
        public Builder ratios(double... ratios) {
            double[] r = checkRatios(ratios);
            Arrays.fill(this.ratios, r);
            return this;
        }

        /** The aspect ratios of map {@code map}'s cells (SSD300 gives its first and last maps fewer). */
        public Builder mapRatios(int map, double... ratios) {
            if (map < 0 || map >= mapSizes.length) {
                throw new IllegalArgumentException("map " + map + " of " + mapSizes.length + "; maps count from 0");
            }
            this.ratios[map] = checkRatios(ratios);
            return this;
        }

        /** Whether each cell also gets SSD's ratio-1 box of scale √(s_k s_{k+1}) (default on). */
        public Builder extraBox(boolean on) {
            this.extraBox = on;
            return this;
        }

        public AnchorGrid build() {
            int m = mapSizes.length;
            double[] s = new double[m + 1];
            if (scales != null) {
                System.arraycopy(scales, 0, s, 0, scales.length);
                if (scales.length == m) {
                    s[m] = LAST_EXTRA_SCALE;
                }
            } else if (m == 1) {
                s[0] = sMin; // eq. 4 divides by m - 1; torchvision takes [s_min, s_max] for one map
                s[1] = sMax;
            } else {
                for (int k = 0; k < m; k++) {
                    s[k] = sMin + (sMax - sMin) * k / (m - 1);
                }
                s[m] = LAST_EXTRA_SCALE;
            }
            int[] perCell = new int[m];
            List<Box> anchors = new ArrayList<>();
            for (int k = 0; k < m; k++) {
                double[] sizes = cellSizes(ratios[k], s[k], Math.sqrt(s[k] * s[k + 1]));
                perCell[k] = sizes.length / 2;
                int f = mapSizes[k];
                for (int row = 0; row < f; row++) {
                    for (int col = 0; col < f; col++) {
                        double cx = (col + 0.5) / f;
                        double cy = (row + 0.5) / f;
                        for (int b = 0; b < sizes.length; b += 2) {
                            anchors.add(Box.centre(cx, cy, sizes[b], sizes[b + 1]));
                        }
                    }
                }
            }
            return new AnchorGrid(mapSizes, perCell, anchors);
        }

        /** Widths and heights, interleaved, of one cell's boxes, the extra box after the first ratio 1 (else last). */
        private double[] cellSizes(double[] r, double s, double extra) {
            List<double[]> wh = new ArrayList<>();
            boolean placed = !extraBox;
            for (double a : r) {
                wh.add(new double[] {s * Math.sqrt(a), s / Math.sqrt(a)});
                if (a == 1 && !placed) {
                    wh.add(new double[] {extra, extra});
                    placed = true;
                }
            }
            if (!placed) {
                wh.add(new double[] {extra, extra});
            }
            return wh.stream().flatMapToDouble(Arrays::stream).toArray();
        }

        private static double[] checkRatios(double[] ratios) {
            if (ratios.length == 0) {
                throw new IllegalArgumentException("no aspect ratios; give at least one, e.g. 1");
            }
            for (double a : ratios) {
                if (!(a > 0 && Double.isFinite(a))) {
                    throw new IllegalArgumentException("aspect ratio " + a + " in " + Arrays.toString(ratios)
                            + "; ratios (width/height) must be finite and > 0");
                }
            }
            return ratios.clone();
        }
    }
}
