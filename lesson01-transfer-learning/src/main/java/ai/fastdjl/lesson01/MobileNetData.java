package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.SkimageData;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.vision.Augment;
import ai.fastdjl.vision.MobileNetV2;
import java.util.Arrays;

/**
 * Grey images as the imported MobileNetV2 takes them: resized bilinearly, the grey copied to three channels and
 * scaled as Keras's preprocessing does ({@link MobileNetV2#MEAN}/{@link MobileNetV2#STD}: 0.5 for every channel,
 * so {@code 2x - 1}).
 */
final class MobileNetData {
    private MobileNetData() {}

    /** LFW: {@code shots} images per class to train, the rest to validate; the split depends on the seed. */
    static DataLoaders lfw(NDManager m, SkimageData.Lfw lfw, int shots, int size, int seed, LessonRun run) {
        int[][] split = lfw.split(shots, seed);
        int[] valid = run.validLimit() != null ? Arrays.copyOf(split[1], Math.min(run.validLimit(), split[1].length))
                : split[1];
        return DataLoaders.fromArrays(lfwImages(m, lfw, split[0], size), m.create(lfw.labels(split[0])),
                lfwImages(m, lfw, valid, size), m.create(lfw.labels(valid)), Math.min(run.batchSize(32), split[0].length),
                SkimageData.LFW_CLASSES);
    }

    static NDArray lfwImages(NDManager m, SkimageData.Lfw lfw, int[] which, int size) {
        return scaled(m.create(lfw.rgb(which, size), new Shape(which.length, 3, size, size)));
    }

    /**
     * {@link TransferLearning}'s few-shot target task: {@code shots} training images of each class of {@code target}
     * (a seeded draw), validated on the test images of those classes ({@code --valid-limit} of them).
     */
    static DataLoaders fashion(NDManager m, LessonRun run, int[] target, int shots, int size, int seed) {
        FashionMnist.Split train = FashionMnist.load(run.data(), true).only(target).perClass(shots, seed);
        FashionMnist.Split test = FashionMnist.load(run.data(), false).only(target).subset(run.validLimit(), run.seed());
        return DataLoaders.fromArrays(fashionImages(m, train, size), train.labels(m), fashionImages(m, test, size),
                test.labels(m), Math.min(run.batchSize(32), train.n()), FashionMnist.classes(target));
    }

    private static NDArray fashionImages(NDManager m, FashionMnist.Split s, int size) {
        NDArray grey = s.images(m).mul(FashionMnist.STD).add(FashionMnist.MEAN); // back to [0, 1]
        return scaled(Augment.resize(grey, size).repeat(1, 3));
    }

    /** {@code [N, 3, h, w]} RGB on [0, 1] as the model takes it. */
    static NDArray scaled(NDArray rgb) {
        return rgb.sub(MobileNetV2.MEAN[0]).div(MobileNetV2.STD[0]);
    }
}
