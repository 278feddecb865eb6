package ai.fastdjl.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The differential check finds a broken kernel, and the doctor says so and exits non-zero. */
class NumericsCheckTest {
    static final List<Kernel> SMALL = List.of(
            Kernel.of("linear 20->7", "MKL", l -> l.get(0).getNDArrayInternal().linear(l.get(0), l.get(1), l.get(2)),
                    new Shape(33, 20), new Shape(7, 20), new Shape(7)),
            Kernel.of("softmax 11", "ATen", l -> new NDList(l.get(0).softmax(1)), new Shape(9, 11)));

    @Test
    void relativeErrorRefusesEveryNonFiniteValue() {
        assertEquals(0, NumericsCheck.relativeError(new double[] {1, -2}, new double[] {1, -2}));
        assertEquals(0.25, NumericsCheck.relativeError(new double[] {1, -1.5}, new double[] {1, -2}), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, NumericsCheck.relativeError(new double[] {Double.NaN, 0},
                new double[] {1, 2}));
        assertEquals(Double.POSITIVE_INFINITY, NumericsCheck.relativeError(new double[] {1, 2},
                new double[] {1, Double.POSITIVE_INFINITY}));
    }

    @Test
    void correctKernelsPassAndAOnePercentFaultInOneKernelFailsJustThatKernel() {
        NumericsCheck.Report clean = NumericsCheck.run(SMALL, 1, NumericsCheck.Fault.NONE);
        assertTrue(clean.ok(), () -> clean.failures().toString());
        clean.results().forEach(r -> r.errors().values().forEach(e -> assertTrue(e < 1e-5, r.describe())));

        NumericsCheck.Report broken = NumericsCheck.run(SMALL, 1, NumericsCheck.Fault.scale("softmax"));
        assertFalse(broken.ok());
        assertEquals(1, broken.failures().size());
        NumericsCheck.Result r = broken.failures().get(0);
        assertEquals("softmax 11", r.kernel().name());
        r.errors().values().forEach(e -> assertEquals(0.01, e, 1e-4)); // the injected 1 %, nothing else
    }

    @Test
    void theKernelListIsNamedUniquelyAndCoversEveryFamilyTheLessonsUse() {
        List<Kernel> all = Kernels.all();
        assertEquals(all.size(), new HashSet<>(all.stream().map(Kernel::name).toList()).size());
        for (String op : List.of("conv2d", "batchNorm", "linear", "lstm", "embedding", "upsample", "maxPool",
                "softmax", "cross-entropy", "adamUpdate", "sum")) {
            assertTrue(all.stream().anyMatch(k -> k.name().startsWith(op)), op);
        }
    }

    @Test
    void theEngineStartedUnderASettingTheCheckChose() {
        ai.djl.engine.Engine.getInstance();
        CpuSettings.Choice c = CpuSettings.applied();
        assertNotNull(c, "DJL's default engine must be fastdjl's checked provider");
        assertEquals("PyTorch", ai.djl.engine.Engine.getInstance().getEngineName());
        assertEquals(CpuSetting.ONEDNN_AVX2, CpuSetting.byId("onednn-avx2"));
    }

    @Test
    void theDoctorPassesHereAndFailsOnAnInjectedFault() {
        Out ok = doctor();
        assertEquals(0, ok.status, ok.text);
        assertTrue(ok.text.contains("\nnumerics: OK"), ok.text);
        assertTrue(ok.text.contains("\nCPU       "), ok.text);

        Out bad = doctor("--inject-fault", "softmax");
        assertEquals(1, bad.status, bad.text);
        assertTrue(bad.text.contains("numerics: BROKEN: softmax 4999 compute wrong numbers"), bad.text);

        assertEquals(2, doctor("--no-such-flag").status);
    }

    private record Out(int status, String text) {}

    private static Out doctor(String... args) {
        PrintStream was = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream p = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            System.setOut(p);
            int status = Doctor.run(args);
            return new Out(status, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(was);
        }
    }
}
