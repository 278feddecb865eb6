package ai.fastdjl.vision;

import ai.djl.nn.SequentialBlock;
import ai.fastdjl.imports.TfjsModel;
import java.util.List;

/**
 * MobileNetV2 (Sandler et al. 2018) imported from a TensorFlow.js layers model (nsfwjs's, see
 * {@code ai.fastdjl.datasets.NsfwjsModels}) as a body for transfer learning: cut at {@link #FEATURES}, the last feature
 * map before the classifier (1280 channels, 7×7 at 224×224), under fastai's transfer head.
 */
public final class MobileNetV2 {
    /** The input side the model was trained at (its {@code batch_input_shape}). */
    public static final int SIZE = 224;
    /** The body's output: {@code Conv_1} → BN → ReLU6, before the classifier's pooling. */
    public static final String FEATURES = "out_relu";
    /** The last layer nsfwjs left frozen: everything up to here keeps Keras's ImageNet weights. */
    public static final String LAST_IMAGENET_LAYER = "block_10_project_BN";
    /**
     * Feature maps for style transfer, one per resolution (112, 56, 28, 14 at 224×224 input), all within the
     * ImageNet layers: the expansion ReLUs TensorFlow's segmentation tutorial takes from MobileNetV2 as its
     * encoder's skips ({@code block_13_expand_relu} there is retrained here, so {@code block_10}'s instead).
     */
    public static final List<String> FEATURE_MAPS = List.of("block_1_expand_relu", "block_3_expand_relu",
            "block_6_expand_relu", "block_10_expand_relu");

    /**
     * Per-channel mean and std for inputs in [0, 1]: {@code (x - 0.5) / 0.5} = {@code 2x - 1}, Keras's
     * {@code mobilenet_v2.preprocess_input} ({@code x / 127.5 - 1} on 0–255), with which its ImageNet weights
     * were trained.
     */
    public static final float[] MEAN = {0.5f, 0.5f, 0.5f};
    public static final float[] STD = {0.5f, 0.5f, 0.5f};

    /**
     * BatchNorm momentum while training either body: PyTorch's (and so fastai's) default 0.1, DJL's 0.9. The model's
     * own Keras momentum 0.999 keeps 99.9 % of the running statistics per step, so in the few dozen steps of a small
     * fine-tuning run they would hardly move from nsfwjs's data (pretrained) or from 0 and 1 (scratch), and
     * validation, which normalises with them, would see the statistics of other data.
     */
    public static final float TRAIN_BN_MOMENTUM = 0.9f;

    private MobileNetV2() {}

    /** {@code [body, head]}: the imported body with its weights and a new head for {@code classes}. */
    public static SequentialBlock pretrained(TfjsModel model, int classes) {
        return pretrained(model, classes, FEATURES);
    }

    /**
     * The same, the body cut after {@code layer}: {@link #FEATURES} for the whole feature extractor, or
     * {@link #LAST_IMAGENET_LAYER} for only the layers that keep Keras's ImageNet weights (96 channels at 1/16 of
     * the input side).
     */
    public static SequentialBlock pretrained(TfjsModel model, int classes, String layer) {
        return Pretrained.withHead(model.batchNormMomentum(TRAIN_BN_MOMENTUM).graph(layer), classes);
    }

    /** The same architecture with DJL's random initialisation: the from-scratch baseline of a transfer experiment. */
    public static SequentialBlock scratch(TfjsModel model, int classes) {
        return scratch(model, classes, FEATURES);
    }

    /** {@link #scratch(TfjsModel, int)} cut after {@code layer}, as {@link #pretrained(TfjsModel, int, String)}. */
    public static SequentialBlock scratch(TfjsModel model, int classes, String layer) {
        return Pretrained.withHead(model.batchNormMomentum(TRAIN_BN_MOMENTUM).untrained(layer), classes);
    }
}
