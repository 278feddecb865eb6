package ai.fastdjl.lesson04;

import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.gan.GanLoss;
import ai.fastdjl.gan.GanMonitor;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.optim.Adam;
import ai.fastdjl.report.RunReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 4 — what makes a GAN train: "GANs hate momentum" (the course, after the DCGAN paper's "β1 = 0.9 resulted in
 * training oscillation and instability") and spectral normalisation, what it takes "to make GANs work nowadays"
 * (Miyato et al. 2018). The lesson's DCGAN with Adam β1 = 0, 0.5 and 0.9, each with the BatchNorm critic and with a
 * spectrally normalised one, every cell trained for the same budget from the same seeds; measured: the Fréchet
 * distance of its samples to the real images after the last epoch. {@code --full}: 3 seeds and the DCGAN main's
 * quick budget (10 × 150 batches) per cell, instead of 1 seed and 4 × 100.
 */
@Command(name = "GanStability", mixinStandardHelpOptions = true,
        description = "Lesson 4: DCGAN with Adam beta1 0 / 0.5 / 0.9, with and without spectral normalisation.")
public final class GanStability {
    @Mixin
    CommonOptions common = new CommonOptions();
    @Mixin
    GanOptions gan = new GanOptions();
    @Option(names = "--beta1", split = ",", description = "Adam β1 values to compare (default 0,0.5,0.9).")
    double[] betas = {0, 0.5, 0.9};
    @Option(names = "--seeds", description = "Seeds per cell (default 1; 3 with --full).")
    Integer seeds;

    /** One cell: its final Fréchet distance per seed. */
    public record Cell(double beta1, boolean spectralNorm, double[] fd) {
        public double mean() {
            return Arrays.stream(fd).average().orElse(Double.NaN);
        }
    }

    public record Result(List<Cell> cells, Path runDir) {
        public Cell cell(double beta1, boolean spectralNorm) {
            return cells.stream().filter(c -> c.beta1() == beta1 && c.spectralNorm() == spectralNorm).findFirst()
                    .orElseThrow();
        }
    }

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        GanStability o = new GanStability();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        for (double b : o.betas) {
            if (!(b >= 0 && b < 1)) {
                throw new UserInputException("--beta1 " + b + ": Adam's β1 must be in [0, 1)");
            }
        }
        CommonOptions c = run.options();
        boolean full = c.full;
        c.full = false; // the study's --full means more seeds and batches with the quick networks, see above
        int seeds = o.seeds != null ? o.seeds : full ? 3 : 1;
        int baseSeed = c.seed;
        List<Cell> cells = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager()) {
            GanData data = GanData.load(c, o.gan, m, System.out);
            for (double beta1 : o.betas) {
                GanExperiment.Spec spec = GanExperiment.spec("Dcgan β1 " + beta1).loss(GanLoss.bce(), "JS", l -> l)
                        .optimizer(groups -> new Adam(Dcgan.betas(groups, beta1, 0.999), false), 2e-4, 2e-4)
                        .epochs(full ? 10 : 4, full ? 150 : 100, 0).build();
                for (boolean sn : new boolean[] {false, true}) {
                    o.gan.spectralNorm = sn;
                    double[] fd = new double[seeds];
                    for (int k = 0; k < seeds; k++) {
                        c.seed = baseSeed + k;
                        try (NDManager sub = m.newSubManager()) {
                            Path samples = k == 0 ? run.file(sampleFile(beta1, sn)) : null;
                            List<GanMonitor.Row> rows = GanExperiment.train(spec, run, o.gan, data, sub, samples).rows();
                            fd[k] = rows.get(rows.size() - 1).fd();
                        }
                    }
                    cells.add(new Cell(beta1, sn, fd));
                    System.out.printf(Locale.ROOT, "β1 %.1f, %s critic: final FD %s%n", beta1,
                            sn ? "spectral-norm" : "BatchNorm", Arrays.toString(fd));
                }
            }
        }
        c.seed = baseSeed;
        report(run, cells, seeds, full);
        return new Result(cells, run.dir());
    }

    static String sampleFile(double beta1, boolean sn) {
        return String.format(Locale.ROOT, "samples_beta1_%.1f_%s.png", beta1, sn ? "sn" : "bn");
    }

    private static void report(LessonRun run, List<Cell> cells, int seeds, boolean full) {
        RunReport r = run.report("Lesson 4: GANs hate momentum; spectral normalisation")
                .claim("With Adam's momentum β1 = 0.9 DCGAN trains worse than with 0.5 or 0 (\"GANs hate momentum\")"
                        + " and a spectrally normalised critic trains at least as well as the BatchNorm one: lower"
                        + " Fréchet distance after the same budget.");
        List<List<String>> table = new ArrayList<>();
        for (Cell cell : cells) {
            double mean = cell.mean();
            double sd = Math.sqrt(Arrays.stream(cell.fd()).map(x -> (x - mean) * (x - mean)).sum()
                    / Math.max(1, cell.fd().length - 1));
            String key = String.format(Locale.ROOT, "fd_beta1_%.1f_%s", cell.beta1(), cell.spectralNorm() ? "sn" : "bn");
            r.metric(key, mean);
            table.add(List.of(String.format(Locale.ROOT, "%.1f", cell.beta1()),
                    cell.spectralNorm() ? "spectral norm, no BatchNorm" : "BatchNorm (DCGAN)",
                    Arrays.stream(cell.fd()).mapToObj(x -> String.format(Locale.ROOT, "%.2f", x)).toList().toString(),
                    String.format(Locale.ROOT, "%.2f", mean), seeds > 1 ? String.format(Locale.ROOT, "%.2f", sd) : "–"));
        }
        r.metric("seeds", seeds).metric("batches_per_cell", full ? 1500 : 400)
                .table("Fréchet distance after the last epoch (lower is better), per seed:", List.of("Adam β1",
                        "critic", "FD per seed", "mean", "sd"), table);
        for (Cell cell : cells) {
            r.image(sampleFile(cell.beta1(), cell.spectralNorm()), String.format(Locale.ROOT, "β1 %.1f, %s critic"
                    + " (first seed)", cell.beta1(), cell.spectralNorm() ? "spectral-norm" : "BatchNorm"));
        }
        r.write();
        run.printReport();
    }
}
