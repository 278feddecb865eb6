package ai.fastdjl.detect;

/**
 * One labelled object of an image: its class ({@code 0..classes-1}) and box. An image's objects are a {@code
 * List<GroundTruth>}, and a data set's a list of those, indexed as {@link Detection#image()}.
 */
public record GroundTruth(int cls, Box box) {
    public GroundTruth {
        if (cls < 0) {
            throw new IllegalArgumentException("ground-truth class " + cls + " is negative; classes count from 0");
        }
        if (box == null) {
            throw new IllegalArgumentException("ground truth has no box; give the object's Box");
        }
    }
}
