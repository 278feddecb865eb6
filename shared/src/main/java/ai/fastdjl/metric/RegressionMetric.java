package ai.fastdjl.metric;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.evaluator.Evaluator;
import java.util.HashMap;
import java.util.Map;

/**
 * A metric that averages a per-sample quantity over the validation set and then transforms the mean: MSE, RMSE
 * (square root of the mean squared error, not the mean of per-batch roots) and exp-RMSPE.
 */
public abstract class RegressionMetric extends Evaluator {
    private final Map<String, double[]> sums = new HashMap<>();

    protected RegressionMetric(String name) {
        super(name);
    }

    /** The per-sample quantity to average, shape {@code [N]}. */
    protected abstract NDArray perSample(NDArray target, NDArray pred);

    /** Turns the mean into the metric. */
    protected abstract double finish(double mean);

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray mean = perSample(labels.head(), predictions.head()).mean();
        return mean.getManager().create((float) finish(mean.getFloat()));
    }

    @Override
    public void addAccumulator(String key) {
        sums.put(key, new double[2]);
    }

    @Override
    public void updateAccumulator(String key, NDList labels, NDList predictions) {
        NDArray v = perSample(labels.head(), predictions.head());
        double[] s = sums.get(key);
        s[0] += v.sum().getFloat();
        s[1] += v.size();
    }

    @Override
    public void resetAccumulator(String key) {
        addAccumulator(key);
    }

    @Override
    public float getAccumulator(String key) {
        double[] s = sums.get(key);
        return (float) finish(s[0] / s[1]);
    }

    private static NDArray flat(NDArray a) {
        return a.reshape(-1);
    }

    static final class Mse extends RegressionMetric {
        Mse() {
            super("mse");
        }

        @Override
        protected NDArray perSample(NDArray target, NDArray pred) {
            return flat(pred).sub(flat(target)).square();
        }

        @Override
        protected double finish(double mean) {
            return mean;
        }
    }

    static final class Rmse extends RegressionMetric {
        Rmse() {
            super("rmse");
        }

        @Override
        protected NDArray perSample(NDArray target, NDArray pred) {
            return flat(pred).sub(flat(target)).square();
        }

        @Override
        protected double finish(double mean) {
            return Math.sqrt(mean);
        }
    }

    /** fastai's {@code exp_rmspe}: {@code sqrt(mean(((e^y - e^p) / e^y)²))} for log-space predictions. */
    static final class ExpRmspe extends RegressionMetric {
        ExpRmspe() {
            super("exp_rmspe");
        }

        @Override
        protected NDArray perSample(NDArray target, NDArray pred) {
            NDArray y = flat(target).exp();
            return y.sub(flat(pred).exp()).div(y).square();
        }

        @Override
        protected double finish(double mean) {
            return Math.sqrt(mean);
        }
    }
}
