package ai.fastdjl.datasets;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads NumPy's {@code .npy} files (format versions 1–3, numpy's {@code lib/format.py}): the magic
 * {@code \x93NUMPY}, a version, a header length (2 bytes in version 1, 4 after), a Python-dict header with
 * {@code descr}, {@code fortran_order} and {@code shape}, then the array's bytes in C order.
 */
public final class Npy {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([<>|=])([a-z])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** An array: its shape and its values as floats (C order). */
    public record Array(int[] shape, float[] values) {
        public int size() {
            return values.length;
        }
    }

    private Npy() {}

    public static Array read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new DataNotFoundException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /** Parses the bytes of an {@code .npy} file; {@code where} names it in errors. */
    public static Array parse(byte[] bytes, String where) {
        byte[] magic = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
        if (bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), magic)) {
            throw new DataNotFoundException(where + " is not a NumPy .npy file (no \\x93NUMPY magic); fetch it again");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int major = bytes[6];
        int headerLen = major == 1 ? Short.toUnsignedInt(b.getShort(8)) : b.getInt(8);
        int start = major == 1 ? 10 : 12;
        if (major < 1 || major > 3 || start + headerLen > bytes.length) {
            throw new DataNotFoundException(where + ": unsupported .npy version " + major + " or truncated header");
        }
        String header = new String(bytes, start, headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new DataNotFoundException(where + ": unreadable .npy header " + header.strip());
        }
        if (f.group(1).equals("True")) {
            throw new DataNotFoundException(where + ": Fortran-ordered arrays are not supported; save it in C order");
        }
        int[] shape = Arrays.stream(s.group(1).split(",")).map(String::strip).filter(x -> !x.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
        long n = 1;
        for (int dim : shape) {
            n *= dim;
        }
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        b.order(d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int data = start + headerLen;
        if (data + n * width > bytes.length) {
            throw new DataNotFoundException(where + ": " + (bytes.length - data) + " bytes of data for shape "
                    + Arrays.toString(shape) + " of " + d.group(2) + width + "; the file is truncated, fetch it again");
        }
        float[] v = new float[(int) n];
        for (int i = 0; i < n; i++) {
            int at = data + i * width;
            v[i] = switch (kind + String.valueOf(width)) {
                case "f8" -> (float) b.getDouble(at);
                case "f4" -> b.getFloat(at);
                case "u1" -> bytes[at] & 0xff;
                case "i1" -> bytes[at];
                case "i4" -> b.getInt(at);
                case "i8" -> b.getLong(at);
                default -> throw new DataNotFoundException(where + ": dtype " + d.group(2) + width
                        + " is not supported (f4, f8, u1, i1, i4, i8 are)");
            };
        }
        return new Array(shape, v);
    }
}
