package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.StyleImages;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.report.RunReport;
import ai.fastdjl.style.FeatureExtractor;
import ai.fastdjl.style.RgbImage;
import ai.fastdjl.style.StyleLoss;
import ai.fastdjl.style.TransformerNet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 4 — fast style transfer (Johnson, Alahi &amp; Fei-Fei 2016; the course: the same feature and Gram losses,
 * but "train a network to do it" once, then one forward pass per image). A {@link TransformerNet} learns the painting's
 * style on random crops of twelve OpenCV sample photographs with the {@code StyleTransfer} main's loss (content,
 * Gram-matrix style and total-variation terms on the imported MobileNetV2); then it repaints scikit-image's photos,
 * which it never saw, and the optimisation-based method (Gatys et al., Adam on the pixels) repaints the same photos at
 * the same size with the same loss. Measured: seconds per image and the loss terms each method reaches.
 */
@Command(name = "FastStyleTransfer", mixinStandardHelpOptions = true,
        description = "Lesson 4: a feed-forward style-transfer network vs optimising the pixels.")
public final class FastStyleTransfer {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    StyleOptions style = new StyleOptions();
    @Option(names = "--crops", description = "Random training crops per epoch (default ${DEFAULT-VALUE}).")
    int crops = 384;
    @Option(names = "--width", description = "Channels of the network's first layer (default ${DEFAULT-VALUE}; the"
            + " paper's 32).")
    int width = 16;
    @Option(names = "--blocks", description = "Residual blocks (default ${DEFAULT-VALUE}; the paper's 5).")
    int blocks = 3;
    @Option(names = "--test", split = ",", description = "Photos to repaint (default astronaut,chelsea,coffee).")
    List<String> test = List.of("astronaut", "chelsea", "coffee");

    /** One photo repainted both ways: seconds and the loss terms reached. */
    public record Row(String photo, double fastSeconds, double fastContent, double fastStyle, double fastTotal,
            double slowSeconds, double slowContent, double slowStyle, double slowTotal, int stepsToMatch) {}

    public record Result(List<Row> rows, double trainSeconds, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        FastStyleTransfer o = new FastStyleTransfer();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        int side = o.style.size != null ? o.style.size : run.full() ? 256 : 128;
        int steps = o.style.steps != null ? o.style.steps : run.full() ? 400 : 200;
        if (side % 4 != 0 || side < 32) {
            throw new UserInputException("--size " + side + ": the network halves the image twice; give a multiple"
                    + " of 4, at least 32");
        }
        boolean fetch = run.data().fetch();
        List<NDArray> photos = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager();
                FeatureExtractor fx = StyleTransfer.extractor(o.style.features, m, side, fetch)) {
            for (String name : o.test) {
                photos.add(RgbImage.read(StyleImages.resolve(name, fetch), side, m));
            }
            NDArray painting = RgbImage.read(StyleImages.resolve(o.style.style, fetch), side, m);
            int contentLayer = o.style.contentLayer != null ? o.style.contentLayer : 2;
            List<Integer> styleLayers = o.style.styleLayers != null ? o.style.styleLayers
                    : IntStream.range(0, fx.layers().size()).boxed().toList();
            StyleLoss loss = o.style.loss(fx, photos.get(0), painting, contentLayer, styleLayers, m);
            NDArray train = StyleCrops.random(StyleImages.photos(fetch), o.crops, side, run.seed(), m);
            NDArray valid = photos.size() == 1 ? photos.get(0) : NDArrays.concat(new NDList(photos));
            DataLoaders dls = DataLoaders.fromArrays(train, train, valid, valid, run.batchSize(4), List.of());
            long t0 = System.nanoTime();
            List<Row> rows = new ArrayList<>();
            SequentialBlock net = TransformerNet.build(o.width, o.blocks);
            try (Learner learn = run.learner(dls, net).name("transformer").loss(loss.asTrainingLoss())
                    .inputShapes(new Shape(1, 3, side, side)).build()) {
                learn.fitOneCycle(run.epochs(10, 10), run.lr(1e-3)); // Johnson et al.: Adam, lr 1e-3
                double trainSeconds = (System.nanoTime() - t0) / 1e9;
                for (int i = 0; i < photos.size(); i++) {
                    NDArray photo = photos.get(i);
                    Repaint.Done fast = Repaint.fast(learn, loss, photo);
                    Repaint.Done slow = Repaint.optimised(o.style.loss(fx, photo, painting, contentLayer, styleLayers,
                            m), photo, steps, 0.03); // StyleTransfer's default lr
                    rows.add(new Row(o.test.get(i), fast.seconds(), fast.content(), fast.style(), fast.total(),
                            slow.seconds(), slow.content(), slow.style(), slow.total(), slow.stepsToReach(fast.total())));
                    RgbImage.sideBySide(List.of(photo, slow.image(), fast.image()), List.of(o.test.get(i),
                            String.format(Locale.ROOT, "optimised (%.1f s)", slow.seconds()),
                            String.format(Locale.ROOT, "fast (%.2f s)", fast.seconds())), run.file(o.test.get(i) + ".png"));
                }
                report(run, rows, trainSeconds, side, steps, o);
                return new Result(rows, trainSeconds, run.dir());
            }
        }
    }

    private static void report(LessonRun run, List<Row> rows, double trainSeconds, int side, int steps,
            FastStyleTransfer o) {
        RunReport r = run.report("Lesson 4: fast style transfer, " + o.style.style)
                .claim("A network trained once with the style-transfer loss repaints a new photo in one forward pass,"
                        + " orders of magnitude faster than optimising its pixels, at a style loss of the same order.");
        List<List<String>> table = new ArrayList<>();
        for (Row row : rows) {
            table.add(List.of(row.photo(), String.format(Locale.ROOT, "%.3f", row.fastSeconds()),
                    String.format(Locale.ROOT, "%.1f", row.slowSeconds()),
                    String.format(Locale.ROOT, "%.0f×", row.slowSeconds() / row.fastSeconds()),
                    RunReport.format(row.fastTotal()), RunReport.format(row.slowTotal()),
                    row.stepsToMatch() < 0 ? "never" : String.valueOf(row.stepsToMatch()),
                    RunReport.format(row.fastStyle()), RunReport.format(row.slowStyle()),
                    RunReport.format(row.fastContent()), RunReport.format(row.slowContent())));
            r.metric("speedup_" + row.photo(), row.slowSeconds() / row.fastSeconds())
                    .metric("steps_to_fast_loss_" + row.photo(), row.stepsToMatch())
                    .image(row.photo() + ".png", row.photo() + ": photo | optimised pixels | fast network");
        }
        double speedup = rows.stream().mapToDouble(x -> x.slowSeconds() / x.fastSeconds()).sorted()
                .toArray()[rows.size() / 2];
        r.metric("median_speedup", speedup).metric("train_seconds", trainSeconds).metric("size", side)
                .metric("optimisation_steps", steps).metric("width", o.width).metric("residual_blocks", o.blocks)
                .table(String.format(Locale.ROOT, "Photos the network never saw, %d×%d (training: %.0f s once):", side,
                        side, trainSeconds), List.of("photo", "fast (s)", "optimised (s)", "speed-up", "loss fast",
                        "loss optimised", "optimisation steps to the fast loss", "style fast", "style optimised",
                        "content fast", "content optimised"), table)
                .write();
        run.printReport();
    }
}
