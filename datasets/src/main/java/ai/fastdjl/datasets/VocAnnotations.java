package ai.fastdjl.datasets;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.detect.Box;
import ai.fastdjl.detect.DetectionData;
import ai.fastdjl.detect.GroundTruth;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Pascal VOC annotations (the course's detection data, {@code PASCAL_VOC 2007}): one XML file per image in
 * {@code Annotations/}, the images in {@code JPEGImages/}, as the VOC devkit lays them out. Each object has a class
 * name, a box {@code xmin ymin xmax ymax} in 1-based pixel indices, both ends inclusive (the devkit's convention),
 * and a {@code difficult} flag that VOC's evaluation leaves out. Boxes are returned 0-based with exclusive ends, as
 * {@link FashionScenes.Item}. For an online user's own data: every problem (an image that is not there, a box
 * outside its image, a class name not in the list) is one line naming the file and the fix.
 */
public final class VocAnnotations {
    private VocAnnotations() {}

    /** Pascal VOC's 20 classes, in the devkit's order ({@code VOCopts.classes}). */
    public static final List<String> CLASSES = List.of("aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car",
            "cat", "chair", "cow", "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa",
            "train", "tvmonitor");

    /** An object: class index, 0-based box with exclusive ends, and VOC's difficult flag. */
    public record VocObject(int cls, int x0, int y0, int x1, int y1, boolean difficult) {}

    /** An annotated image: its file, size and objects. */
    public record Annotated(Path image, int width, int height, List<VocObject> objects) {}

    /** Every {@code Annotations/*.xml} of {@code dir}, sorted by file name, with classes named by {@code classes}. */
    public static List<Annotated> read(Path dir, List<String> classes) {
        Path annotations = dir.resolve("Annotations");
        if (!Files.isDirectory(annotations)) {
            throw new UserInputException(dir + " has no Annotations folder; pass a folder laid out as Pascal VOC"
                    + " (Annotations/*.xml, JPEGImages/*.jpg)");
        }
        try (Stream<Path> files = Files.list(annotations)) {
            List<Annotated> out = new ArrayList<>();
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                out.add(readOne(xml, dir.resolve("JPEGImages"), classes));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + annotations, e);
        }
    }

    /**
     * A VOC folder as a detector's training and validation data: VOC's own split when the folder has
     * {@code ImageSets/Main/train.txt} and {@code val.txt} (image ids, one a line), else a seeded random
     * {@code validPct} of the images. Images are squished to {@code size × size} RGB, not cropped, so every box stays
     * whole (fastai's detection lessons resize without cropping for the same reason); boxes become fractions of the
     * side. Objects flagged difficult are kept and counted like the others.
     */
    public static Split load(Path dir, List<String> classes, int size, double validPct, long seed) {
        List<Annotated> all = read(dir, classes);
        if (all.isEmpty()) {
            throw new UserInputException(dir.resolve("Annotations") + " holds no .xml files; pass a Pascal VOC folder");
        }
        Path sets = dir.resolve("ImageSets").resolve("Main");
        List<Annotated> train;
        List<Annotated> valid;
        if (Files.isRegularFile(sets.resolve("train.txt")) && Files.isRegularFile(sets.resolve("val.txt"))) {
            train = subset(all, ids(sets.resolve("train.txt")));
            valid = subset(all, ids(sets.resolve("val.txt")));
        } else {
            List<Annotated> shuffled = new ArrayList<>(all);
            Collections.shuffle(shuffled, new Random(seed));
            int nValid = (int) Math.round(shuffled.size() * validPct);
            valid = shuffled.subList(0, nValid);
            train = shuffled.subList(nValid, shuffled.size());
        }
        if (train.isEmpty() || valid.isEmpty()) {
            throw new UserInputException(dir + ": " + train.size() + " training and " + valid.size() + " validation"
                    + " images; a detector needs both (add images, or fix ImageSets/Main/train.txt and val.txt)");
        }
        return new Split(data(train, classes, size), data(valid, classes, size));
    }

    /** Training and validation images of a VOC folder. */
    public record Split(DetectionData train, DetectionData valid) {}

    private static List<Annotated> subset(List<Annotated> all, Set<String> ids) {
        return all.stream().filter(a -> ids.contains(stem(a.image()))).toList();
    }

    private static String stem(Path image) {
        String name = image.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private static Set<String> ids(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty())
                    .map(l -> l.split("\\s+")[0]).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static DetectionData data(List<Annotated> items, List<String> classes, int size) {
        int plane = size * size;
        float[] px = new float[items.size() * 3 * plane];
        List<List<GroundTruth>> truth = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Annotated a = items.get(i);
            ImageFolder.rgbPlanes(ImageFolder.squish(ImageFolder.decode(a.image()), size), px, i);
            double w = a.width();
            double h = a.height();
            truth.add(a.objects().stream().map(o -> new GroundTruth(o.cls(),
                    new Box(o.x0() / w, o.y0() / h, o.x1() / w, o.y1() / h))).toList());
        }
        return new DetectionData(classes, 3, size, px, truth);
    }

    /** One annotation file; {@code images} is the folder its {@code <filename>} is in. */
    public static Annotated readOne(Path xml, Path images, List<String> classes) {
        Element root = parse(xml).getDocumentElement();
        String name = text(root, "filename", xml);
        Path image = images.resolve(name);
        if (!Files.isRegularFile(image)) {
            throw new UserInputException(xml.getFileName() + " names image " + name + ", which is not in " + images
                    + "; add the image or fix <filename>");
        }
        Element size = child(root, "size", xml);
        int width = number(size, "width", xml);
        int height = number(size, "height", xml);
        List<VocObject> objects = new ArrayList<>();
        NodeList nodes = root.getElementsByTagName("object");
        for (int k = 0; k < nodes.getLength(); k++) {
            Element o = (Element) nodes.item(k);
            String cls = text(o, "name", xml);
            int c = classes.indexOf(cls);
            if (c < 0) {
                throw new UserInputException(xml.getFileName() + ": object " + (k + 1) + " is a '" + cls + "', not one"
                        + " of the classes " + classes + "; fix the name or add the class");
            }
            Element b = child(o, "bndbox", xml);
            int xmin = number(b, "xmin", xml);
            int ymin = number(b, "ymin", xml);
            int xmax = number(b, "xmax", xml);
            int ymax = number(b, "ymax", xml);
            if (xmin < 1 || ymin < 1 || xmax > width || ymax > height || xmin > xmax || ymin > ymax) {
                throw new UserInputException(String.format("%s: object %d (%s) has box %d,%d,%d,%d outside its"
                        + " %d×%d image (VOC boxes are 1-based, xmin ≤ xmax ≤ width); fix the box or <size>",
                        xml.getFileName(), k + 1, cls, xmin, ymin, xmax, ymax, width, height));
            }
            NodeList d = o.getElementsByTagName("difficult");
            boolean difficult = d.getLength() > 0 && d.item(0).getTextContent().strip().equals("1");
            objects.add(new VocObject(c, xmin - 1, ymin - 1, xmax, ymax, difficult));
        }
        return new Annotated(image, width, height, List.copyOf(objects));
    }

    private static Document parse(Path xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true); // no external entities from a user's file
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            DocumentBuilder b = f.newDocumentBuilder();
            return b.parse(xml.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + xml, e);
        } catch (Exception e) {
            throw new UserInputException(xml.getFileName() + " is not readable XML (" + e.getMessage()
                    + "); pass a Pascal VOC annotation file");
        }
    }

    private static Element child(Element e, String tag, Path xml) {
        NodeList l = e.getElementsByTagName(tag);
        if (l.getLength() == 0) {
            throw new UserInputException(xml.getFileName() + " has no <" + tag + "> in <" + e.getTagName()
                    + ">; a Pascal VOC annotation needs it");
        }
        return (Element) l.item(0);
    }

    private static String text(Element e, String tag, Path xml) {
        return child(e, tag, xml).getTextContent().strip();
    }

    private static int number(Element e, String tag, Path xml) {
        String t = text(e, tag, xml);
        try {
            return (int) Math.round(Double.parseDouble(t)); // some tools write 48.0
        } catch (NumberFormatException ex) {
            throw new UserInputException(xml.getFileName() + ": <" + tag + "> is '" + t + "', not a number");
        }
    }
}
