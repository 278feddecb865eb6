package ai.fastdjl.vision;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.models.ResNet;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Pretrained bodies for transfer learning, loaded through DJL's {@link Criteria} (the model-zoo path), and a new
 * head on top (fastai's {@code vision_learner}: cut the pretrained model before its classifier, add a head for the
 * new classes). Keep the returned {@link ZooModel} open while the body is in use: it owns the weights.
 */
public final class Pretrained {
    /** DJL's PyTorch model zoo: ResNet-18 trained on ImageNet, cut before its classifier (512 features). */
    public static final String ZOO_RESNET18 = "djl://ai.djl.pytorch/resnet18_embedding";
    /** ImageNet's per-channel mean and std: inputs to an ImageNet model must be normalised as in its training. */
    public static final float[] IMAGENET_MEAN = {0.485f, 0.456f, 0.406f};
    public static final float[] IMAGENET_STD = {0.229f, 0.224f, 0.225f};

    private Pretrained() {}

    /** A body from DJL's model zoo (downloads on first use; fails with one line offline). */
    public static ZooModel<NDList, NDList> zoo(String url) {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelUrls(url).optEngine("PyTorch")
                .optOption("trainParam", "true") // keep the TorchScript weights trainable for fine-tuning
                .build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new UserInputException("--pretrained zoo: cannot load " + url + " from DJL's model zoo ("
                    + firstLine(e) + "); it is downloaded on first use and needs the internet; offline, use"
                    + " --pretrained none");
        }
    }

    /** A body saved locally with DJL's {@code Model.save(dir, name)}, loaded through the same Criteria path. */
    public static ZooModel<NDList, NDList> local(Path dir, String name, Block architecture) {
        Criteria<NDList, NDList> criteria = Criteria.builder().setTypes(NDList.class, NDList.class)
                .optModelPath(dir).optModelName(name).optBlock(architecture).optEngine("PyTorch").build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException e) {
            throw new UserInputException("cannot load the model " + name + " from " + dir + " (" + firstLine(e)
                    + "); pass the folder Model.save wrote");
        }
    }

    /** {@code [body, head]}: the pretrained body and a new head ({@link ResNet#transferHead}) for {@code classes}. */
    public static SequentialBlock withHead(Block body, int classes) {
        return new SequentialBlock().add(body).add(ResNet.transferHead(classes));
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
