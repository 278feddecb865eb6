package ai.fastdjl.detect;

/**
 * An axis-aligned box by its corners, {@code (x0, y0)} top left and {@code (x1, y1)} bottom right, in any unit: the
 * detector works in coordinates relative to the image ([0, 1] on both axes, as SSD's default boxes, Liu et al. 2016
 * §2.2), so one set of anchors serves every image size; {@link #scale} turns them into pixels. Coordinates are
 * continuous, as in torchvision's {@code box_iou} and COCO's cocoeval: a box's width is {@code x1 - x0}, not the
 * Pascal VOC devkit's {@code x1 - x0 + 1} for inclusive pixel indices.
 */
public record Box(double x0, double y0, double x1, double y1) {
    /** Rejects non-finite corners and corners in the wrong order, which would give negative sizes and wrong IoUs. */
    public Box {
        if (!(Double.isFinite(x0) && Double.isFinite(y0) && Double.isFinite(x1) && Double.isFinite(y1))) {
            throw new IllegalArgumentException("box [" + x0 + ", " + y0 + ", " + x1 + ", " + y1
                    + "] has a non-finite corner; look for a NaN or an overflow upstream");
        }
        if (x0 > x1 || y0 > y1) {
            throw new IllegalArgumentException("box [" + x0 + ", " + y0 + ", " + x1 + ", " + y1
                    + "] has x0 > x1 or y0 > y1; give the top-left corner first (or use Box.centre)");
        }
    }

    /** The box of width {@code w} and height {@code h} centred on {@code (cx, cy)}, the terms of SSD's encoding. */
    public static Box centre(double cx, double cy, double w, double h) {
        if (!(w >= 0 && h >= 0)) {
            throw new IllegalArgumentException("box size " + w + " x " + h + " is negative or NaN; sizes must be >= 0");
        }
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    public double width() {
        return x1 - x0;
    }

    public double height() {
        return y1 - y0;
    }

    public double area() {
        return width() * height();
    }

    /** The x of the centre. */
    public double cx() {
        return (x0 + x1) / 2;
    }

    /** The y of the centre. */
    public double cy() {
        return (y0 + y1) / 2;
    }

    /**
     * Intersection over union (Jaccard overlap, SSD §2.2), the one measure matching, NMS and mAP all use: 1 for equal
     * boxes, 0 when they do not overlap or when both are empty (no union to divide by).
     */
    public double iou(Box o) {
        double iw = Math.min(x1, o.x1) - Math.max(x0, o.x0);
        double ih = Math.min(y1, o.y1) - Math.max(y0, o.y0);
        if (iw <= 0 || ih <= 0) {
            return 0;
        }
        double inter = iw * ih;
        double union = area() + o.area() - inter;
        return union > 0 ? inter / union : 0;
    }

    /** This box with every coordinate clamped to {@code [lo, hi]}, e.g. a decoded box kept inside the image (0, 1). */
    public Box clip(double lo, double hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clip range [" + lo + ", " + hi + "] is empty or NaN; give lo <= hi");
        }
        return new Box(clamp(x0, lo, hi), clamp(y0, lo, hi), clamp(x1, lo, hi), clamp(y1, lo, hi));
    }

    /** This box with x multiplied by {@code sx} and y by {@code sy}: relative coordinates to pixels and back. */
    public Box scale(double sx, double sy) {
        if (!(sx >= 0 && sy >= 0 && Double.isFinite(sx) && Double.isFinite(sy))) {
            throw new IllegalArgumentException(
                    "scale " + sx + ", " + sy + " would flip or break the box; use finite factors >= 0");
        }
        return new Box(x0 * sx, y0 * sy, x1 * sx, y1 * sy);
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
