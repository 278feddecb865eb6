package ai.fastdjl.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpKernelsTest {
    @Test
    void timesEveryKernelThatTorchOpsTimesToo() {
        Map<String, Double> micros = OpKernels.run("--calls", "3");
        // the same rows, in the same order, as tests/bench/torch_ops.py prints (its first row is PyTorch's AdamW step)
        assertEquals(List.of("adamUpdate (DJL's fused AdamW)", "sqrt", "exp", "add scalar (new tensor)",
                "mul tensor (new tensor)", "mul scalar in place"), List.copyOf(micros.keySet()));
        micros.forEach((op, us) -> assertTrue(us > 0 && us < 1e6, op + ": " + us + " µs"));
    }
}
