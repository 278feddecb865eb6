package ai.fastdjl.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The choice of CPU setting, its cache, and the per-model convolution check. */
class CpuSettingsTest {
    private static CpuSettings.Probe probe(CpuSetting s, int wrong, boolean convolutionsOnly) {
        return new CpuSettings.Probe(s, java.util.Collections.nCopies(wrong, "k"), convolutionsOnly);
    }

    @Test
    void theRuleKeepsTheOneDnnSettingWithFewestAvoidableFaultsBeforeTurningOneDnnOff() {
        // this project's Zen 5 machine: defaults 3 wrong convolutions, AVX2 1
        CpuSettings.Probe avx2 = probe(CpuSetting.ONEDNN_AVX2, 1, true);
        assertSame(avx2, CpuSettings.best(List.of(probe(CpuSetting.DEFAULT, 3, true), avx2)));
        // a CPU where the defaults are right
        CpuSettings.Probe clean = probe(CpuSetting.DEFAULT, 0, true);
        assertSame(clean, CpuSettings.best(List.of(clean)));
        // a tie goes to the faster (earlier) setting
        CpuSettings.Probe def = probe(CpuSetting.DEFAULT, 1, true);
        assertSame(def, CpuSettings.best(List.of(def, probe(CpuSetting.ONEDNN_AVX2, 1, true))));
        // a wrong kernel that is not a convolution (an LSTM) rules a oneDNN setting out
        CpuSettings.Probe off = probe(CpuSetting.ONEDNN_OFF, 0, true);
        assertSame(off, CpuSettings.best(List.of(probe(CpuSetting.DEFAULT, 2, false),
                probe(CpuSetting.ONEDNN_AVX2, 1, false), off)));
        assertNull(CpuSettings.best(List.of(probe(CpuSetting.DEFAULT, 2, false),
                probe(CpuSetting.ONEDNN_OFF, 1, false))));
    }

    @Test
    void theCachedChoiceReadsBackAsWritten(@TempDir Path tmp) {
        Path file = tmp.resolve("numerics").resolve("key.properties");
        ChoiceCache.write(file, new CpuSettings.Choice(CpuSetting.ONEDNN_AVX2, "check",
                List.of("default: 3 kernels wrong", "onednn-avx2: 1 kernel wrong")));
        CpuSettings.Choice c = ChoiceCache.read(file);
        assertEquals(CpuSetting.ONEDNN_AVX2, c.setting());
        assertEquals(List.of("default: 3 kernels wrong", "onednn-avx2: 1 kernel wrong"), c.probes());
        assertTrue(c.source().contains("cached in " + file), c.source());
    }

    @Test
    void everyIdNamesItsSetting() {
        for (CpuSetting s : CpuSetting.values()) {
            assertSame(s, CpuSetting.byId(s.id()));
        }
        assertNull(CpuSetting.byId("avx512"));
        assertEquals("oneDNN capped at AVX2 (DNNL_MAX_CPU_ISA=AVX2)", CpuSetting.ONEDNN_AVX2.describe());
    }

    @Test
    void afterItsCheckAModelsConvolutionsAreRightWhateverTheCpu() {
        // 3 -> 6 channels pads every SIMD block there is: wrong with oneDNN on the Zen 5 machine, at any cap
        Block net = new SequentialBlock()
                .add(Conv2d.builder().setFilters(6).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).build())
                .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(3, 3)).build());
        try (NDManager m = NDManager.newBaseManager()) {
            net.initialize(m, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            ConvCheck.ensure(net);
            Kernel k = Kernel.of("conv2d 3->6 3x3", "oneDNN",
                    l -> Conv2d.conv2d(l.get(0), l.get(1), null, new Shape(1, 1), new Shape(1, 1)),
                    new Shape(8, 3, 16, 16), new Shape(6, 3, 3, 3));
            NumericsCheck.Report r = NumericsCheck.run(List.of(k), 2, NumericsCheck.Fault.NONE);
            assertTrue(r.ok(), () -> r.failures().get(0).describe());
        }
    }
}
