package ai.fastdjl.vision;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.learner.Splitter;
import ai.fastdjl.metric.Metrics;
import ai.fastdjl.models.ResNet;

/**
 * fastai's {@code vision_learner}: a learner for image classification, with cross-entropy as the loss, accuracy as
 * the metric and AdamW (the {@link Learner} defaults). Add the run's presets ({@code LessonRun.learner}) or seed,
 * callbacks and run folder, then build.
 */
public final class VisionLearner {
    private VisionLearner() {}

    /**
     * A ResNet trained from scratch ({@link ResNet#build}: a stem of {@code widths[0]} channels, then one residual
     * stage per further width), sized to the data's input channels and classes.
     */
    public static LearnerBuilder resnet(DataLoaders dls, int... widths) {
        return of(dls, ResNet.build(inputChannels(dls), dls.classes().size(), widths)).name("resnet");
    }

    /**
     * A pretrained {@code body} with a new head for the data's classes ({@link Pretrained#withHead}), split into body
     * and head so that {@code freeze()}, {@code fineTune} and discriminative rates work on the body as fastai's do.
     */
    public static LearnerBuilder pretrained(DataLoaders dls, Block body) {
        return withBodyAndHead(dls, Pretrained.withHead(body, dls.classes().size()));
    }

    /** A {@code [body, head]} model built elsewhere (e.g. {@code MobileNetV2.pretrained}), split into its two parts. */
    public static LearnerBuilder withBodyAndHead(DataLoaders dls, Block bodyAndHead) {
        return of(dls, bodyAndHead).splitter(Splitter.bodyHead());
    }

    /** Any classifier {@code model}, with accuracy as the metric. */
    public static LearnerBuilder of(DataLoaders dls, Block model) {
        return Learner.builder(dls, model).metrics(Metrics.accuracy());
    }

    /** The channels of one training image ({@code [C, H, W]}). */
    static int inputChannels(DataLoaders dls) {
        try (NDManager m = NDManager.newBaseManager()) {
            return (int) dls.inputShapes(m)[0].get(1);
        }
    }
}
