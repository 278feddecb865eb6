package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.datasets.NsfwjsModels;
import ai.fastdjl.datasets.StyleImages;
import ai.fastdjl.imports.TfjsModel;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.plot.Plots;
import ai.fastdjl.style.FeatureExtractor;
import ai.fastdjl.style.FeatureExtractors;
import ai.fastdjl.style.PixelOptimizer;
import ai.fastdjl.style.RgbImage;
import ai.fastdjl.style.StyleLoss;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Lesson 4 — neural style transfer (Gatys, Ecker &amp; Bethge 2016): optimise an image's pixels so that a frozen CNN sees
 * the content image's activations at a middle layer and the style image's Gram matrices at several layers, starting
 * from the content image (the notes: the starting point matters). Claim measured: the optimisation moves the image
 * far closer to the painting's style (style loss down by orders of magnitude) while its content stays nearer the
 * photo than the painting is.
 */
@Command(name = "StyleTransfer", mixinStandardHelpOptions = true,
        description = "Lesson 4: Gatys et al.'s style transfer with a pluggable feature extractor.")
public final class StyleTransfer {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    StyleOptions style = new StyleOptions();

    /** The loss terms at the start and the end, and each image's terms as references. */
    public record Result(StyleLoss.Terms start, PixelOptimizer.Step end, double styleOfContentImage,
            double contentOfStyleImage, double seconds, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        StyleTransfer main = new StyleTransfer();
        LessonRun run = LessonRun.start(main, args);
        if (run == null) {
            return null; // --help
        }
        StyleOptions o = main.style;
        int side = o.size != null ? o.size : run.full() ? 320 : 192;
        int steps = o.steps != null ? o.steps : run.full() ? 600 : 200;
        if (!List.of("adam", "lbfgs").contains(o.optimizer) || !List.of("content", "style", "noise").contains(o.init)) {
            throw new UserInputException("--optimizer must be adam or lbfgs, --init content, style or noise");
        }
        long t0 = System.nanoTime();
        Path contentFile = StyleImages.resolve(o.content, run.data().fetch());
        Path styleFile = StyleImages.resolve(o.style, run.data().fetch());
        try (NDManager m = NDManager.newBaseManager(); FeatureExtractor fx = extractor(o.features, m, side, run.data().fetch())) {
            NDArray contentImg = RgbImage.read(contentFile, side, m);
            NDArray styleImg = RgbImage.read(styleFile, side, m);
            int n = fx.layers().size();
            int cl = o.contentLayer != null ? o.contentLayer : o.features.equals("mobilenetv2") ? 2 : n / 2;
            List<Integer> sl = o.styleLayers != null ? o.styleLayers : IntStream.range(0, n).boxed().toList();
            StyleLoss loss = o.loss(fx, contentImg, styleImg, cl, sl, m);
            StyleLoss.Terms ofContent = loss.evaluate(contentImg);
            StyleLoss.Terms ofStyle = loss.evaluate(styleImg);
            NDArray image = switch (o.init) {
                case "style" -> styleImg.duplicate();
                case "noise" -> m.randomUniform(0, 1, contentImg.getShape());
                default -> contentImg.duplicate();
            };
            StyleLoss.Terms start = loss.evaluate(image);
            System.out.printf(Locale.ROOT, "%s, content layer %s, style layers %s; %d×%d, %d evaluations of %s%n",
                    fx.name(), fx.layers().get(cl), sl, side, side, steps, o.optimizer);
            PixelOptimizer opt = new PixelOptimizer(loss, s -> {
                if (!run.quiet() && (s.evaluation() % 20 == 0 || s.evaluation() == 1)) {
                    System.out.printf(Locale.ROOT, "%4d  loss %.4g  content %.4g  style %.4g  tv %.4g%n",
                            s.evaluation(), s.total(), s.content(), s.style(), s.tv());
                }
            });
            double lr = run.lr(0.03);
            image = o.optimizer.equals("adam") ? opt.adam(image, steps, lr) : opt.lbfgs(image, steps, 10);
            PixelOptimizer.Step end = opt.history().get(opt.history().size() - 1);
            RgbImage.write(image, run.file("stylised.png"));
            RgbImage.sideBySide(List.of(contentImg, styleImg, image), List.of("content: " + o.content, "style: "
                    + o.style, "result"), run.file("side_by_side.png"));
            plotLosses(opt.history(), run.file("losses.png"));
            double seconds = (System.nanoTime() - t0) / 1e9;
            run.report("Lesson 4: style transfer, " + o.content + " in the style of " + o.style)
                    .claim("Optimising the pixels against Gram-matrix style losses and a content loss repaints the photo"
                            + " in the painting's style: the style loss falls by orders of magnitude from the start,"
                            + " while the content loss stays below that of the painting itself.")
                    .metric("style_loss_start", start.style()).metric("style_loss_end", end.style())
                    .metric("style_loss_reduction", start.style() / end.style())
                    .metric("style_loss_of_content_image", ofContent.style())
                    .metric("content_loss_start", start.content()).metric("content_loss_end", end.content())
                    .metric("content_loss_of_style_image", ofStyle.content())
                    .metric("content_end_vs_style_image", end.content() / ofStyle.content())
                    .metric("features", fx.name()).metric("content_layer", fx.layers().get(cl))
                    .metric("style_layers", sl.stream().map(i -> fx.layers().get(i)).toList().toString())
                    .metric("optimizer", o.optimizer).metric("evaluations", steps).metric("size", side)
                    .metric("weights", "content " + o.contentWeight + ", style " + o.styleWeight + ", tv " + o.tvWeight)
                    .metric("init", o.init).metric("seconds", seconds)
                    .image("side_by_side.png", "content | style | result").image("losses.png", "loss terms")
                    .write();
            System.out.printf(Locale.ROOT, "style loss %.4g → %.4g (÷%.1f); content loss %.4g → %.4g (the painting's:"
                            + " %.4g); %.0f s%n", start.style(), end.style(), start.style() / end.style(),
                    start.content(), end.content(), ofStyle.content(), seconds);
            run.printReport();
            return new Result(start, end, ofContent.style(), ofStyle.content(), seconds, run.dir());
        }
    }

    static FeatureExtractor extractor(String spec, NDManager m, int side, boolean fetch) {
        if (spec.equals("mobilenetv2")) {
            return FeatureExtractors.mobileNetV2(TfjsModel.read(NsfwjsModels.mobileNetV2(fetch)), m, side);
        } else if (spec.startsWith("torchscript:")) {
            return FeatureExtractors.torchScript(Path.of(spec.substring("torchscript:".length())), m, side);
        } else if (spec.startsWith("zoo:")) {
            return FeatureExtractors.zoo(spec.substring("zoo:".length()), m, side);
        }
        throw new UserInputException("--features " + spec + ": expected mobilenetv2, torchscript:FILE or zoo:URL");
    }

    private static void plotLosses(List<PixelOptimizer.Step> h, Path file) {
        double[] x = h.stream().mapToDouble(PixelOptimizer.Step::evaluation).toArray();
        var style = Plots.lines("Style loss", "evaluation", "loss (log scale)",
                Map.of("style", new double[][] {x, h.stream().mapToDouble(PixelOptimizer.Step::style).toArray()}), false);
        style.getStyler().setYAxisLogarithmic(true);
        Plots.save(file, style, Plots.lines("Content loss", "evaluation", "loss",
                Map.of("content", new double[][] {x, h.stream().mapToDouble(PixelOptimizer.Step::content).toArray()}),
                false));
    }
}
