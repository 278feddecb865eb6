package ai.fastdjl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.dataset.ArrayDataset;
import ai.fastdjl.callback.GradientClipping;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.collab.EmbeddingDotBias;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.detect.AnchorGrid;
import ai.fastdjl.detect.SsdLoss;
import ai.fastdjl.detect.SsdModel;
import ai.fastdjl.gan.DcganModels;
import ai.fastdjl.gan.GanLoss;
import ai.fastdjl.gan.GanModule;
import ai.fastdjl.gan.GanTrainer;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.lesson01.ObjectDetection;
import ai.fastdjl.loss.MseLoss;
import ai.fastdjl.loss.SequenceCrossEntropy;
import ai.fastdjl.loss.WeightedCrossEntropy;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.models.UNet;
import ai.fastdjl.seq.Seq2Seq;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.text.LmDataset;
import ai.fastdjl.text.TextLearners;
import ai.fastdjl.text.models.AwdLstm;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * The benchmark's models, each with its data (synthetic with learnable targets, {@link BenchData}, or lesson 1's
 * scenes) and its lesson's loss: what {@link ModelBench} trains through the Learner. {@code tests/bench/torch_bench.py}'s
 * {@code build} and {@code data} hold the same models and data for PyTorch.
 */
final class BenchModels {
    private BenchModels() {}

