package ai.fastdjl.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.learner.TinyProblem;
import ai.fastdjl.loss.DistillationLoss;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeacherTargetsTest {
    /** Moves every training input by +1, before the teacher looks (Augment's order). */
    static final class Shift implements Callback {
        @Override
        public int order() {
            return -10;
        }

        @Override
        public void beforeBatch(Learner learn) {
            if (learn.training()) {
                learn.setXb(new NDList(learn.xb().head().add(1)));
            }
        }
    }

    /** Keeps copies of what the loss saw: inputs, labels, teacher logits. */
    static final class Seen implements Callback {
        final List<float[][]> batches = new ArrayList<>();

        @Override
        public void afterLoss(Learner learn) {
            if (learn.training()) {
                NDList y = learn.yb();
                batches.add(new float[][] {learn.xb().head().toFloatArray(), y.get(0).toType(DataType.FLOAT32,
                        false).toFloatArray(), y.size() > 1
                        ? y.get(1).toFloatArray() : new float[0]});
            }
        }
    }

    /** A teacher fit to the three blobs (about 100 % right on them). */
    private static Learner teacher(NDManager m) {
        Learner teacher = Learner.builder(TinyProblem.blobs(m, 300, 60, 30), TinyProblem.mlp())
                .progress(Progress.NONE).seed(1).build();
        teacher.fit(3, 1e-2);
        return teacher;
    }

    @Test
    void theTeacherLabelsTheAugmentedBatchTheStudentSees() {
        try (NDManager m = NDManager.newBaseManager(); Learner teacher = teacher(m)) {
            Seen seen = new Seen();
            try (Learner student = Learner.builder(TinyProblem.blobs(m, 300, 60, 30), TinyProblem.mlp())
                    .loss(new DistillationLoss(4, 1)).callbacks(new Shift(), new TeacherTargets(teacher), seen)
                    .progress(Progress.NONE).seed(2).build()) {
                student.fit(1, 1e-2);
            }
            assertEquals(10, seen.batches.size());
            for (float[][] b : seen.batches) {
                // the teacher's logits are its prediction for the shifted inputs, one row of 3 per sample
                NDArray x = m.create(b[0]).reshape(-1, 2);
                float[] expected = teacher.predict(new NDList(x)).head().toFloatArray();
                assertArrayEquals(expected, b[2], 1e-5f);
                assertEquals(b[1].length * 3, b[2].length, "hard labels stay first, one per sample");
            }
        }
    }

    @Test
    void withAlphaOneTheStudentFollowsTheTeacherNotItsLabels() {
        try (NDManager m = NDManager.newBaseManager(); Learner teacher = teacher(m)) {
            // the student's own labels are all wrong (moved one class on); alpha = 1 gives them no weight, so what
            // the student learns can only come from the teacher's targets
            try (Learner student = Learner.builder(TinyProblem.blobs(m, 300, 60, 30, 1), TinyProblem.mlp())
                    .loss(new DistillationLoss(2, 1)).callbacks(new TeacherTargets(teacher))
                    .progress(Progress.NONE).seed(2).build()) {
                student.fit(4, 1e-2);
                NDArray x = TinyProblem.points(m, 300);
                long[] a = teacher.predict(new NDList(x)).head().argMax(1).toLongArray();
                long[] b = student.predict(new NDList(x)).head().argMax(1).toLongArray();
                int same = 0;
                for (int i = 0; i < a.length; i++) {
                    same += a[i] == b[i] ? 1 : 0;
                }
                assertTrue(same >= 0.95 * a.length, "student agrees with the teacher on " + same + " of 300 points");
            }
        }
    }
}
