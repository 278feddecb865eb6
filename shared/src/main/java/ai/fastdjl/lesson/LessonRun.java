package ai.fastdjl.lesson;

import ai.djl.nn.Block;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.LearnerBuilder;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.report.RunReport;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import javax.imageio.ImageIO;
import picocli.CommandLine;

/**
 * One run of a lesson main, so the main can read like the course's notebook: the flags every lesson shares (parsed
 * and checked here, once), the lesson's defaults for them, where the data come from, the run folder, the command
 * that reproduces the run, and the presets every learner of the run gets (seed, {@code --max-batches},
 * {@code --quiet}, the run folder).
 *
 * <pre>{@code
 * LessonRun run = LessonRun.start(new FashionResNet(), args);   // null after --help
 * try (Learner learn = run.learner(VisionLearner.resnet(dls, 8, 16, 32, 64)).build()) {
 *     double lr = run.lr(() -> learn.lrFind().valley());
 *     learn.fitOneCycle(run.epochs(8, 15), lr);
 *     run.report("Lesson 1: …").add(learn.recorder()).write();
 * }
 * }</pre>
 */
public final class LessonRun {
    private final CommonOptions c;
    private final String name;
    private final Reproduce reproduce;
    private final String command;
    private RunFolder folder;

    private LessonRun(CommonOptions c, String name, Reproduce reproduce, String command) {
        this.c = c;
        this.name = name;
        this.reproduce = reproduce;
        this.command = command;
    }

    /**
     * Fills {@code main} (a picocli command with {@code @Mixin CommonOptions}) from {@code args} and checks the
     * shared flags: one line and exit status 2 for a bad value, through {@link Cli#main}.
     *
     * @return the run, or null when {@code --help} was asked for (and printed)
     */
    public static LessonRun start(Object main, String... args) {
        CommandLine cl = Cli.command(args, main);
        if (cl == null) {
            return null;
        }
        CommonOptions c = cl.getMixins().values().stream()
                .filter(CommonOptions.class::isInstance).map(CommonOptions.class::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(main.getClass().getName()
                        + " has no @Mixin CommonOptions; add one to share the lessons' flags"));
        check(c);
        // @Command's name; picocli says "<main class>" for a command without one
        String name = cl.getCommandName().startsWith("<") ? main.getClass().getSimpleName() : cl.getCommandName();
        Reproduce reproduce = new Reproduce(name, List.of(args));
        return new LessonRun(c, name, reproduce, reproduce.toString());
    }

    /**
     * A run from a notebook: {@code options} set in its parameters cell (a small budget for CI, the lesson's with one
     * switch), checked as a main's flags are; the run folder is {@code runs/NOTEBOOK/<time>/} next to the notebook.
     */
    public static LessonRun notebook(String notebook, CommonOptions options) {
        check(options);
        return new LessonRun(options, notebook, null, "run the notebook " + notebook + ".ipynb (Jupyter: Run All)");
    }

    /** The shared flags' rules, the same for every lesson. */
    private static void check(CommonOptions c) {
        Cli.check(c.lr != null && !(c.lr > 0 && Double.isFinite(c.lr)), "--lr " + c.lr + " must be positive, e.g. 1e-3");
        positive(c.epochs, "--epochs");
        positive(c.batchSize, "--bs");
        positive(c.maxBatches, "--max-batches");
        positive(c.limit, "--limit");
        positive(c.validLimit, "--valid-limit");
    }

    private static void positive(Integer v, String flag) {
        Cli.check(v != null && v < 1, flag + " must be at least 1; got " + v);
    }

    /** The shared flags, as given. */
    public CommonOptions options() {
        return c;
    }

    /** The main's (or notebook's) name: its run folders live under {@code --out/NAME}. */
    public String name() {
        return name;
    }

    /** {@code --data} and {@code --no-fetch}: where the data sets' loaders look. */
    public DataLocation data() {
        return c.data();
    }

    public int seed() {
        return c.seed;
    }

    /** {@code --full}: the lesson's full budget instead of the quick default. */
    public boolean full() {
        return c.full;
    }

    public boolean quiet() {
        return c.quiet;
    }

