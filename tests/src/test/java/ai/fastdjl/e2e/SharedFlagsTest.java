package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.lesson01.AugmentationAblation;
import ai.fastdjl.lesson01.BatchNormAndInit;
import ai.fastdjl.lesson01.Distillation;
import ai.fastdjl.lesson01.DistillationPaper;
import ai.fastdjl.lesson01.Ensembles;
import ai.fastdjl.lesson01.FashionResNet;
import ai.fastdjl.lesson01.FineTuneImages;
import ai.fastdjl.lesson01.Interpret;
import ai.fastdjl.lesson01.MobileNetTransfer;
import ai.fastdjl.lesson01.PhotoActivationMaps;
import ai.fastdjl.lesson01.PseudoLabeling;
import ai.fastdjl.lesson01.TransferLearning;
import ai.fastdjl.lesson02.CollabFiltering;
import ai.fastdjl.lesson03.FineTuneLm;
import ai.fastdjl.lesson03.PretrainLm;
import ai.fastdjl.lesson03.ProbeEncoder;
import ai.fastdjl.lesson03.Ulmfit;
import ai.fastdjl.lesson04.Dcgan;
import ai.fastdjl.lesson04.StyleTransfer;
import ai.fastdjl.lesson04.Wgan;
import ai.fastdjl.lesson05.ForestTools;
import ai.fastdjl.lesson05.TabularEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every lesson main refuses a bad shared flag with the same one line, before it reads data or writes anything. */
class SharedFlagsTest {
    @TempDir
    Path tmp;

    private static Map<String, Function<String[], Object>> mains() {
        Map<String, Function<String[], Object>> m = new LinkedHashMap<>();
        m.put("FashionResNet", FashionResNet::run);
        m.put("Interpret", Interpret::run);
        m.put("BatchNormAndInit", BatchNormAndInit::run);
        m.put("AugmentationAblation", AugmentationAblation::run);
        m.put("TransferLearning", TransferLearning::run);
        m.put("MobileNetTransfer", MobileNetTransfer::run);
        m.put("FineTuneImages", FineTuneImages::run);
        m.put("PseudoLabeling", PseudoLabeling::run);
        m.put("Distillation", Distillation::run);
        m.put("DistillationPaper", DistillationPaper::run);
        m.put("PhotoActivationMaps", PhotoActivationMaps::run);
        m.put("Ensembles", Ensembles::run);
        m.put("CollabFiltering", CollabFiltering::run);
        m.put("PretrainLm", PretrainLm::run);
        m.put("FineTuneLm", FineTuneLm::run);
        m.put("Ulmfit", Ulmfit::run);
        m.put("ProbeEncoder", ProbeEncoder::run);
        m.put("Dcgan", Dcgan::run);
        m.put("Wgan", Wgan::run);
        m.put("StyleTransfer", StyleTransfer::run);
        m.put("TabularEmbeddings", TabularEmbeddings::run);
        m.put("ForestTools", ForestTools::run);
        return m;
    }

    @Test
    void everyMainRefusesABadSharedFlagTheSameWay() {
        String[][] cases = {
            {"--bs", "0", "--bs must be at least 1; got 0"},
            {"--epochs", "0", "--epochs must be at least 1; got 0"},
            {"--lr", "-0.1", "--lr -0.1 must be positive, e.g. 1e-3"},
        };
        mains().forEach((name, run) -> {
            for (String[] c : cases) {
                var e = assertThrows(UserInputException.class, () -> run.apply(new String[] {c[0], c[1], "--out",
                        tmp.toString(), "--no-fetch"}), name + " " + c[0]);
                assertEquals(c[2], e.getMessage(), name);
            }
        });
        try (var files = Files.list(tmp)) {
            assertFalse(files.findAny().isPresent(), "no main left a run folder behind");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
