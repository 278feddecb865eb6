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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * PyTorch's own AdamW step ({@code _single_tensor_adamw}) run inside DJL's libtorch as TorchScript: 5 in-place passes
 * over a parameter and one temporary, where DJL's fused {@code adamUpdate} makes 13 passes and 8 temporaries. The
 * script is {@code shared/src/main/torchscript/adamw_step.py}; the archives it writes are resources of this package:
 * {@code adamw_step.pt} takes one parameter per call, {@code adamw_all.pt} every parameter of a step in one call.
 * The modules hold no state (the moments are the caller's), so one of each serves every optimizer of the JVM.
 */
final class AdamWScript {
    private static final String ONE = "adamw_step.pt";
    private static final String ALL = "adamw_all.pt";
    /** Held so that they are never collected: a collected DJL model's finalizer releases the module's handle. */
    private static final Map<String, Model> MODELS = new HashMap<>();

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
        call(ONE, args).close(); // the step is in place; the denominator it returns is not needed
    }

    /**
     * The same step on every weight in {@code w} that has a gradient, reading each weight's own gradient and zeroing
     * it after (no copy): {@code hyper} holds {lr, wd, β1, β2, eps} per weight, {@code t} its step count.
     */
    static void stepAll(List<NDArray> w, List<NDArray> m, List<NDArray> v, double[] hyper, long[] t) {
        IValue[] args = {list(w), list(m), list(v), IValue.listFrom(hyper), IValue.listFrom(t)};
        call(ALL, args).close(); // in place; the count of updated weights it returns is not needed
    }

    private static IValue list(List<NDArray> arrays) {
        return IValue.listFrom(arrays.stream().map(a -> (PtNDArray) a).toArray(PtNDArray[]::new));
    }

    private static IValue call(String resource, IValue[] args) {
        try {
            return module(resource).forward(args);
        } finally {
            for (IValue a : args) {
                a.close();
            }
        }
    }

    private static synchronized PtSymbolBlock module(String resource) {
        Model model = MODELS.get(resource);
        if (model == null) {
            // the model (and its manager) lives as long as the JVM: the module is shared by every optimizer
            model = Model.newInstance(resource, "PyTorch");
            try (InputStream in = AdamWScript.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("resource ai/fastdjl/optim/" + resource + " is missing from the"
                            + " classpath: rebuild shared (mvn -pl shared install), which packages it");
                }
                model.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("reading ai/fastdjl/optim/" + resource, e);
            } catch (MalformedModelException e) {
                throw new IllegalStateException("ai/fastdjl/optim/" + resource + " is not a TorchScript archive this"
                        + " libtorch loads; rebuild it with shared/src/main/torchscript/adamw_step.py", e);
            }
            MODELS.put(resource, model);
        }
        return (PtSymbolBlock) model.getBlock();
    }
}
