package ai.fastdjl.datasets.rdata;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An R lazy-load database: how installed packages store their data sets ({@code data/Rdata.rdx} + {@code .rdb}).
 *
 * <p>The index ({@code .rdx}) is a serialized, gzip-compressed list written by R's {@code makeLazyLoadDB}
 * (src/library/tools/R/makeLazyLoad.R): {@code variables}, a named list of {@code c(offset, length)} into the
 * {@code .rdb}; {@code references}, the same for environments stored apart (not resolved here: data sets have
 * none); {@code compressed}, how each record is compressed (TRUE for zlib, 2 bzip2, 3 xz). Each record is one
 * serialized object, read only when asked for.
 */
public final class LazyLoadDb {

    private static final String INDEX_SUFFIX = ".rdx";
    private static final String DATA_SUFFIX = ".rdb";
    /** The file base R's tools:::data2LazyLoadDB uses for a package's data sets. */
    private static final String PACKAGE_DATA_BASE = "Rdata";

    private final Path index;
    private final Path data;
    private final Map<String, long[]> variables;
    private final int compression;

    private LazyLoadDb(Path index, Path data, Map<String, long[]> variables, int compression) {
        this.index = index;
        this.data = data;
        this.variables = variables;
        this.compression = compression;
    }

    /**
     * Opens a database from its {@code .rdx} or {@code .rdb} file, their common base path ({@code data/Rdata}), the
     * {@code data} folder that holds them, or an installed package's folder (which has {@code data/Rdata.rdx}).
     *
     * @throws RDataException when no database is found there or its index cannot be read
     */
    public static LazyLoadDb open(Path path) throws IOException {
        Path base = findBase(path);
        Path index = base.resolveSibling(base.getFileName() + INDEX_SUFFIX);
        Path data = base.resolveSibling(base.getFileName() + DATA_SUFFIX);
        if (!Files.isRegularFile(data)) {
            throw new RDataException(data + ": missing, though its index " + index + " exists; an R lazy-load "
                    + "database needs both files: fetch the package again");
        }
        RObject map;
        try (InputStream in = RCompression.open(index)) {
            map = RSerialization.read(in, index.toString(), "index");
        }
        if (!(map instanceof RObject.ListVector list)
                || !(field(list, "variables") instanceof RObject.ListVector vars)) {
            throw new RDataException(index + ": not an R lazy-load index (expected a list with 'variables', found "
                    + RObject.describe(map) + "); pass the .rdx of a package's data folder");
        }
        Map<String, long[]> variables = new LinkedHashMap<>();
        List<String> names = vars.names();
        for (int i = 0; i < vars.values().size(); i++) {
            long[] key = key(vars.values().get(i));
            if (key == null || i >= names.size() || names.get(i) == null) {
                throw new RDataException(index + ": entry " + (i + 1) + " of 'variables' is not a named "
                        + "c(offset, length); fetch the package again");
            }
            variables.put(names.get(i), key);
        }
        return new LazyLoadDb(index, data, Collections.unmodifiableMap(variables),
                compressionMethod(field(list, "compressed"), index));
    }

    private static Path findBase(Path path) throws RDataException {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (Files.isRegularFile(path) && (name.endsWith(INDEX_SUFFIX) || name.endsWith(DATA_SUFFIX))) {
            return path.resolveSibling(name.substring(0, name.length() - INDEX_SUFFIX.length()));
        }
        if (Files.isRegularFile(path.resolveSibling(name + INDEX_SUFFIX))) return path;
        if (Files.isDirectory(path)) {
            for (Path dir : List.of(path, path.resolve("data"))) {
                if (Files.isRegularFile(dir.resolve(PACKAGE_DATA_BASE + INDEX_SUFFIX))) {
                    return dir.resolve(PACKAGE_DATA_BASE);
                }
            }
            List<Path> indexes = new ArrayList<>();
            try (Stream<Path> files = Files.list(path)) {
                files.filter(f -> f.getFileName().toString().endsWith(INDEX_SUFFIX)).forEach(indexes::add);
            } catch (IOException e) {
                throw new RDataException(path + ": cannot list the folder (" + e.getMessage() + ")", e);
            }
            if (indexes.size() == 1) {
                String file = indexes.get(0).getFileName().toString();
                return indexes.get(0).resolveSibling(file.substring(0, file.length() - INDEX_SUFFIX.length()));
            }
        }
        throw new RDataException(path + ": no R lazy-load database (Rdata.rdx + Rdata.rdb) found there; pass a "
                + "package's data folder, its Rdata.rdx, or the package folder itself");
    }

    private static RObject field(RObject.ListVector list, String name) {
        int i = list.names().indexOf(name);
        return i < 0 ? RObject.NULL : list.values().get(i);
    }

    /** c(offset, length): integers, or doubles when R stored an offset past 2^31. */
    private static long[] key(RObject value) {
        if (value instanceof RObject.Integers ints && ints.values().length == 2) {
            return new long[] {ints.values()[0], ints.values()[1]};
        }
        if (value instanceof RObject.Doubles doubles && doubles.values().length == 2) {
            return new long[] {(long) doubles.values()[0], (long) doubles.values()[1]};
        }
        return null;
    }

    private static int compressionMethod(RObject value, Path index) throws RDataException {
        int method;
        if (value instanceof RObject.Logicals l && l.values().length == 1) {
            method = l.values()[0];
        } else if (value instanceof RObject.Integers i && i.values().length == 1) {
            method = i.values()[0];
        } else if (value instanceof RObject.Doubles d && d.values().length == 1) {
            method = (int) d.values()[0];
        } else {
            throw new RDataException(index + ": its 'compressed' entry is " + RObject.describe(value)
                    + " instead of TRUE, FALSE, 2 or 3; fetch the package again");
        }
        if (method < 0 || method > 3) {
            throw new RDataException(index + ": unknown compression " + method + " (R writes 0 to 3); fetch the "
                    + "package again");
        }
        return method;
    }

    /** The objects stored, in the index's order. */
    public List<String> names() {
        return List.copyOf(variables.keySet());
    }

    public boolean contains(String name) {
        return variables.containsKey(name);
    }

    /** The index file ({@code .rdx}). */
    public Path index() {
        return index;
    }

    /** The records file ({@code .rdb}). */
    public Path data() {
        return data;
    }

    /**
     * Reads one object.
     *
     * @throws RDataException when there is no such object, its record is damaged, or it is not data (the message
     *     names the object and the R type found)
     */
    public RObject read(String name) throws IOException {
        long[] key = variables.get(name);
        if (key == null) {
            throw new RDataException(index + ": no object '" + name + "'; it holds " + String.join(", ", names()));
        }
        byte[] record = readRecord(key[0], key[1], name);
        byte[] bytes = RCompression.decodeRecord(record, compression, data.toString(), name);
        return RSerialization.read(new ByteArrayInputStream(bytes), data.toString(), name);
    }

    private byte[] readRecord(long offset, long length, String name) throws IOException {
        if (offset < 0 || length < 0 || length > Integer.MAX_VALUE - 8) {
            throw new RDataException(index + ": object '" + name + "' has an invalid position (" + offset + ", "
                    + length + "); fetch the package again");
        }
        try (FileChannel channel = FileChannel.open(data, StandardOpenOption.READ)) {
            if (offset + length > channel.size()) {
                throw new RDataException(data + ": object '" + name + "' lies at bytes " + offset + "+" + length
                        + " but the file has " + channel.size() + "; the database is truncated: fetch it again");
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, offset + buffer.position()) < 0) break;
            }
            return buffer.array();
        }
    }
}
