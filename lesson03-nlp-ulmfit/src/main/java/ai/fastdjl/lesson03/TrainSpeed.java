package ai.fastdjl.lesson03;

import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;

/** Tokens per second of the training phases (an LM's labels hold one entry per token), validation excluded. */
final class TrainSpeed implements Callback {
    private long tokens;
    private long nanos;
    private long start;

    @Override
    public void beforeTrain(Learner learn) {
        start = System.nanoTime();
    }

    @Override
    public void afterBatch(Learner learn) {
        if (learn.training() && learn.yb() != null) {
            tokens += learn.yb().head().getShape().size();
        }
    }

    @Override
    public void afterTrain(Learner learn) {
        nanos += System.nanoTime() - start;
    }

    double tokensPerSecond() {
        return nanos == 0 ? Double.NaN : tokens / (nanos / 1e9);
    }
}
