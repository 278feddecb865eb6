package ai.fastdjl.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.learner.Recorder;
import ai.fastdjl.loss.MseLoss;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One step of each optimizer on w = (1, -2), g = (0.5, -1), checked against the formulas by hand. */
class OptimizerTest {
    private static final float[] W = {1f, -2f};
    private static final float[] G = {0.5f, -1f};

    private static float[] step(GroupedOptimizer opt, Parameter p, int steps) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(W);
            for (int i = 0; i < steps; i++) {
                opt.update(p.getId(), w, m.create(G));
            }
            return w.toFloatArray();
        }
    }

    private static Parameter param() {
        return param(Parameter.Type.WEIGHT);
    }

    private static Parameter param(Parameter.Type type) {
        return Parameter.builder().setName("w").setType(type).optShape(new Shape(2)).build();
    }

    @Test
    void biasesAndBatchNormAreNotDecayedUnlessAskedAsFastaiWdBnBias() {
        for (Parameter.Type type : List.of(Parameter.Type.BIAS, Parameter.Type.GAMMA, Parameter.Type.BETA)) {
            Parameter p = param(type);
            ParamGroup g = new ParamGroup("all", List.of(p)).set(Hyper.LR, 0.1).set(Hyper.WD, 0.5);
            // plain SGD, no decay: w - 0.1·g
            assertArrayEquals(new float[] {0.95f, -1.9f}, step(new Sgd(List.of(g)), p, 1), 1e-6f);
            // wd_bn_bias=True: w·(1 - 0.1·0.5) - 0.1·g
            assertArrayEquals(new float[] {0.9f, -1.8f}, step(new Sgd(List.of(g)).decayBnAndBias(), p, 1), 1e-6f);
        }
        Parameter w = param();
        ParamGroup g = new ParamGroup("all", List.of(w)).set(Hyper.LR, 0.1).set(Hyper.WD, 0.5);
        assertArrayEquals(new float[] {0.9f, -1.8f}, step(new Sgd(List.of(g)), w, 1), 1e-6f);
    }

    @Test
    void adamWOneStep() {
        Parameter p = param();
        ParamGroup g = new ParamGroup("all", List.of(p)).set(Hyper.LR, 0.1);
        Adam adam = new Adam(List.of(g), true); // fastai defaults: β1 .9, β2 .99, eps 1e-5, wd .01
        // decoupled decay: w·(1 - 0.1·0.01) = (0.999, -1.998); debiased m = g, v = g², so the step is
        // 0.1·g/(|g| + 1e-5) = (0.0999980, -0.0999990)
        assertArrayEquals(new float[] {0.999f - 0.0999980f, -1.998f + 0.0999990f}, step(adam, p, 1), 1e-6f);
    }

    @Test
    void adamWScriptedIsPyTorchsStepAndEqualsDjlsKernel() {
        Parameter p = param();
        ParamGroup g = new ParamGroup("all", List.of(p)).set(Hyper.LR, 0.1);
        // the hand-worked step of adamWOneStep, now computed by PyTorch's own AdamW code (TorchScript)
        assertArrayEquals(new float[] {0.999f - 0.0999980f, -1.998f + 0.0999990f},
                step(new Adam(List.of(g), true, Adam.Kernel.TORCHSCRIPT), p, 1), 1e-6f);
        // the module outlives a collection (a collected DJL model releases its module's handle)
        System.gc();
        System.runFinalization();
        // and three steps with moments and bias corrections at work: the two kernels agree to float rounding
        assertArrayEquals(step(new Adam(List.of(g), true), p, 3),
                step(new Adam(List.of(g), true, Adam.Kernel.TORCHSCRIPT), p, 3), 1e-6f);
    }

    @Test
    void everyAdamWKernelTrainsAModelAlike() {
        // a Learner's steps, where DJL hands the optimizer a copy of each gradient: the weight's own gradient must
        // still be zeroed every step, or it accumulates (the scripted kernel's first version let it, and a collab
        // model's loss rose from 1.27 to 2.53 where DJL's kernel took it to 1.21)
        double[] djl = trainLosses(Adam.factory());
        double[] script = trainLosses(Adam.scripted());
        assertArrayEquals(djl, script, 1e-4);
        // the whole-model step: the Learner skips Trainer.step, the script reads and zeroes each weight's own gradient
        double[] all = trainLosses(Adam.scriptedAll());
        assertArrayEquals(djl, all, 1e-4);
        assertTrue(djl[djl.length - 1] < djl[0] / 2, "the loss falls: " + java.util.Arrays.toString(djl));
    }

    /** Per-epoch training loss of a linear regression y = 2x - 1 + noise, 8 epochs of 4 batches. */
    private static double[] trainLosses(OptimizerFactory opt) {
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            NDArray x = m.randomNormal(new Shape(64, 1));
            NDArray y = x.mul(2).sub(1).add(m.randomNormal(0, 0.1f, new Shape(64, 1), DataType.FLOAT32));
            DataLoaders dls = DataLoaders.fromArrays(x, y, x, y, 16, List.of());
            try (Learner l = Learner.builder(dls, Linear.builder().setUnits(1).build()).loss(new MseLoss()).opt(opt)
                    .seed(3).progress(Progress.NONE).build()) {
                l.fit(8, 0.1);
                return l.recorder().epochs().stream().mapToDouble(Recorder.EpochRow::trainLoss).toArray();
            }
        }
    }

    @Test
    void adamWithL2DecayAddsItToTheGradient() {
        Parameter p = param();
        ParamGroup g = new ParamGroup("all", List.of(p)).set(Hyper.LR, 0.1).set(Hyper.WD, 0.1);
        // g' = g + 0.1·w = (0.6, -1.2); first step of Adam moves every weight by lr·sign (eps aside)
        float[] w = step(new Adam(List.of(g), false), p, 1);
        assertArrayEquals(new float[] {1f - 0.1f * 0.6f / (0.6f + 1e-5f), -2f + 0.1f * 1.2f / (1.2f + 1e-5f)}, w, 1e-6f);
    }

    @Test
    void rmspropOneStep() {
        Parameter p = param();
        ParamGroup g = new ParamGroup("all", List.of(p)).set(Hyper.LR, 0.01);
        // v = 0.01·g² = (0.0025, 0.01); step = 0.01·g/(sqrt(v) + 1e-8) = (0.1, -0.1)
        assertArrayEquals(new float[] {0.9f, -1.9f}, step(new RmsProp(List.of(g)), p, 1), 1e-5f);
    }

    @Test
    void sgdMomentumTwoSteps() {
        Parameter p = param();
        ParamGroup g = new ParamGroup("all", List.of(p)).set(Hyper.LR, 0.1).set(Hyper.MOM, 0.9);
        // step 1: buf = g, w -= 0.1·g → (0.95, -1.9); step 2: buf = 1.9·g, w -= 0.19·g → (0.855, -1.71)
        assertArrayEquals(new float[] {0.855f, -1.71f}, step(new Sgd(List.of(g)), p, 2), 1e-6f);
    }
}
