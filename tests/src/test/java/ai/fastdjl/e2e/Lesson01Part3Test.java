package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson01.LargestObject;
import ai.fastdjl.lesson01.MultiLabel;
import ai.fastdjl.lesson01.ObjectDetection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of lesson 1's multi-label, largest-object and detection mains on a few generated scenes. */
class Lesson01Part3Test {
    @TempDir
    Path tmp;

    private static boolean unit(double v) {
        return v >= 0 && v <= 1;
    }

    @Test
    void multiLabelScoresBothModelsOnTheHalfItDidNotChooseOn() throws Exception {
        MultiLabel.Result r = MultiLabel.run("--limit", "300", "--valid-limit", "100", "--epochs", "1", "--widths",
                "8,16", "--out", tmp.toString());
        assertTrue(unit(r.sigmoidF1()) && unit(r.softmaxThresholdF1()) && unit(r.softmaxTopKF1()), r.toString());
        assertTrue(r.sigmoid().threshold() > 0 && r.sigmoid().threshold() < 1, r.sigmoid().toString());
        assertTrue(r.softmaxTopK().k() >= 1 && r.softmaxTopK().k() <= 4, r.softmaxTopK().toString());
        assertFiles(r.runDir(), "README.md", "metrics.json", "predictions.png", "loss.png");
    }

    @Test
    void largestObjectComparesOneHeadWithTwoModels() throws Exception {
        LargestObject.Result r = LargestObject.run("--limit", "200", "--valid-limit", "50", "--epochs", "1", "--out",
                tmp.toString());
        assertEquals(3, r.scores().size());
        r.scores().values().forEach(s -> assertTrue(unit(s.accuracy()) && unit(s.meanIou()), s.toString()));
        assertFiles(r.runDir(), "README.md", "largest.png");
    }

    @Test
    void detectionScoresMapBySizeAndByObjectCount() throws Exception {
        ObjectDetection.Result r = ObjectDetection.run("--limit", "200", "--valid-limit", "50", "--epochs", "1",
                "--out", tmp.toString());
        assertEquals(340, r.anchors(), "8²·4 + 4²·4 + 2²·4 + 1·4");
        assertTrue(unit(r.map()), "mAP " + r.map());
        assertEquals(3, r.bySize().size());
        assertEquals(4, r.byCount().size());
        assertFiles(r.runDir(), "README.md", "metrics.json", "detections.png", "loss.png");
    }
}
