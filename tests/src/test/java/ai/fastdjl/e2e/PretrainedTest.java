package ai.fastdjl.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.Model;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.util.Pair;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.learner.Progress;
import ai.fastdjl.learner.Splitter;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.vision.Pretrained;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The transfer-learning path of {@code --pretrained}: a body loaded through DJL's Criteria (here one this test saves
 * locally, as the zoo model is online-only), a new head, freeze and unfreeze.
 */
class PretrainedTest {
    @TempDir
    Path tmp;

    private static Block body() {
        return ResNet.build(1, 10, 4, 8).getChildren().get(0).getValue();
    }

    private static List<float[]> weights(Block b) {
        List<float[]> out = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            out.add(p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void aSavedBodyLoadsThroughCriteriaAndFineTunesUnderANewHead() throws Exception {
        List<float[]> saved;
        try (Model model = Model.newInstance("body")) {
            Block b = body();
            model.setBlock(b);
            b.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 28, 28));
            saved = weights(b);
            model.save(tmp, "body");
        }
        try (ZooModel<NDList, NDList> zoo = Pretrained.local(tmp, "body", body());
                NDManager m = NDManager.newBaseManager()) {
            List<float[]> loaded = weights(zoo.getBlock());
            for (int i = 0; i < saved.size(); i++) {
                assertArrayEquals(saved.get(i), loaded.get(i), 0f);
            }
            FashionMnist.Split s = FashionMnist.load(DataLocation.cache(), false).only(1, 8, 7).perClass(30, 0);
            DataLoaders dls = DataLoaders.fromArrays(s.images(m), s.labels(m), s.images(m), s.labels(m), 30,
                    List.of("trouser", "bag", "sneaker"));
            try (Learner learn = Learner.builder(dls, Pretrained.withHead(zoo.getBlock(), 3))
                    .splitter(Splitter.bodyHead()).progress(Progress.NONE).build()) {
                learn.freeze();
                learn.fit(1, 1e-2);
                List<float[]> afterFrozen = weights(zoo.getBlock());
                List<Pair<String, Parameter>> params = new ArrayList<>();
                zoo.getBlock().getParameters().forEach(params::add);
                for (int i = 0; i < params.size(); i++) {
                    Parameter.Type t = params.get(i).getValue().getType();
                    if (t == Parameter.Type.WEIGHT) { // conv weights frozen; BatchNorm's scale and shift train
                        assertArrayEquals(saved.get(i), afterFrozen.get(i), 0f, params.get(i).getKey());
                    }
                }
                learn.unfreeze();
                learn.fit(1, 1e-2);
                assertFalse(java.util.Arrays.equals(saved.get(0), weights(zoo.getBlock()).get(0)));
            }
        }
    }
}
