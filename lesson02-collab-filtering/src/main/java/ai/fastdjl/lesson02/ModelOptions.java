package ai.fastdjl.lesson02;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.CollabData;
import ai.fastdjl.collab.CollabLearner;
import ai.fastdjl.collab.Ratings;
import ai.fastdjl.collab.SigmoidRange;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** The models, split and interpretation flags of {@link CollabFiltering} (a picocli mixin), checked before training. */
public class ModelOptions {
    @Option(names = "--model", defaultValue = "both", description = "dot, nn or both (default: ${DEFAULT-VALUE}).")
    Model model;

    @Option(names = "--split", defaultValue = "random", description = "random, or time: validate on the latest"
            + " ratings.")
    Split split;

    @Option(names = "--valid-pct", defaultValue = "0.2", description = "Share of ratings held out (default: 0.2).")
    double validPct;

    @Option(names = "--seeds", defaultValue = "1", description = "Seeds (split and training) to average over.")
    int seeds;

    @Option(names = "--factors", defaultValue = "50", description = "EmbeddingDotBias factors (default: 50).")
    int factors;

    // The net's defaults were chosen on seed 45 (not one of the reported seeds 42-44), 2026-11-26, with the course's
    // lr and wd: one hidden layer (fastai's collab_learner default is one, [n_factors]) of fastbook's first size,
    // 100, with dropout 0.5 after it (fastai's ps), dropout 0.5 on the embeddings (embed_p) and embeddings of 50, the
    // dot product's factors, instead of fastai's rule (61 and 252 here): 0.8790 vs 0.8816 with the rule and embed_p
    // 0.3, and fastbook's 100,50 without any dropout 0.894 (seeds 42-44). The lesson README has every variant.
    @Option(names = "--layers", split = ",", defaultValue = "100", description = "EmbeddingNN hidden sizes"
            + " (default: ${DEFAULT-VALUE}; fastbook's example: 100,50).")
    int[] layers;

    @Option(names = "--emb-szs", defaultValue = "50,50", description = "EmbeddingNN user and item embedding sizes"
            + " U,I (fastai's emb_szs; default: ${DEFAULT-VALUE}), or 'rule' for fastai's min(600, round(1.6·n^0.56))"
            + " for n ids.")
    String embSizes;

    @Option(names = "--dropout", defaultValue = "0.5", description = "EmbeddingNN dropout after each hidden layer"
            + " (fastai's ps; default: ${DEFAULT-VALUE}, fastai's 0 overfits here).")
    float dropout;

    @Option(names = "--embed-dropout", defaultValue = "0.5", description = "EmbeddingNN dropout on the embeddings"
            + " (fastai's embed_p; default: ${DEFAULT-VALUE}, fastai's 0 overfits here).")
    float embedDropout;

    @Option(names = "--wd", defaultValue = "0.1", description = "Weight decay (default: 0.1, the course's).")
    double wd;

    @Option(names = "--wd-kind", defaultValue = "decoupled", description = "decoupled (AdamW, fastai's) or l2.")
    Wd wdKind;

    @Option(names = "--y-range", split = ",", description = "Sigmoid range LOW,HIGH (default: the course's rule,"
            + " 0 to 5.5 for stars up to 5).")
    float[] yRange;

    @Option(names = "--min-count", defaultValue = "20", description = "Ratings an item needs to be listed or"
            + " recommended (default: 20).")
    int minCount;

    @Option(names = "--recommend", description = "List the top unseen items for this user id.")
    String recommend;

    @Option(names = "--similar-to", description = "Part of a title: list the items whose factors are most like its"
            + " (default: the most-rated item).")
    String similarTo;

    @Option(names = "--top", defaultValue = "10", description = "Items per list (default: 10).")
    int top;

    // Batches of 64 ratings make PyTorch ops too small to share between cores; on a shared 2-core machine a second
    // thread made an epoch 2 to 10 times slower (see the lesson README).
    @Option(names = "--threads", defaultValue = "1", description = "PyTorch intra-op threads (default: 1).")
    int threads;

