package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.dataset.ArrayDataset;
import ai.fastdjl.callback.TeacherTargets;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.loss.DistillationLoss;
import ai.fastdjl.loss.SoftTargetCrossEntropy;
import ai.fastdjl.models.Mlp;
import ai.fastdjl.nd.Rows;
import ai.fastdjl.report.Stats;
import ai.fastdjl.semi.BiasAdjustment;
import ai.fastdjl.vision.Augment;
import ai.fastdjl.vision.VisionLearner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@link DistillationPaper}'s teacher and students: one teacher whose logits label every student's training images,
 * students of Hinton et al.'s size trained from those logits ({@link DistillationLoss}) or from the hard labels.
 * Consistent (function matching, {@link TeacherTargets}): every student, hard labels too, trains on augmented images,
 * and the teacher, kept open, labels each augmented batch.
 */
final class Distiller implements AutoCloseable {
    /** The lesson's ResNet (FashionResNet's widths): 77,290 parameters. */
    static final int[] TEACHER = {8, 16, 32, 64};
    /** The students' peak rate of one cycle (Adam): the ResNets' 1e-2 is meant for BatchNorm nets; this MLP has none. */
    static final double STUDENT_LR = 3e-3;

    private final LessonRun run;
    private final NDManager m;
    private final double alpha;
    private final ArrayDataset test;
    private final FashionMnist.Split testSplit;
    private final Map<FashionMnist.Split, NDArray[]> arrays = new IdentityHashMap<>();
    private final Map<FashionMnist.Split, NDArray> teacherLogits = new IdentityHashMap<>();
    private final boolean consistent;
    private Learner teacher;

    Distiller(LessonRun run, NDManager m, FashionMnist.Split test, double alpha, boolean consistent) {
        this.run = run;
        this.m = m;
        this.alpha = alpha;
        this.consistent = consistent;
        this.testSplit = test;
        this.test = DataLoaders.arrays(test.images(m), test.labels(m), 256, false, false);
    }

    /** A student's name in the tables: {@code t = 0} stands for hard labels alone. */
    static String name(double t) {
        return t == 0 ? "hard labels" : String.format(Locale.ROOT, "soft targets, T = %.0f", t);
    }

    /** Trains the teacher on {@code all}, keeps its logits on each of {@code sets}; its test accuracy. */
    double teacher(FashionMnist.Split all, int epochs, boolean augment, FashionMnist.Split... sets) {
        DataLoaders dls = FashionMnist.loaders(m, all, testSplit, run.batchSize(128), FashionMnist.CLASSES);
        Learner t = run.learner(VisionLearner.resnet(dls, TEACHER)).name("teacher")
                .callbacks(Augment.smallImagesIf(augment)).build();
        try {
            t.fitOneCycle(epochs, 1e-2);
            if (!consistent) { // consistent students get the teacher's logits per batch instead (TeacherTargets)
                for (FashionMnist.Split s : sets) {
                    teacherLogits.put(s, t.getPreds(dataset(s), m).output());
                }
            }
            return t.recorder().last().metrics().get("accuracy");
        } finally {
            if (consistent) {
                teacher = t; // labels the students' batches as they train; closed with this
            } else {
                t.close();
            }
        }
    }

    /** Test accuracy of a student trained on {@code train}, over seeds; {@code t = 0}: hard labels alone. */
    Stats accuracy(FashionMnist.Split train, double t, int seeds, int epochs) {
        double[] acc = new double[seeds];
        for (int s = 0; s < seeds; s++) {
            try (Learner l = student(train, t, run.seed() + s, epochs)) {
                acc[s] = l.recorder().last().metrics().get("accuracy");
            }
        }
        System.out.printf(Locale.ROOT, "%6d images, %-26s %s%n", train.n(), name(t),
                Arrays.toString(acc));
        return Stats.of(acc);
    }

