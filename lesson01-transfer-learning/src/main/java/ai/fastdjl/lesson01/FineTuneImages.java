package ai.fastdjl.lesson01;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.cli.CommonOptions;
import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.data.DataLoaders;
import ai.fastdjl.datasets.ImageFolder;
import ai.fastdjl.datasets.NsfwjsModels;
import ai.fastdjl.imports.TfjsModel;
import ai.fastdjl.interpret.Interpretation;
import ai.fastdjl.learner.Learner;
import ai.fastdjl.lesson.LessonRun;
import ai.fastdjl.models.ResNet;
import ai.fastdjl.vision.Augment;
import ai.fastdjl.vision.MobileNetV2;
import ai.fastdjl.vision.Pretrained;
import ai.fastdjl.vision.VisionLearner;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Lesson 1 on your own images: a folder with one sub-folder per class (fastai's {@code from_folder}), trained from
 * scratch or fine-tuned from an ImageNet model: {@code --pretrained mobilenetv2} (MobileNetV2 imported from the npm
 * package nsfwjs, offline after {@code ./datasets/fetch.sh mobilenetv2}) or {@code --pretrained zoo} (DJL's model-zoo
 * ResNet-18, which needs the internet once). Writes the usual run folder plus the confusion matrix and top losses.
 */
@Command(name = "FineTuneImages", mixinStandardHelpOptions = true,
        description = "Lesson 1: train or fine-tune on any folder of class sub-folders.")
public final class FineTuneImages {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--pretrained", defaultValue = "none", description = "none (a ResNet from scratch), mobilenetv2"
            + " (ImageNet-derived MobileNetV2 from nsfwjs, offline) or zoo (DJL's ResNet-18, downloaded on first use).")
    String pretrained;

    @Option(names = "--size", description = "Image side in pixels (default: the images' median side within 16-64"
            + " from scratch; 224 with --pretrained, the bodies' own).")
    Integer size;

    @Option(names = "--valid-pct", defaultValue = "0.2", description = "Held-out share without train/valid folders (fastai: 0.2).")
    double validPct;

    @Option(names = "--flip", negatable = true, description = "Mirror images left-right while training (default off:"
            + " right for photos of things, as fastai's aug_transforms does, wrong for digits, letters and text).")
    boolean flip;

    /**
     * From scratch the images train at their median side, within these: 64 was the fixed default (what 2 cores train
     * in minutes); at 16 the ResNet's three stride-2 stages still leave 2×2.
     */
    static final int MAX_SCRATCH_SIZE = 64;
    static final int MIN_SCRATCH_SIZE = 16;

    public record Result(double accuracy, int classes, int trainImages, int imageSize, boolean flip, Path runDir) {}

    public static void main(String[] args) {
        Cli.main(args, () -> run(args));
    }

    public static Result run(String... args) {
        FineTuneImages o = new FineTuneImages();
        LessonRun run = LessonRun.start(o, args);
        if (run == null) {
            return null; // --help
        }
        Path folder = run.data().dir();
        if (folder == null) {
            throw new UserInputException("FineTuneImages needs --data DIR: a folder with one sub-folder of images per class");
        }
        boolean mobile = o.pretrained.equals("mobilenetv2");
        boolean transfer = switch (o.pretrained) {
            case "none" -> false;
            case "zoo", "mobilenetv2" -> true;
            default -> throw new UserInputException("--pretrained " + o.pretrained
                    + " is unknown; use none, mobilenetv2 or zoo");
        };
        int size = o.size != null ? o.size : transfer ? 224 // both bodies were trained at 224×224
                : Math.max(MIN_SCRATCH_SIZE, Math.min(MAX_SCRATCH_SIZE, ImageFolder.typicalSide(folder)));
        TfjsModel imported = mobile ? TfjsModel.read(NsfwjsModels.mobileNetV2(run.data().fetch())) : null;
        ImageFolder.Split images = ImageFolder.read(folder, size, transfer ? Boolean.TRUE : null, o.validPct, run.seed());
        ZooModel<NDList, NDList> body = transfer && !mobile ? Pretrained.zoo(Pretrained.ZOO_RESNET18) : null;
        try (NDManager m = NDManager.newBaseManager()) {
            // each body's own input normalisation: ImageNet's mean/std for torchvision's ResNet, 2x-1 for Keras's
            DataLoaders dls = images.loaders(m, run.batchSize(transfer ? 32 : 64),
                    mobile ? MobileNetV2.MEAN : transfer ? Pretrained.IMAGENET_MEAN : null,
                    mobile ? MobileNetV2.STD : transfer ? Pretrained.IMAGENET_STD : null);
            int classes = dls.classes().size();
            Block model = mobile ? MobileNetV2.pretrained(imported, classes)
                    : transfer ? Pretrained.withHead(body.getBlock(), classes)
                    : ResNet.build(images.train().channels(), classes, 16, 32, 64, 128);
            try (Learner learn = run.learner(VisionLearner.withBodyAndHead(dls, model))
                    .callbacks(new Augment(size / 16, o.flip)).build()) {
                int epochs = run.epochs(5, 15);
                if (transfer) {
                    learn.fineTune(epochs, run.lr(2e-3)); // fastai's fine_tune base_lr
                } else {
                    learn.fitOneCycle(epochs, run.lr(() -> learn.lrFind().valley()));
                }
                Interpretation interp = Interpretation.of(learn);
                interp.plotConfusionMatrix(run.file("confusion.png"));
                interp.plotTopLosses(Math.min(10, dls.valid().size() > 0 ? (int) dls.valid().size() : 1),
                        run.file("top_losses.png"));
                double acc = learn.recorder().last().metrics().get("accuracy");
                run.report("Lesson 1: " + (mobile ? "fine-tuning an ImageNet-derived MobileNetV2"
                        : transfer ? "fine-tuning an ImageNet ResNet-18" : "a ResNet from scratch")
                        + " on " + folder.getFileName())
                        .claim(transfer ? "Fine-tuning an ImageNet model gets a high accuracy on a small image set quickly."
                                : "A small ResNet with one-cycle and augmentation learns any folder of labelled images.")
                        .metric("accuracy", acc)
                        .metric("classes", classes)
                        .metric("train_images", images.train().n())
                        .metric("valid_images", images.valid().n())
                        .metric("image_size", size + (o.size != null ? " (--size)" : transfer ? " (the body's)"
                                : " (the images' median side)"))
                        .metric("mirror_flips", o.flip ? "on (--flip)" : "off (--flip to mirror)")
                        .add(learn.recorder())
                        .image("confusion.png", "confusion matrix")
                        .image("top_losses.png", "top losses")
                        .write();
                run.printReport();
                return new Result(acc, classes, images.train().n(), size, o.flip, run.dir());
            }
        } finally {
            if (body != null) {
                body.close();
            }
        }
    }
}
