package ai.fastdjl.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.fastdjl.cli.Cli;
import ai.fastdjl.data.DataLocation;
import ai.fastdjl.datasets.FashionMnist;
import ai.fastdjl.datasets.FashionScenes;
import ai.fastdjl.datasets.FashionScenes.Item;
import ai.fastdjl.datasets.FashionScenes.Scene;
import ai.fastdjl.detect.AnchorGrid;
import ai.fastdjl.detect.Box;
import ai.fastdjl.lesson01.ObjectDetection;
import ai.fastdjl.plot.BoxGrid;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The detector's data for its PyTorch peer ({@code tests/bench/ssd_peer.py}; with {@code --segmentation} the U-Net's,
 * for {@code tests/bench/unet_peer.py}): the same Fashion-MNIST scenes, SSD
 * targets and anchors as {@link ObjectDetection} builds at its defaults (its {@code grid} and {@code targets}), written as NumPy {@code .npy} files
 * ({@code train_x}, {@code train_y}, {@code valid_x}, {@code anchors}) and the validation items as
 * {@code valid_items.tsv} (scene, class, box in [0, 1]), so both sides train and score on identical arrays.
 */
@Command(name = "SceneExport", mixinStandardHelpOptions = true, description = "Writes ObjectDetection's scenes as .npy.")
public final class SceneExport {
    @Option(names = "--out", required = true, description = "Folder to write.")
    Path out;
    @Option(names = "--train", defaultValue = "20000", description = "Training scenes (ObjectDetection's default).")
    int train;
    @Option(names = "--valid", defaultValue = "1000", description = "Validation scenes.")
    int valid;
    @Option(names = "--seed", defaultValue = "42", description = "Seed (ObjectDetection's default).")
    int seed;
    @Option(names = "--data", description = "Data folder (default: the cache).")
    Path data;
    @Option(names = "--voc", description = "Write the scenes as a Pascal VOC folder instead (PNG images, XML"
            + " annotations, ImageSets/Main/train.txt and val.txt): what ObjectDetection --voc reads.")
    boolean voc;
    @Option(names = "--segmentation", description = "Write Segmentation's arrays instead: train_x, train_mask, valid_x,"
            + " valid_mask (images normalised as it does, masks of classes 0-10).")
    boolean segmentation;

    public static void main(String[] args) {
        Cli.main(args, () -> {
            SceneExport o = new SceneExport();
            if (Cli.parse(args, o)) {
                o.run();
            }
            return null;
        });
    }

