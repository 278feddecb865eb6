package ai.fastdjl.metric;

/**
 * Intersection over union of predicted and true per-pixel classes (the segmentation metric of the course's CamVid
 * lesson, and Pascal VOC's segmentation score): from the confusion counts over all pixels of all images, class c's
 * IoU is {@code TP / (TP + FP + FN)}; the mean is over the classes that occur in the truth or the predictions (a
 * class absent from both has no IoU). Counts accumulate batch by batch, so a validation set need not fit at once.
 */
public final class MeanIou {
    private final long[][] confusion;

    /** @param classes the number of classes, background included if it is one */
    public MeanIou(int classes) {
        confusion = new long[classes][classes];
    }

    /** The number of classes. */
    public int classes() {
        return confusion.length;
    }

    /** Adds one batch: true and predicted classes of the same pixels, in the same order. */
    public MeanIou add(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException(truth.length + " true pixels but " + predicted.length + " predicted");
        }
        for (int i = 0; i < truth.length; i++) {
            confusion[truth[i]][predicted[i]]++;
        }
        return this;
    }

    /** Class c's IoU, NaN when c is neither in the truth nor predicted. */
    public double iou(int c) {
        long tp = confusion[c][c];
        long fp = 0;
        long fn = 0;
        for (int k = 0; k < confusion.length; k++) {
            if (k != c) {
                fp += confusion[k][c];
                fn += confusion[c][k];
            }
        }
        long union = tp + fp + fn;
        return union == 0 ? Double.NaN : (double) tp / union;
    }

    /** Every class's IoU ({@link #iou}). */
    public double[] perClass() {
        double[] out = new double[confusion.length];
        for (int c = 0; c < out.length; c++) {
            out[c] = iou(c);
        }
        return out;
    }

    /** The mean IoU of classes {@code from … classes − 1} that have one (from 1: leaving out a background 0). */
    public double mean(int from) {
        double sum = 0;
        int n = 0;
        for (int c = from; c < confusion.length; c++) {
            double v = iou(c);
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** The share of pixels whose class is right. */
    public double pixelAccuracy() {
        long right = 0;
        long all = 0;
        for (int t = 0; t < confusion.length; t++) {
            for (int p = 0; p < confusion.length; p++) {
                all += confusion[t][p];
                right += t == p ? confusion[t][p] : 0;
            }
        }
        return all == 0 ? Double.NaN : (double) right / all;
    }
}
