package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.style.FeatureExtractor;
import ai.fastdjl.style.StyleLoss;
import java.util.List;
import picocli.CommandLine.Option;

/** Style transfer's flags: the images, the feature extractor and its layers, the loss weights, the optimiser. */
public class StyleOptions {

    @Option(names = "--content", defaultValue = "astronaut", description = "Content image: a file or one of astronaut,"
            + " chelsea, coffee, starry_night, scream (default ${DEFAULT-VALUE}).")
    public String content;

    @Option(names = "--style", defaultValue = "starry_night", description = "Style image, as --content (default"
            + " ${DEFAULT-VALUE}).")
    public String style;

    @Option(names = "--size", description = "Image side in pixels (default 192; 320 with --full).")
    public Integer size;

    @Option(names = "--steps", description = "Loss evaluations (default 200; 600 with --full).")
    public Integer steps;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam or lbfgs (default ${DEFAULT-VALUE}).")
    public String optimizer;

    @Option(names = "--features", defaultValue = "mobilenetv2", description = "mobilenetv2 (imported, offline after"
            + " ./datasets/fetch.sh mobilenetv2), torchscript:FILE or zoo:URL (default ${DEFAULT-VALUE}).")
    public String features;

    @Option(names = "--content-layer", description = "Index of the content layer among the extractor's outputs"
            + " (default: 2 for mobilenetv2, the middle output otherwise).")
    public Integer contentLayer;

    @Option(names = "--style-layers", split = ",", description = "Indices of the style layers (default: all).")
    public List<Integer> styleLayers;

    @Option(names = "--content-weight", defaultValue = "1", description = "α (default ${DEFAULT-VALUE}).")
    public double contentWeight;

    @Option(names = "--style-weight", defaultValue = "100", description = "β (default ${DEFAULT-VALUE}).")
    public double styleWeight;

    @Option(names = "--tv-weight", defaultValue = "200", description = "γ, total variation (default ${DEFAULT-VALUE}).")
    public double tvWeight;

    @Option(names = "--init", defaultValue = "content", description = "Start from content, style or noise (default"
            + " ${DEFAULT-VALUE}).")
    public String init;

    /** The main's loss with the flags' weights; bad layer indices are a one-line error. */
    StyleLoss loss(FeatureExtractor fx, NDArray content, NDArray style, int contentLayer, List<Integer> styleLayers,
            NDManager m) {
        try {
            return new StyleLoss(fx, content, style, contentLayer, styleLayers, contentWeight, styleWeight, tvWeight, m);
        } catch (IllegalArgumentException e) {
            throw new UserInputException("--content-layer/--style-layers: " + e.getMessage());
        }
    }
}
