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

    /**
     * Twelve photographs among OpenCV's samples (aircraft, fruit, a baboon, buildings, a butterfly, a footballer):
     * the training images of fast style transfer, which is then tested on scikit-image's photos.
     */
    public static final DataSource OPENCV_PHOTOS = new DataSource(
            "opencv-photos",
            "OpenCV sample photographs",
            List.of(
                    photo("aero1.jpg", "d9a69191f6e3642ea361bc3c62e677b2f40fe6534b78da540f4155e0734b59ef"),
                    photo("aero3.jpg", "1c407146f8762b3b14a7953ff9bc4c01ed64c467d7277122e769bf7e816017a4"),
                    photo("apple.jpg", "e86879de3d9a807dedc742a8f464f39e6b74bbb531a1fba3583155d94997d1cd"),
                    photo("baboon.jpg", "1a1dd18d78eec44420af3b0b7f08ee3d41c982916cae3ce203d7ff35d754cc0f"),
                    photo("building.jpg", "742a1baad62ac82e91e718e77eedf7e85c2eddc4badfb8c87c6cbc86c45a8b07"),
                    photo("butterfly.jpg", "34a99716b78ded10eae87b4880de739d3e68cc7dd1a96812bb28f469d5eeaea8"),
                    photo("fruits.jpg", "9c031d80a1c52da5eca790db896baffec6a7e52bf786cdb7bbfca5c7f880e6a1"),
                    photo("home.jpg", "23b8cf46a1965d0ec33459b875aed43187802834db49e0daa9fa2cc842e9d8d2"),
                    photo("leuvenA.jpg", "b2977cdbd9fb3f94dadd6f76cf586d145676deb8a22b5f0f42149d21c058c09f"),
                    photo("leuvenB.jpg", "5bb41a60038a2baa5d8ea0eaba55e6e3050d721b254cf79d8d8998d7e49d664a"),
                    photo("messi5.jpg", "1d570e49654e84c7a943918537bd9e5e1ef82920152e147c834006e235be97c9"),
                    photo("orange.jpg", "152c20d2f380ac985de25e474e1a5f06ed34b932191342099b8272a63a15a079")),
            new DataSource.RegistryPackage(DataSource.RegistryPackage.Kind.DEBIAN, "opencv-doc", "4.6.0+dfsg-12"),
            Path.of("/usr/share/doc/opencv-doc/examples/data"),
            null,
            "Apache-2.0 AND BSD-3-Clause (OpenCV's sample data, per Debian's copyright file for opencv-doc)");

    private static DataSource.DataFile photo(String name, String sha256) {
        return new DataSource.DataFile(name, "usr/share/doc/opencv-doc/examples/data/" + name, sha256);
    }

    /** The photographs of {@link #OPENCV_PHOTOS}, fetched on first use unless {@code fetch} is false. */
    public static List<Path> photos(boolean fetch) {
        Path dir = DataResolver.resolve(OPENCV_PHOTOS, new DataLocation(null, fetch));
        return OPENCV_PHOTOS.files().stream().map(f -> dir.resolve(f.name())).toList();
    }

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