    /** {@code --epochs}, or the lesson's default: {@code quick}, or {@code full} with {@code --full}. */
    public int epochs(int quick, int full) {
        return c.epochs(quick, full);
    }

    /** {@code --bs}, or the lesson's default. */
    public int batchSize(int dflt) {
        return c.batchSize(dflt);
    }

    /**
     * Trains on at most {@code quick} samples unless {@code --limit} or {@code --full} says otherwise: a lesson whose
     * quick run uses part of the data. Loaders that read {@code --limit} see it.
     */
    public LessonRun quickLimit(int quick) {
        if (c.limit == null && !c.full) {
            c.limit = quick;
        }
        return this;
    }

    /**
     * Trains at most {@code quick} batches an epoch unless {@code --max-batches} or {@code --full} says otherwise (a
     * GAN's "epoch" of the quick run); this run's learners get the cap.
     */
    public LessonRun quickMaxBatches(int quick) {
        if (c.maxBatches == null && !c.full) {
            c.maxBatches = quick;
        }
        return this;
    }

    /** {@code --max-batches}: at most this many training batches an epoch (null: all). */
    public Integer maxBatches() {
        return c.maxBatches;
    }

    /** {@code --limit}: at most this many training samples (null: all). */
    public Integer limit() {
        return c.limit;
    }

    /** {@code --valid-limit}: at most this many validation samples (null: all). */
    public Integer validLimit() {
        return c.validLimit;
    }

    /** {@code --lr}, or the lesson's default rate. */
    public double lr(double dflt) {
        return c.lr != null ? c.lr : dflt;
    }

    /** {@code --lr}, or the rate {@code finder} suggests (the LR finder runs only without {@code --lr}); says which. */
    public double lr(DoubleSupplier finder) {
        double lr = c.lr != null ? c.lr : finder.getAsDouble();
        System.out.printf(Locale.ROOT, "learning rate: %.2e%s%n", lr, c.lr != null ? " (--lr)" : " (LR finder)");
        return lr;
    }

    /** The run folder, {@code --out/NAME/<time>/}, made on first use (so bad input leaves no empty folder). */
    public RunFolder folder() {
        if (folder == null) {
            folder = RunFolder.create(c.out, name());
        }
        return folder;
    }

    /** A file in the run folder (a plot, a model). */
    public Path file(String name) {
        return folder().file(name);
    }

    /** The run folder's path (what a main's result reports). */
    public Path dir() {
        return folder().dir();
    }

    /** Writes into an existing run folder instead (resuming a run that stopped). */
    public LessonRun resumeIn(RunFolder existing) {
        this.folder = existing;
        return this;
    }

    /** The command that reruns this main with these flags (null for a notebook's run). */
    public Reproduce reproduce() {
        return reproduce;
    }

    /** How to repeat this run, in the words a report uses: the main's command, or the notebook to run. */
    public String command() {
        return command;
    }

    /** A report in the run folder, with the reproduce command already set. */
    public RunReport report(String title) {
        return new RunReport(folder(), title).command(command);
    }

    /** A picture from the run folder (a plot a learner or a report wrote), for a notebook's {@code display}. */
    public BufferedImage image(String fileName) {
        Path file = file(fileName);
        try {
            BufferedImage img = ImageIO.read(file.toFile());
            if (img == null) {
                throw new IOException("not a PNG or JPEG image");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** {@link Learner#builder} with this run's presets. */
    public LearnerBuilder learner(DataLoaders dls, Block model) {
        return learner(Learner.builder(dls, model));
    }

    /**
     * An application's builder (e.g. {@code VisionLearner.resnet}, {@code CollabLearner.builder}) with this run's
     * presets: {@code --seed}, {@code --max-batches}, {@code --quiet} and the run folder. A sub-learner of a
     * comparison overrides them after (e.g. {@code .seed(run.seed() + s).progress(Progress.NONE)}).
     */
    public LearnerBuilder learner(LearnerBuilder b) {
        return b.seed(c.seed).maxBatches(c.maxBatches).progress(Progress.quietIf(c.quiet)).run(folder());
    }

    /** Prints where the report is, the last line of every lesson main. */
    public void printReport() {
        System.out.println("report: " + folder().file("README.md"));
    }
}
