package ai.fastdjl.style;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.imports.TfjsModel;
import ai.fastdjl.vision.MobileNetV2;
import ai.fastdjl.vision.Pretrained;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The feature extractors style transfer and feature losses can use. */
public final class FeatureExtractors {
    private FeatureExtractors() {}

    /**
     * The imported MobileNetV2 (ImageNet-derived weights up to block 10, see {@code NsfwjsModels}), tapped at
     * {@link MobileNetV2#FEATURE_MAPS}: one expansion ReLU per resolution (1/2, 1/4, 1/8 and 1/16 of the image side).
     */
    public static FeatureExtractor mobileNetV2(TfjsModel model, NDManager manager, int side) {
        List<String> maps = MobileNetV2.FEATURE_MAPS;
        return FeatureExtractor.initialized("MobileNetV2 (nsfwjs import)", model.graph(maps.toArray(String[]::new)),
                maps, MobileNetV2.MEAN, MobileNetV2.STD, manager, side);
    }

    /**
     * The stages of a trained CNN's body (e.g. a lesson's ResNet classifier), tapped after each stage named in
     * {@code stages}: layer {@code "stage" + i} is the output of child {@code i} of {@code body}. Inputs have
     * {@code mean.length} channels.
     */
    public static FeatureExtractor stages(String name, SequentialBlock body, int[] stages, float[] mean, float[] std,
            NDManager manager) {
        List<String> layers = new ArrayList<>();
        for (int i : stages) {
            if (i < 0 || i >= body.getChildren().size()) {
                throw new UserInputException("unknown stage " + i + " for " + name + ": it has stages 0-"
                        + (body.getChildren().size() - 1));
            }
            layers.add("stage" + i);
        }
        return new FeatureExtractor(name, new Taps(body, stages), layers, mean, std, null, manager);
    }

    /** Runs a sequential body and returns the outputs of the chosen children (none after the last chosen). */
    private static final class Taps extends AbstractBlock {
        private final SequentialBlock body;
        private final int[] stages;

        Taps(SequentialBlock body, int[] stages) {
            super((byte) 1);
            this.body = addChildBlock("body", body);
            this.stages = stages.clone();
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList in, boolean training, PairList<String, Object> p) {
            List<Block> children = body.getChildren().values();
            int last = java.util.Arrays.stream(stages).max().orElseThrow();
            NDList x = in;
            NDArray[] out = new NDArray[children.size()];
            for (int i = 0; i <= last; i++) {
                x = children.get(i).forward(ps, x, training);
                out[i] = x.head();
            }
            NDList taps = new NDList();
            for (int i : stages) {
                taps.add(out[i]);
            }
            return taps;
        }

        @Override
        public Shape[] getOutputShapes(Shape[] in) {
            List<Block> children = body.getChildren().values();
            Shape[] s = in;
            Shape[] all = new Shape[children.size()];
            for (int i = 0; i < children.size(); i++) {
                s = children.get(i).getOutputShapes(s);
                all[i] = s[0];
            }
            return java.util.Arrays.stream(stages).mapToObj(i -> all[i]).toArray(Shape[]::new);
        }
    }

    /**
     * A TorchScript file whose {@code forward} returns the feature maps to compare, as a tuple or list of
     * {@code [N, C, H, W]} tensors (see the lesson's README for an export recipe from torchvision's VGG-16). Inputs are
     * normalised with ImageNet's mean and std, as torchvision's models expect.
     */
    public static FeatureExtractor torchScript(Path file, NDManager manager, int side) {
        if (!Files.isRegularFile(file)) {
            throw new UserInputException("--features torchscript:" + file + ": no such file; export one as the"
                    + " lesson's README shows");
        }
        Criteria<NDList, NDList> c = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(file)
                .optEngine("PyTorch").build();
        return load(c, "TorchScript " + file.getFileName(), "--features torchscript:" + file, manager, side);
    }

    /**
     * A model from DJL's model zoo (downloaded on first use), used like a TorchScript file: its outputs must be feature
     * maps. DJL's published image classifiers return only their final output, which style transfer cannot use.
     */
    public static FeatureExtractor zoo(String url, NDManager manager, int side) {
        Criteria<NDList, NDList> c = Criteria.builder().setTypes(NDList.class, NDList.class).optModelUrls(url)
                .optEngine("PyTorch").build();
        return load(c, "DJL zoo " + url, "--features zoo:" + url, manager, side);
    }

    private static FeatureExtractor load(Criteria<NDList, NDList> criteria, String name, String flag,
            NDManager manager, int side) {
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new UserInputException(flag + ": cannot load the model (" + firstLine(e) + ")"
                    + (flag.startsWith("--features zoo") ? "; the zoo needs the internet on first use" : ""));
        }
        List<String> layers = new ArrayList<>();
        try (NDManager probe = manager.newSubManager()) {
            NDList out = model.getBlock().forward(new ParameterStore(probe, false),
                    new NDList(probe.zeros(new Shape(1, 3, side, side))), false);
            for (int i = 0; i < out.size(); i++) {
                if (out.get(i).getShape().dimension() != 4) {
                    model.close();
                    throw new UserInputException(flag + ": output " + i + " has shape " + out.get(i).getShape()
                            + "; style transfer needs a model that returns feature maps [N, C, H, W] (export one"
                            + " that returns its intermediate layers, see the lesson's README)");
                }
                layers.add("output" + i + " " + out.get(i).getShape().slice(1));
            }
        }
        return new FeatureExtractor(name, model.getBlock(), layers, Pretrained.IMAGENET_MEAN, Pretrained.IMAGENET_STD,
                model, manager);
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
