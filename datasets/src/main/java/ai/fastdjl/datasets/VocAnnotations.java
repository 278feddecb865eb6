package ai.fastdjl.datasets;

import ai.fastdjl.cli.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
