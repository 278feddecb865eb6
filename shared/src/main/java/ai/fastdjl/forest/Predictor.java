package ai.fastdjl.forest;

/** Any fitted model that maps feature rows to numbers: what the ML course's interpretation tools need. */
@FunctionalInterface
public interface Predictor {

    /** One prediction per row of {@code x} ({@code x[row][feature]}). */
    double[] predict(double[][] x);
}
