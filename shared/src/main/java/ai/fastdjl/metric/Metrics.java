package ai.fastdjl.metric;

import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.evaluator.Evaluator;

/**
 * The course's metrics as DJL {@link Evaluator}s, named as fastai prints them. Accuracy is DJL's own; the rest
 * are here because DJL has no regression metrics.
 */
public final class Metrics {
    private Metrics() {}

    /** Fraction of samples whose arg-max class is the label. */
    public static Evaluator accuracy() {
        return new Accuracy("accuracy", 1);
    }

    /** {@code 1 - accuracy}. */
    public static Evaluator errorRate() {
        return new ErrorRate();
    }

    public static Evaluator mse() {
        return new RegressionMetric.Mse();
    }

    public static Evaluator rmse() {
        return new RegressionMetric.Rmse();
    }

    /** Root mean squared percentage error of a model that predicts the log of the target (Rossmann's metric). */
    public static Evaluator expRmspe() {
        return new RegressionMetric.ExpRmspe();
    }

    /** fastai's {@code error_rate}. */
    static final class ErrorRate extends Accuracy {
        ErrorRate() {
            super("error_rate", 1);
        }

        @Override
        public float getAccumulator(String key) {
            return 1 - super.getAccumulator(key);
        }
    }
}
