package ai.fastdjl.datasets.rdata;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads R's single-file formats: {@code .rda}/{@code .RData} workspaces ({@code save()}) and {@code .rds} objects. */
public final class RFiles {

    /**
     * save() writes "RDX" + format version + newline before the serialized pair list of variables
     * (R's src/main/saveload.c, R_WriteMagic); "RDA" and "RDB" are its ASCII and native-binary variants.
     */
    private static final int MAGIC_LENGTH = 5;

    private RFiles() {
    }

    /**
     * Reads every object of an {@code .rda}/{@code .RData} file, compressed with gzip, bzip2 or xz or not at all.
     *
     * @return variable name → object, in the file's order
     * @throws RDataException when the file is not an XDR workspace or holds something that is not data (the message
     *     names the variable)
     */
    public static Map<String, RObject> readRda(Path file) throws IOException {
        try (InputStream in = RCompression.open(file)) {
            byte[] magic = in.readNBytes(MAGIC_LENGTH);
            String tag = new String(magic, StandardCharsets.ISO_8859_1);
            if (tag.equals("RDA2\n") || tag.equals("RDA3\n")) {
                throw new RDataException(file + ": saved in R's ASCII format; re-save it in R with save(..., "
                        + "ascii = FALSE)");
            }
            if (tag.equals("RDB2\n") || tag.equals("RDB3\n")) {
                throw new RDataException(file + ": saved in R's native binary format; re-save it in R with the "
                        + "default xdr = TRUE");
            }
            if (tag.startsWith("X\n")) {
                throw new RDataException(file + ": an .rds file (one object, no variable names); read it with "
                        + "RFiles.readRds");
            }
            if (!tag.equals("RDX2\n") && !tag.equals("RDX3\n")) {
                throw new RDataException(file + ": not an R workspace (it should start with \"RDX2\" or \"RDX3\"); "
                        + "pass a file written by R's save()");
            }
            RObject value = RSerialization.read(in, file.toString(), "");
            Map<String, RObject> objects = new LinkedHashMap<>();
            if (value instanceof RObject.PairList list) {
                for (int i = 0; i < list.values().size(); i++) {
                    String name = list.tags().get(i);
                    objects.put(name == null ? "V" + (i + 1) : name, list.values().get(i));
                }
            } else if (!(value instanceof RObject.Null)) {
                throw new RDataException(file + ": the workspace holds a " + RObject.describe(value)
                        + " instead of a list of variables; re-save it with R's save()");
            }
            return Collections.unmodifiableMap(objects);
        }
    }

    /**
     * Reads the single object of an {@code .rds} file ({@code saveRDS()}), compressed or not. Errors name the object
     * after the file.
     */
    public static RObject readRds(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.[Rr][Dd][Ss]$", "");
        try (InputStream in = RCompression.open(file)) {
            return RSerialization.read(in, file.toString(), name);
        }
    }
}
