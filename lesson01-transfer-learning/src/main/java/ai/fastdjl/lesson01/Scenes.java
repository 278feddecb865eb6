package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.datasets.FashionScenes.Item;
import ai.fastdjl.datasets.FashionScenes.Scene;
import ai.fastdjl.detect.Box;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.nd.Rows;
import ai.fastdjl.plot.BoxGrid;
import ai.fastdjl.report.RunReport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What lesson 1's scene mains share: training a model on scenes and reading its validation outputs, the scenes'
 * ground truth in the detector's units, and the pictures (predicted labels; boxes over the images).
 */
final class Scenes {
    /** Short class names that fit under a 128 px scene. */
    static final List<String> SHORT = List.of("tee", "trouser", "pullover", "dress", "coat", "sandal", "shirt",
            "sneaker", "bag", "boot");

    private Scenes() {}

    /** Scenes with the classes scoring ≥ {@code threshold}: ✓ right, ✗ wrong, and the missed ones in brackets. */
    static void labels(Path file, List<Scene> scenes, float[][] scores, double threshold) {
        List<BufferedImage> images = new ArrayList<>();
        List<List<BoxGrid.Drawn>> none = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            Scene s = scenes.get(i);
            images.add(BoxGrid.gray(s.pixels(), s.size()));
            none.add(List.of());
            List<String> said = new ArrayList<>();
            List<String> missed = new ArrayList<>();
            for (int c = 0; c < FashionMnist.CLASSES.size(); c++) {
                boolean there = s.labels().contains(c);
                if (scores[i][c] >= threshold) {
                    said.add(SHORT.get(c) + (there ? " ✓" : " ✗"));
                } else if (there) {
                    missed.add(SHORT.get(c));
                }
            }
            captions.add(String.join(", ", said.subList(0, Math.min(2, said.size()))) + "\n"
                    + String.join(", ", said.subList(Math.min(2, said.size()), said.size()))
                    + (missed.isEmpty() ? "" : " [" + String.join(", ", missed) + "]"));
        }
        BoxGrid.save(images, none, captions, 6, 128, file);
    }

    /**
     * Trains {@code model} with {@code loss} on {@code dls} (the run's presets, one cycle at {@code lr}), adds its
     * curves to {@code report} when given, and returns {@code post} of its validation outputs, one row a scene.
     */
    static float[][] fit(LessonRun run, RunReport report, DataLoaders dls, Block model, Loss loss, int epochs,
            double lr, UnaryOperator<NDArray> post) {
        try (Learner learn = run.learner(Learner.builder(dls, model).loss(loss)).build();
                NDManager m = NDManager.newBaseManager()) {
            learn.fitOneCycle(epochs, lr);
            if (report != null) {
                report.add(learn.recorder()); // one model's curves: a report has one loss.png
            }
            return Rows.of(post.apply(learn.getPreds(dls.valid(), m).output()));
        }
    }

    /**
     * The run's scenes at the default config: {@code --limit} training scenes, else {@code quick} (or {@code full}
     * with {@code --full}); {@code --valid-limit} validation scenes, else {@code valid}.
     */
    static FashionScenes.Split load(LessonRun run, int quick, int full, int valid) {
        return load(run, quick, full, valid, FashionScenes.Config.DEFAULT);
    }

    /** As {@link #load(LessonRun, int, int, int)}, scenes drawn by {@code config}. */
    static FashionScenes.Split load(LessonRun run, int quick, int full, int valid, FashionScenes.Config config) {
        int nTrain = run.limit() != null ? run.limit() : run.full() ? full : quick;
        int nValid = run.validLimit() != null ? run.validLimit() : valid;
        return FashionScenes.split(run.data(), nTrain, nValid, config, run.seed());
    }

    /** Largest object: {@code [N, 5]}, the largest item's class, then its box in pixels. */
    static NDArray largestTargets(NDManager m, List<Scene> scenes) {
        float[] t = new float[scenes.size() * 5];
        for (int i = 0; i < scenes.size(); i++) {
            Item it = scenes.get(i).largest();
            float[] row = {it.cls(), it.x0(), it.y0(), it.x1(), it.y1()};
            System.arraycopy(row, 0, t, i * 5, 5);
        }
        return m.create(t, new ai.djl.ndarray.types.Shape(scenes.size(), 5));
    }

    /** Largest object: the share of rows whose logits {@code 0 … k − 1} name the largest item's class. */
    static double accuracy(float[][] rows, int k, List<Scene> scenes) {
        double right = 0;
        for (int i = 0; i < rows.length; i++) {
            right += argmax(rows[i], k) == scenes.get(i).largest().cls() ? 1 : 0;
        }
        return right / rows.length;
    }

    /** Largest object: the mean IoU of the boxes at {@code rows[i][from … from + 3]} (pixels) with the truth. */
    static double meanIou(float[][] rows, int from, List<Scene> scenes) {
        double sum = 0;
        for (int i = 0; i < rows.length; i++) {
            sum += iou(rows[i], from, scenes.get(i).largest());
        }
        return sum / rows.length;
    }

    /** Largest object: the scenes with every true box (dashed) and the predicted class and box (solid). */
    static void largest(Path file, List<Scene> scenes, float[][] rows, int k) {
        List<List<BoxGrid.Drawn>> drawn = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            float[] r = rows[i];
            int c = argmax(r, k);
            drawn.add(List.of(new BoxGrid.Drawn(r[k], r[k + 1], r[k + 2], r[k + 3], c, SHORT.get(c), false)));
            captions.add(SHORT.get(scenes.get(i).largest().cls()) + " → " + SHORT.get(c)
                    + String.format(Locale.ROOT, ", IoU %.2f", iou(r, k, scenes.get(i).largest())));
        }
        boxes(file, scenes, drawn, captions);
    }

    private static double iou(float[] r, int k, Item t) {
        Box p = new Box(Math.min(r[k], r[k + 2]), Math.min(r[k + 1], r[k + 3]), Math.max(r[k], r[k + 2]),
                Math.max(r[k + 1], r[k + 3])); // an untrained head may put the corners in either order
        return p.iou(new Box(t.x0(), t.y0(), t.x1(), t.y1()));
    }

    private static int argmax(float[] r, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            best = r[c] > r[best] ? c : best;
        }
        return best;
    }

    /** Scenes with their true boxes (dashed) and {@code predicted} boxes (solid, labelled). */
    static void boxes(Path file, List<Scene> scenes, List<List<BoxGrid.Drawn>> predicted, List<String> captions) {
        List<BufferedImage> images = new ArrayList<>();
        List<List<BoxGrid.Drawn>> all = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            Scene s = scenes.get(i);
            images.add(BoxGrid.gray(s.pixels(), s.size()));
            List<BoxGrid.Drawn> d = new ArrayList<>();
            for (Item it : s.items()) {
                d.add(new BoxGrid.Drawn(it.x0(), it.y0(), it.x1(), it.y1(), it.cls(), "", true));
            }
            d.addAll(predicted.get(i));
            all.add(d);
        }
        BoxGrid.save(images, all, captions, 6, 128, file);
    }
}
