package ai.fastdjl.bench;

import ai.djl.ndarray.NDManager;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Callback;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.models.ResNet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Does training leak? Trains lesson 1's ResNet for 10 epochs on Fashion-MNIST and reads the process's resident
 * memory after every epoch: NDArrays that outlive their batch show up as growth from epoch to epoch.
 */
@Command(name = "MemoryStability", mixinStandardHelpOptions = true, description = "Resident memory per epoch.")
public final class MemoryStability {
    @Mixin
    CommonOptions common = new CommonOptions();

    /** Resident MB after each epoch, and growth from epoch 2 to the last (fraction). */
    public record Result(List<Double> rssMb, double growth) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        MemoryStability o = new MemoryStability();
        if (!Cli.parse(args, o)) {
            return null;
        }
        List<Double> rss = new ArrayList<>();
        Callback probe = new Callback() {
            @Override
            public void afterEpoch(Learner learn) {
                System.gc(); // Java-side garbage is not what we look for: native arrays are
                rss.add(ModelBench.procStatusMb("VmRSS"));
            }
        };
        try (NDManager m = NDManager.newBaseManager()) {
            DataLoaders dls = FashionMnist.loaders(m, o.common, 128);
            try (Learner learn = Learner.builder(dls, ResNet.build(1, 10, 8, 16, 32, 64)).seed(o.common.seed)
                    .maxBatches(o.common.maxBatches).progress(Progress.EPOCHS).callbacks(probe).build()) {
                learn.fitOneCycle(o.common.epochs(10, 10), 1e-2);
            }
        }
        double growth = rss.size() >= 2 ? rss.get(rss.size() - 1) / rss.get(1) - 1 : Double.NaN;
        for (int i = 0; i < rss.size(); i++) {
            System.out.printf(Locale.ROOT, "epoch %d: %.1f MB resident%n", i + 1, rss.get(i));
        }
        System.out.printf(Locale.ROOT, "growth from epoch 2 to %d: %.2f %%%n", rss.size(), 100 * growth);
        return new Result(rss, growth);
    }
}
