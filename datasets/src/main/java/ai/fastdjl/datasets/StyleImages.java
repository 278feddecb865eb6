package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Photos and paintings for neural style transfer, offline from Debian packages (unpacked, never installed): Van Gogh's
 * <i>The Starry Night</i> from OpenCV's sample data ({@code opencv-doc}), Munch's <i>The Scream</i> from Darknet's
 * ({@code darknet}), and scikit-image's photos ({@link SkimageData}: astronaut, chelsea the cat, coffee). The
 * paintings are public domain; the packages' licenses cover the files as distributed.
 */
public final class StyleImages {
    /** OpenCV's samples ({@code samples/data}): the one painting used here. */
    public static final DataSource OPENCV = new DataSource(
            "opencv-samples",
            "OpenCV sample images",
            List.of(new DataSource.DataFile("starry_night.jpg", "usr/share/doc/opencv-doc/examples/data/starry_night.jpg",
                    "accda7a19a90f22a4a922fdc8c230167d7abf5f80882171e2cee125c5f12481d")),
            new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.DEBIAN, "opencv-doc", "4.6.0+dfsg-12"),
            Path.of("/usr/share/doc/opencv-doc/examples/data"),
            null,
            "Apache-2.0 (OpenCV); The Starry Night (Van Gogh, 1889): public domain");

    /** Darknet's sample images ({@code data/}): the painting used here. */
    public static final DataSource DARKNET = new DataSource(
            "darknet-data",
            "Darknet sample images",
            List.of(new DataSource.DataFile("scream.jpg", "usr/share/darknet/data/scream.jpg",
                    "dcab7bae866fbb396e01ab27a9c8d2d40b3e80911dafb05a5fa18d1bac6b8d17")),
            new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.DEBIAN, "darknet",
                    "0.0.0+git20180914.61c9d02e-2+b4"),
            Path.of("/usr/share/darknet/data"),
            null,
            "GPL-3.0+ or MIT or WTFPL (Darknet, per Debian); The Scream (Munch, 1893): public domain");

    /** Image name → the data set that holds it. */
    private static final Map<String, DataSource> BY_NAME = Map.of(
            "starry_night", OPENCV, "scream", DARKNET,
            "astronaut", SkimageData.SOURCE, "chelsea", SkimageData.SOURCE, "coffee", SkimageData.SOURCE);

    private StyleImages() {}

    /** The names {@link #resolve} knows. */
    public static List<String> names() {
        return BY_NAME.keySet().stream().sorted().toList();
    }

    /**
     * A known image by name (fetched on first use unless {@code fetch} is false), or any existing image file.
     *
     * @param nameOrFile {@code starry_night}, {@code scream}, {@code astronaut}, {@code chelsea}, {@code coffee}, or a
     *     path to a JPEG or PNG
     */
    public static Path resolve(String nameOrFile, boolean fetch) {
        DataSource src = BY_NAME.get(nameOrFile);
        if (src != null) {
            String file = src.files().stream().map(DataSource.DataFile::name)
                    .filter(n -> n.startsWith(nameOrFile + ".")).findFirst().orElseThrow();
            return DataResolver.resolve(src, new DataLocation(null, fetch)).resolve(file);
        }
        Path p = Path.of(nameOrFile);
        if (!Files.isRegularFile(p)) {
            throw new DataNotFoundException("image '" + nameOrFile + "' is neither a file nor one of " + names()
                    + "; pass a JPEG or PNG file or one of those names");
        }
        return p;
    }
}