    /**
     * A Learner, not yet built, for {@code model} on {@code n} samples in batches of {@code bs}; {@code batches} is the
     * run's total (the language model reads one token stream of that length).
     */
    static LearnerBuilder learner(String model, NDManager m, int n, int bs, int batches) {
        return switch (model) {
            case "cnn" -> Learner.builder(images(m, n, bs), ResNet.build(1, 10, 8, 16, 32, 64));
            case "mlp" -> Learner.builder(images(m, n, bs), new SequentialBlock().add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(64).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(10).build()));
            case "dotbias" -> Learner.builder(ratings(m, n, bs), new EmbeddingDotBias(USERS, ITEMS, FACTORS,
                    new float[] {0f, 5.5f})).loss(new MseLoss());
            case "tabular" -> Learner.builder(tabular(m, n, bs), TabularModel.builder(CARDS, N_CONT)
                    .layers(1000, 500).ps(0.001, 0.01).embedP(0.04).yRange(0, 12).build()).loss(new MseLoss());
            case "awdlstm" -> TextLearners.languageModel(tokens(batches, bs), VOCAB,
                    AwdLstm.Config.languageModel(128, 192, 3), BPTT);
            case "dcgan" -> {
                GanModule gan = DcganModels.gan(100, 1, 28, new int[] {32, 16, 8}, new int[] {16, 32, 64});
                yield Learner.builder(images(m, n, bs), gan).loss(GanLoss.bce()).callbacks(new GanTrainer(gan, 1, 0));
            }
            case "unet" -> Learner.builder(scenes(m, n, bs, true), new UNet(1, SEG_CLASSES, UNET_WIDTHS, true, true))
                    .loss(new WeightedCrossEntropy());
            case "ssd" -> {
                AnchorGrid grid = ObjectDetection.grid(FashionScenes.Config.DEFAULT.size());
                int[] perCell = IntStream.range(0, grid.maps()).map(grid::perCell).toArray();
                yield Learner.builder(scenes(m, n, bs, false), new SsdModel(1, FashionMnist.CLASSES.size(),
                        SSD_WIDTHS, perCell)).loss(new SsdLoss());
            }
            case "seq2seq" -> {
                NDArray[] xy = BenchData.spellings(m, n, SOUNDS, SPELL_LEN);
                yield Learner.builder(loaders(new NDArray[] {xy[0]}, xy[1], bs), new Seq2Seq(new Seq2Seq.Config(
                        SOUNDS, Seq2Seq.EOS + 1 + BenchData.LETTERS, 64, 256, 128, true, true, SPELL_LEN + 1)))
                        .loss(new SequenceCrossEntropy(Seq2Seq.PAD)).callbacks(new GradientClipping());
            }
            default -> throw new UserInputException("--model " + model
                    + " is not one of: cnn, mlp, dotbias, tabular, awdlstm, dcgan, unet, ssd, seq2seq");
        };
    }

    // lesson 2: MovieLens ml-latest-small's users and films (with #na#); lesson 5: Rossmann-like cardinalities
    static final int USERS = 611;
    static final int ITEMS = 9725;
    static final int FACTORS = 50;
    static final int[] CARDS = {1116, 8, 13, 32, 25, 53, 22};
    static final int N_CONT = 16;
    // lesson 3's defaults (PretrainLm): vocabulary 8,000, 64 rows, BPTT 70
    static final int VOCAB = 8000;
    static final int LM_BS = 64;
    static final int BPTT = 70;
    // lesson 1's Segmentation and ObjectDetection at their defaults: background + 10 classes, the levels' widths,
    // scenes of seed 42
    static final int SEG_CLASSES = 11;
    static final int[] UNET_WIDTHS = {16, 32, 64, 128};
    static final int[] SSD_WIDTHS = {16, 32, 64};
    static final long SCENE_SEED = 42;
    // lesson 3's SpellingBee (Speller): a source vocabulary of 70 (padding and cmudict's 69 ARPAbet phonemes with
    // their stress digits), words of 7 sounds, about the dictionary's mean; embeddings 64, GRUs 256, attention 128
    static final int SOUNDS = 70;
    static final int SPELL_LEN = 7;

    private static DataLoaders loaders(NDArray[] x, NDArray y, int bs) {
        ArrayDataset train = new ArrayDataset.Builder().setData(x).optLabels(y).setSampling(bs, false, true).build();
        NDArray[] first = Arrays.stream(x).map(a -> a.get("0:" + bs)).toArray(NDArray[]::new);
        ArrayDataset valid = new ArrayDataset.Builder().setData(first).optLabels(y.get("0:" + bs))
                .setSampling(bs, false, false).build();
        return new DataLoaders(train, valid, bs, true, List.of());
    }

    /** Fashion-MNIST-shaped images with N(0, 1) pixels, labelled by {@link BenchData#decileLabels}. */
    private static DataLoaders images(NDManager m, int n, int bs) {
        NDArray[] xy = BenchData.images(m, n);
        return loaders(new NDArray[] {xy[0]}, xy[1], bs);
    }

    /**
     * Lesson 1's first {@code n} training scenes (Fashion-MNIST items on 64 px canvases, seed 42), normalised with
     * Fashion-MNIST's mean and std, with their masks (U-Net) or SSD targets on the lesson's anchors: the arrays
     * {@code SceneExport} writes for the PyTorch side, so both train on the same data.
     */
    static NDArray[] sceneArrays(NDManager m, int n, boolean masks) {
        return sceneArrays(m, FashionScenes.generate(FashionMnist.load(DataLocation.cache(), true), n,
                FashionScenes.Config.DEFAULT, SCENE_SEED), masks);
    }

    /** {@code scenes} as those arrays: what both the benchmark and {@code SceneExport} train and write. */
    static NDArray[] sceneArrays(NDManager m, List<FashionScenes.Scene> scenes, boolean masks) {
        NDArray y = masks ? FashionScenes.segmentation(scenes).masks(m) : ObjectDetection.targets(m,
                ObjectDetection.grid(scenes.get(0).size()), scenes.stream().map(FashionScenes.Scene::truth).toList());
        return new NDArray[] {FashionScenes.images(m, scenes), y};
    }

    private static DataLoaders scenes(NDManager m, int n, int bs, boolean masks) {
        NDArray[] xy = sceneArrays(m, n, masks);
        return loaders(new NDArray[] {xy[0]}, xy[1], bs);
    }

    /** {@link BenchData#ratings} as loaders. */
    private static DataLoaders ratings(NDManager m, int n, int bs) {
        NDArray[] xy = BenchData.ratings(m, n, USERS, ITEMS);
        return loaders(new NDArray[] {xy[0]}, xy[1], bs);
    }

    /** Random categories of lesson 5's sizes, N(0, 1) continuous columns, {@link BenchData#tabularTargets}. */
    private static DataLoaders tabular(NDManager m, int n, int bs) {
        Random r = new Random(0);
        long[][] cats = new long[n][CARDS.length];
        float[][] conts = new float[n][N_CONT];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < CARDS.length; k++) {
                cats[i][k] = r.nextInt(CARDS[k]);
            }
            for (int k = 0; k < N_CONT; k++) {
                conts[i][k] = (float) r.nextGaussian();
            }
        }
        float[] y = BenchData.tabularTargets(cats, CARDS, conts, r);
        return loaders(new NDArray[] {m.create(cats), m.create(conts)}, m.create(y), bs);
    }

    /** One {@link BenchData#zipfTokens} stream for {@code batches} batches of about {@link #BPTT} tokens a row. */
    private static DataLoaders tokens(int batches, int bs) {
        int[] doc = BenchData.zipfTokens(bs * (batches + 4) * (BPTT + 20), VOCAB, new Random(0));
        return new DataLoaders(LmDataset.train(List.of(doc), bs, BPTT), LmDataset.valid(List.of(doc), bs, BPTT), bs,
                true, List.of());
    }
}
