package ai.fastdjl.numerics;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.function.Function;

/**
 * One kernel of the differential check: a DJL op at a shape the lessons use, computed on inputs made from a fixed
 * seed. The op must work in whichever data type its inputs have (float32 for the run under test, float64 for the
 * reference); {@link NumericsCheck} draws the inputs and, for a differentiable op, takes the gradient of
 * {@code sum(output · G)} for a fixed random {@code G} with respect to every input.
 *
 * @param name what a person reads in the doctor's table, e.g. {@code conv2d 8->8 3x3}
 * @param library where the float32 op runs in libtorch: {@code oneDNN}, {@code ATen}, {@code MKL}
 * @param inputs the input shapes; each is filled with N(0, 1) draws (or with {@code indexRange} integers)
 * @param indexRange when above 0, the first input holds integer indices in {@code [0, indexRange)} (embedding)
 * @param differentiable whether gradients are compared too
 * @param op the computation: inputs in, outputs out (the first output is the one the gradient flows from)
 */
public record Kernel(
        String name,
        String library,
        List<Shape> inputs,
        int indexRange,
        boolean differentiable,
        Function<NDList, NDList> op) {

    /** Whether this is a 2-d convolution, the kind {@link ConvCheck} can avoid per model. */
    public boolean convolution() {
        return name.startsWith("conv2d");
    }

    /** A differentiable kernel over real-valued inputs. */
    public static Kernel of(String name, String library, Function<NDList, NDList> op, Shape... inputs) {
        return new Kernel(name, library, List.of(inputs), 0, true, op);
    }
}
