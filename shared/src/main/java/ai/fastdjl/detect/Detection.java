package ai.fastdjl.detect;

/**
 * One predicted object: the index of its image, its class ({@code 0..classes-1}, object classes only: SSD's background
 * class is not a detection), its score, and its box. What {@link Nms#perClass} gives and {@link
 * MeanAveragePrecision#evaluate} reads.
 */
public record Detection(int image, int cls, float score, Box box) {
    /** Rejects what would silently corrupt a ranking: negative indices, a NaN score, a missing box. */
    public Detection {
        if (image < 0 || cls < 0) {
            throw new IllegalArgumentException(
                    "detection has image " + image + ", class " + cls + "; both must be >= 0");
        }
        if (Float.isNaN(score)) {
            throw new IllegalArgumentException("detection score is NaN; check the model's output for NaNs");
        }
        if (box == null) {
            throw new IllegalArgumentException("detection has no box; give the predicted Box");
        }
    }
}
