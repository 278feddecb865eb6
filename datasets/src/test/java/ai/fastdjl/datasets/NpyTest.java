package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@link Npy} on files written byte by byte as numpy's {@code lib/format.py} writes them. */
class NpyTest {
    /** A version-1 .npy: magic, version, header length, the header padded with spaces to 64 bytes, the data. */
    static byte[] npy(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        byte[] h = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(10 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) h.length).put(h).put(data);
        return b.array();
    }

    @Test
    void readsFloat64AsTheLfwSubsetStoresIt() {
        ByteBuffer d = ByteBuffer.allocate(6 * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : new double[] {0, 0.25, 0.5, 0.75, 1, 0.125}) {
            d.putDouble(v);
        }
        Npy.Array a = Npy.parse(npy("<f8", "(2, 1, 3)", d.array()), "t.npy");
        assertArrayEquals(new int[] {2, 1, 3}, a.shape());
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 0.75f, 1, 0.125f}, a.values(), 0f);
    }

    @Test
    void readsUint8AndOneDimensionalShapes() {
        Npy.Array a = Npy.parse(npy("|u1", "(3,)", new byte[] {0, 7, (byte) 255}), "t.npy");
        assertArrayEquals(new int[] {3}, a.shape());
        assertArrayEquals(new float[] {0, 7, 255}, a.values(), 0f);
    }

    @Test
    void truncatedOrForeignFilesFailWithTheirName() {
        DataNotFoundException e = assertThrows(DataNotFoundException.class,
                () -> Npy.parse(npy("<f8", "(200, 25, 25)", new byte[16]), "lfw_subset.npy"));
        assertTrue(e.getMessage().contains("lfw_subset.npy") && e.getMessage().contains("truncated"), e.getMessage());
        e = assertThrows(DataNotFoundException.class, () -> Npy.parse("hello world!".getBytes(), "x.npy"));
        assertTrue(e.getMessage().contains("x.npy"), e.getMessage());
    }

    @Test
    void lfwSplitTakesShotsPerClassAndValidatesOnTheRest() {
        long[] labels = new long[20];
        for (int i = 10; i < 20; i++) {
            labels[i] = 1;
        }
        SkimageData.Lfw lfw = new SkimageData.Lfw(new float[20 * 25 * 25], labels);
        int[][] s = lfw.split(3, 7);
        assertEquals(6, s[0].length);
        assertEquals(14, s[1].length);
        assertEquals(3, java.util.Arrays.stream(lfw.labels(s[0])).filter(l -> l == 1).count());
        assertArrayEquals(s[0], lfw.split(3, 7)[0]); // the seed fixes it
        assertThrows(DataNotFoundException.class, () -> lfw.split(10, 0));
    }

    @Test
    void lfwRgbResizesBilinearlyIntoThreeChannels() {
        // a 25×25 image, constant 0.5 but pixel (0, 0) = 1: at 50×50 (scale 2, half-pixel centres) output (0, 0)
        // samples source -0.25 -> clamped 0 -> 1; output (1, 1) samples 0.25, 0.25 -> 0.75² · 1 + (1 - 0.75²) · 0.5
        float[] px = new float[2 * 25 * 25];
        java.util.Arrays.fill(px, 0.5f);
        px[0] = 1;
        SkimageData.Lfw lfw = new SkimageData.Lfw(px, new long[] {0, 1});
        float[] rgb = lfw.rgb(new int[] {0}, 50);
        assertEquals(3 * 50 * 50, rgb.length);
        assertEquals(1f, rgb[0], 1e-6f);
        assertEquals(0.5625f + 0.4375f * 0.5f, rgb[51], 1e-6f);
        assertEquals(rgb[51], rgb[2 * 2500 + 51], 0f); // the grey in every channel
    }

    @Test
    void faceMosaicsHoldOneFaceWhereTheyClaimAndNoImageTwice() {
        // 6 images, each constant at its own index / 10: faces 0-2, non-faces 3-5
        float[] px = new float[6 * 25 * 25];
        for (int i = 0; i < 6; i++) {
            java.util.Arrays.fill(px, i * 625, (i + 1) * 625, i / 10f);
        }
        SkimageData.Lfw lfw = new SkimageData.Lfw(px, new long[] {0, 0, 0, 1, 1, 1});
        SkimageData.Lfw.Mosaics m = lfw.faceMosaics(new int[] {1, 2, 3, 4, 5}, 2, 5, 11);
        for (int k = 0; k < 5; k++) {
            int[] which = m.which()[k];
            assertEquals(4, java.util.Arrays.stream(which).distinct().count(), "no image twice");
            assertEquals(k % 2 + 1, which[m.faceTile()[k]], "faces 1, 2, 1, … in turn");
            assertEquals(1, java.util.Arrays.stream(lfw.labels(which)).filter(l -> l == 0).count(), "one face");
            assertTrue(java.util.Arrays.stream(which).noneMatch(i -> i == 0), "only the images asked for");
        }
        // tile t of a 2×2 mosaic of 5-px tiles: its pixels carry image which[t]'s value, in every channel
        float[] rgb = lfw.rgbMosaics(m.which(), 2, 5);
        int side = 10;
        for (int t = 0; t < 4; t++) {
            int y = t / 2 * 5 + 2;
            int x = t % 2 * 5 + 2;
            assertEquals(m.which()[0][t] / 10f, rgb[2 * side * side + y * side + x], 1e-6f, "tile " + t);
        }
        int t = m.faceTile()[0];
        ai.fastdjl.detect.Box box = m.faceBox(0);
        assertEquals(t % 2 * 0.5, box.x0(), 1e-9);
        assertEquals(t / 2 * 0.5, box.y0(), 1e-9);
        assertEquals(0.5, box.width(), 1e-9);
        assertThrows(DataNotFoundException.class, () -> lfw.faceMosaics(new int[] {0, 3, 4}, 2, 1, 0),
                "3 tiles of non-faces needed, 2 given");
    }
}