    /**
     * Students on a transfer set without class {@code cls}: per seed, {recall of cls, test accuracy} as trained, then
     * the same after raising cls's bias until it takes a {@code prior} share of the {@code unlabelled} images.
     */
    double[][] omitted(FashionMnist.Split transfer, FashionMnist.Split unlabelled, int cls, double prior, double t,
            int seeds, int epochs) {
        double[][] out = new double[4][seeds];
        int[] truth = testSplit.labelArray();
        long inClass = Arrays.stream(truth).filter(y -> y == cls).count();
        for (int s = 0; s < seeds; s++) {
            try (Learner l = student(transfer, t, run.seed() + s, epochs); NDManager p = m.newSubManager()) {
                float[][] testLogits = Rows.of(l.getPreds(test, p).output());
                double bias = BiasAdjustment.forShare(Rows.of(l.getPreds(dataset(unlabelled), p).output()), cls,
                        prior);
                for (int k = 0; k < 2; k++) {
                    int[] pred = BiasAdjustment.predict(testLogits, cls, k == 0 ? 0 : bias);
                    int hits = 0;
                    int right = 0;
                    for (int i = 0; i < truth.length; i++) {
                        hits += truth[i] == cls && pred[i] == cls ? 1 : 0;
                        right += truth[i] == pred[i] ? 1 : 0;
                    }
                    out[2 * k][s] = (double) hits / inClass;
                    out[2 * k + 1][s] = (double) right / truth.length;
                }
                System.out.printf(Locale.ROOT, "%-26s left-out class: recall %.3f, +%.2f bias: %.3f%n",
                        name(t), out[0][s], bias, out[2][s]);
            }
        }
        return out;
    }

    private Learner student(FashionMnist.Split train, double t, int seed, int epochs) {
        NDArray[] xy = arrays(train);
        int bs = run.batchSize(128);
        // the soft targets travel as a second label array: DistillationLoss reads {labels, teacher logits}; consistent,
        // TeacherTargets adds them to each augmented batch instead
        ArrayDataset ds = new ArrayDataset.Builder().setData(xy[0])
                .optLabels(t == 0 || consistent ? new NDArray[] {xy[1]} : new NDArray[] {xy[1], teacherLogits.get(train)})
                .setSampling(bs, true, true).build();
        Learner l = run.learner(VisionLearner.of(new DataLoaders(ds, test, bs, true, FashionMnist.CLASSES),
                        Mlp.build(FashionMnist.CLASSES.size(), Mlp.HINTON_STUDENT)))
                .loss(t == 0 ? new SoftTargetCrossEntropy() : new DistillationLoss(t, alpha))
                .callbacks(Augment.smallImagesIf(consistent))
                .callbacks(consistent && t != 0 ? new Callback[] {new TeacherTargets(teacher)} : new Callback[0])
                .name("student").seed(seed).progress(Progress.NONE).build();
        l.fitOneCycle(epochs, run.lr(STUDENT_LR));
        return l;
    }

    @Override
    public void close() {
        if (teacher != null) {
            teacher.close();
        }
    }

    /** A split's images and labels as arrays, made once per split. */
    private NDArray[] arrays(FashionMnist.Split s) {
        return arrays.computeIfAbsent(s, k -> new NDArray[] {k.images(m), k.labels(m)});
    }

    /** A split in order, to predict on. */
    private ArrayDataset dataset(FashionMnist.Split s) {
        NDArray[] xy = arrays(s);
        return DataLoaders.arrays(xy[0], xy[1], 256, false, false);
    }

    /** Table rows: student, mean ± std in percent (two decimals: the targets are half a point), per seed. */
    static List<List<String>> rows(Map<String, Stats> results) {
        List<List<String>> rows = new ArrayList<>();
        results.forEach((k, v) -> rows.add(List.of(k, pct(v), Arrays.toString(Arrays.stream(v.values())
                .mapToObj(x -> String.format(Locale.ROOT, "%.2f", 100 * x)).toArray()))));
        return rows;
    }

    /** Table rows: student, the first statistic, the second. */
    static List<List<String>> rows(Map<String, Stats> first, Map<String, Stats> second) {
        List<List<String>> rows = new ArrayList<>();
        first.forEach((k, v) -> rows.add(List.of(k, pct(v), pct(second.get(k)))));
        return rows;
    }

    private static String pct(Stats s) {
        return String.format(Locale.ROOT, "%.2f ± %.2f %%", 100 * s.mean(), 100 * s.std());
    }
}