    enum Model { dot, nn, both }

    enum Split { random, time }

    enum Wd { decoupled, l2 }

    List<Model> models() {
        return model == Model.both ? List.of(Model.dot, Model.nn) : List.of(model);
    }

    CollabData.Split splitKind() {
        return split == Split.time ? CollabData.Split.TIME : CollabData.Split.RANDOM;
    }

    CollabLearner.WeightDecay wdKind() {
        return wdKind == Wd.l2 ? CollabLearner.WeightDecay.L2 : CollabLearner.WeightDecay.DECOUPLED;
    }

    /** {@code --emb-szs} as {@code {user, item}}, or null for fastai's rule. */
    int[] embSizes() {
        if (embSizes.trim().equalsIgnoreCase("rule")) {
            return null;
        }
        try {
            return Arrays.stream(embSizes.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException e) {
            throw new UserInputException("--emb-szs '" + embSizes + "' is not USER,ITEM sizes (e.g. 50,50) or 'rule'");
        }
    }

    /**
     * Refuses every flag of this lesson that would fail later (or silently mean nothing), with one line each; the
     * shared flags are checked by {@code LessonRun.start}.
     */
    void check(CommonOptions c) {
        positive(seeds, "--seeds");
        positive(factors, "--factors");
        positive(top, "--top");
        positive(threads, "--threads");
        Arrays.stream(layers).forEach(h -> positive(h, "--layers"));
        int[] emb = embSizes();
        if (emb != null) {
            check(emb.length != 2, "--emb-szs takes two sizes, USER,ITEM (e.g. 32,64), or 'rule'; got " + emb.length);
            Arrays.stream(emb).forEach(e -> positive(e, "--emb-szs"));
        }
        if (c.validLimit != null) {
            throw new UserInputException("--valid-limit does not apply here: the validation ratings are --valid-pct"
                    + " of the ratings; use --valid-pct or --limit");
        }
        check(!(validPct > 0 && validPct < 1), "--valid-pct " + validPct + " must be between 0 and 1, e.g. 0.2");
        check(!(dropout >= 0 && dropout < 1), "--dropout " + dropout + " must be in [0, 1), e.g. 0.1");
        check(!(embedDropout >= 0 && embedDropout < 1), "--embed-dropout " + embedDropout
                + " must be in [0, 1), e.g. 0.1");
        check(!(wd >= 0) || Double.isInfinite(wd), "--wd " + wd + " must be 0 or more, e.g. 0.1");
        check(minCount < 0, "--min-count " + minCount + " must be 0 or more");
        if (yRange != null) {
            check(yRange.length != 2, "--y-range takes two numbers, LOW,HIGH (e.g. 0,5.5); got " + yRange.length);
            check(!(yRange[0] < yRange[1]) || !Float.isFinite(yRange[1] - yRange[0]),
                    "--y-range " + yRange[0] + "," + yRange[1] + " needs LOW < HIGH, e.g. 0,5.5");
        }
    }

    private static void positive(int v, String flag) {
        check(v < 1, flag + " must be at least 1; got " + v);
    }

    private static void check(boolean bad, String message) {
        Cli.check(bad, message);
    }

    /** Runs {@code body} with {@code --threads} PyTorch intra-op threads, then restores the JVM's setting. */
    <T> T withThreads(Supplier<T> body) {
        Engine.getInstance(); // starts libtorch (under the numerics check's CPU setting) before the JNI call
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        try {
            return body.get();
        } finally {
            JniUtils.setNumThreads(before); // a test JVM runs other lessons next
        }
    }

    /** {@code --y-range}, or the course's rule for the ratings' span ({@link SigmoidRange#forRatings}). */
    float[] yRange(Ratings r) {
        check(!(r.maxRating() > r.minRating()), "all " + r.size() + " ratings are " + r.maxRating()
                + "; collaborative filtering needs ratings that differ (check --rating)");
        return yRange != null ? yRange : SigmoidRange.forRatings(r.minRating(), r.maxRating());
    }
}
