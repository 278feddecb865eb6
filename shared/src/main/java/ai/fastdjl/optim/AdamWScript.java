package ai.fastdjl.optim;

import ai.djl.Model;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * PyTorch's own AdamW step ({@code _single_tensor_adamw}) run inside DJL's libtorch as TorchScript: 5 in-place passes
 * over a parameter and one temporary, where DJL's fused {@code adamUpdate} makes 13 passes and 8 temporaries. The
 * script is {@code shared/src/main/torchscript/adamw_step.py}; the archive it writes is a resource of this package.
 * One module serves every optimizer of the JVM (it holds no state; the moments are the caller's).
 */
final class AdamWScript {
    private static final String RESOURCE = "adamw_step.pt";
    /** Held so that it is never collected: a collected DJL model's finalizer releases the module's handle. */
    private static Model model;
    private static PtSymbolBlock module;

    private AdamWScript() {}

    /**
     * {@code w ← w·(1 - lr·wd) - lr/(1-β1^t) · m / (sqrt(v/(1-β2^t)) + eps)}, the moments updated first; {@code w},
     * {@code m} and {@code v} are updated in place. The weight's own gradient is left to the caller (DJL hands the
     * optimizer a copy of it).
     */
    static void step(NDArray w, NDArray grad, NDArray m, NDArray v, double lr, double wd, double beta1, double beta2,
            double eps, int t) {
        IValue[] args = {IValue.from((PtNDArray) w), IValue.from((PtNDArray) grad), IValue.from((PtNDArray) m),
            IValue.from((PtNDArray) v), IValue.from(lr), IValue.from(wd), IValue.from(beta1), IValue.from(beta2),
            IValue.from(eps), IValue.from((long) t)};
        try {
            module().forward(args).close(); // the step is in place; the denominator it returns is not needed
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    private static synchronized PtSymbolBlock module() {
        if (module == null) {
            // the model (and its manager) lives as long as the JVM: the module is shared by every optimizer
            model = Model.newInstance("adamw_step", "PyTorch");
            try (InputStream in = AdamWScript.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource ai/fastdjl/optim/" + RESOURCE + " is missing from the"
                            + " classpath: rebuild shared (mvn -pl shared install), which packages it");
                }
                model.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("reading ai/fastdjl/optim/" + RESOURCE, e);
            } catch (MalformedModelException e) {
                throw new IllegalStateException("ai/fastdjl/optim/" + RESOURCE + " is not a TorchScript archive this"
                        + " libtorch loads; rebuild it with shared/src/main/torchscript/adamw_step.py", e);
            }
            module = (PtSymbolBlock) model.getBlock();
        }
        return module;
    }
}