    void run() {
        DataLocation where = data != null ? new DataLocation(data, false) : DataLocation.cache();
        var scenes = FashionScenes.split(where, train, valid, FashionScenes.Config.DEFAULT, seed);
        if (voc) {
            writeVoc(scenes);
            return;
        }
        if (segmentation) {
            try (NDManager m = NDManager.newBaseManager()) {
                Files.createDirectories(out);
                NDArray[] tr = BenchModels.sceneArrays(m, scenes.train(), true);
                NDArray[] va = BenchModels.sceneArrays(m, scenes.valid(), true);
                npy(out.resolve("train_x.npy"), tr[0]);
                npy(out.resolve("valid_x.npy"), va[0]);
                npy(out.resolve("train_mask.npy"), tr[1]);
                npy(out.resolve("valid_mask.npy"), va[1]);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write to " + out, e);
            }
            System.out.printf("%d training and %d validation scenes with masks in %s%n", train, valid, out);
            return;
        }
        AnchorGrid grid = ObjectDetection.grid(FashionScenes.Config.DEFAULT.size());
        try (NDManager m = NDManager.newBaseManager()) {
            Files.createDirectories(out);
            NDArray[] tr = BenchModels.sceneArrays(m, scenes.train(), false);
            npy(out.resolve("train_x.npy"), tr[0]);
            npy(out.resolve("valid_x.npy"), FashionScenes.images(m, scenes.valid()));
            npy(out.resolve("train_y.npy"), tr[1]);
            float[] a = new float[grid.size() * 4];
            for (int k = 0; k < grid.size(); k++) {
                Box b = grid.anchors().get(k);
                float[] row = {(float) b.x0(), (float) b.y0(), (float) b.x1(), (float) b.y1()};
                System.arraycopy(row, 0, a, k * 4, 4);
            }
            npy(out.resolve("anchors.npy"), m.create(a, new Shape(grid.size(), 4)));
            StringBuilder tsv = new StringBuilder("scene\tclass\tx0\ty0\tx1\ty1\n");
            for (int i = 0; i < scenes.valid().size(); i++) {
                Scene s = scenes.valid().get(i);
                for (Item it : s.items()) {
                    Box b = it.box(s.size());
                    tsv.append(String.format(Locale.ROOT, "%d\t%d\t%.6f\t%.6f\t%.6f\t%.6f%n", i, it.cls(), b.x0(),
                            b.y0(), b.x1(), b.y1()));
                }
            }
            Files.writeString(out.resolve("valid_items.tsv"), tsv);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
        System.out.printf("%d training and %d validation scenes, %d anchors, in %s%n", train, valid, grid.size(), out);
    }

    /** The scenes as VOC lays out its data: {@code s00000} … training, {@code v00000} … validation. */
    private void writeVoc(FashionScenes.Split scenes) {
        try {
            Files.createDirectories(out.resolve("Annotations"));
            Files.createDirectories(out.resolve("JPEGImages"));
            Files.createDirectories(out.resolve("ImageSets/Main"));
            StringBuilder trainIds = new StringBuilder();
            StringBuilder validIds = new StringBuilder();
            for (int split = 0; split < 2; split++) {
                var list = split == 0 ? scenes.train() : scenes.valid();
                for (int i = 0; i < list.size(); i++) {
                    String id = String.format(Locale.ROOT, "%s%05d", split == 0 ? "s" : "v", i);
                    (split == 0 ? trainIds : validIds).append(id).append('\n');
                    Scene s = list.get(i);
                    ImageIO.write(BoxGrid.gray(s.pixels(), s.size()), "png",
                            out.resolve("JPEGImages/" + id + ".png").toFile());
                    StringBuilder xml = new StringBuilder(String.format(Locale.ROOT, "<annotation><filename>%s.png"
                            + "</filename><size><width>%d</width><height>%d</height><depth>3</depth></size>", id,
                            s.size(), s.size()));
                    for (Item it : s.items()) { // VOC's boxes are 1-based with inclusive ends
                        xml.append(String.format(Locale.ROOT, "<object><name>%s</name><difficult>0</difficult>"
                                + "<bndbox><xmin>%d</xmin><ymin>%d</ymin><xmax>%d</xmax><ymax>%d</ymax></bndbox>"
                                + "</object>", FashionMnist.CLASSES.get(it.cls()).replace(' ', '_').replace('/', '_'),
                                it.x0() + 1, it.y0() + 1, it.x1(), it.y1()));
                    }
                    Files.writeString(out.resolve("Annotations/" + id + ".xml"), xml.append("</annotation>"));
                }
            }
            Files.writeString(out.resolve("ImageSets/Main/train.txt"), trainIds);
            Files.writeString(out.resolve("ImageSets/Main/val.txt"), validIds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + out, e);
        }
        System.out.printf("%d training and %d validation scenes as a VOC folder in %s (classes %s)%n", train, valid,
                out, String.join(",", FashionMnist.CLASSES.stream().map(c -> c.replace(' ', '_').replace('/', '_'))
                        .toList()));
    }

    /** NumPy's format 1.0: magic, header length, a dict padded to 64 bytes, little-endian float32 data. */
    static void npy(Path file, NDArray array) throws IOException {
        float[] data = array.toType(DataType.FLOAT32, false).toFloatArray();
        long[] shape = array.getShape().getShape();
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims.toString().replaceAll(", $",
                shape.length == 1 ? "," : "") + "), }";
        int pad = 64 - (10 + dict.length() + 1) % 64;
        String header = dict + " ".repeat(pad % 64) + "\n";
        try (OutputStream os = Files.newOutputStream(file); DataOutputStream out = new DataOutputStream(os)) {
            out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
            out.write(ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) header.length()).array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            ByteBuffer b = ByteBuffer.allocate(1 << 20).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : data) {
                if (!b.hasRemaining()) {
                    out.write(b.array(), 0, b.position());
                    b.clear();
                }
                b.putFloat(v);
            }
            out.write(b.array(), 0, b.position());
        }
    }
}
