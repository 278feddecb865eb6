package ai.fastdjl.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FashionScenesTest {
    /** 50 items: blobs of random shape and brightness on a dark 28×28 ground, class = index mod 10. */
    static FashionMnist.Split items() {
        Random r = new Random(1);
        int px = FashionMnist.SIZE * FashionMnist.SIZE;
        byte[] p = new byte[50 * px];
        byte[] l = new byte[50];
        for (int i = 0; i < 50; i++) {
            l[i] = (byte) (i % 10);
            int x0 = 2 + r.nextInt(8);
            int y0 = 2 + r.nextInt(8);
            int x1 = 18 + r.nextInt(8);
            int y1 = 18 + r.nextInt(8);
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    p[i * px + y * FashionMnist.SIZE + x] = (byte) (100 + r.nextInt(156));
                }
            }
        }
        return new FashionMnist.Split(p, l, 50);
    }

    @Test
    void boxesAgreeWithMasksAndLabels() {
        var scenes = FashionScenes.generate(items(), 200, FashionScenes.Config.DEFAULT, 7);
        int[] counts = new int[5];
        for (var s : scenes) {
            assertTrue(s.items().size() >= 1 && s.items().size() <= 4, "1–4 items: " + s.items().size());
            counts[s.items().size()]++;
            for (int y = 0; y < s.size(); y++) {
                for (int x = 0; x < s.size(); x++) {
                    int m = s.mask()[y * s.size() + x];
                    if (m > 0) {
                        int px = x;
                        int py = y;
                        assertTrue(s.items().stream().anyMatch(it -> it.cls() == m - 1 && px >= it.x0() && px < it.x1()
                                && py >= it.y0() && py < it.y1()), "mask pixel " + x + "," + y + " of class " + (m - 1)
                                + " lies in a box of its class");
                        assertTrue(s.pixels()[y * s.size() + x] >= FashionScenes.LIT / 255f - 1e-6, "a masked pixel is lit");
                    }
                }
            }
            for (var it : s.items()) { // a box is tight: each of its edges touches a lit pixel of the item's class
                assertTrue(it.x0() >= 0 && it.y0() >= 0 && it.x1() <= s.size() && it.y1() <= s.size(), it.toString());
                long own = java.util.stream.IntStream.range(0, s.mask().length).filter(k -> s.mask()[k] == it.cls() + 1)
                        .count();
                assertTrue(own > 0, "every item is visible in the mask: " + it);
            }
            assertEquals(s.items().stream().map(FashionScenes.Item::cls).distinct().sorted().toList(), s.labels());
            assertTrue(s.items().contains(s.largest()));
        }
        assertTrue(counts[1] > 20 && counts[4] > 20, "every count of items occurs: " + java.util.Arrays.toString(counts));
    }

    @Test
    void theSeedAndIndexFixAScene() {
        var a = FashionScenes.generate(items(), 20, FashionScenes.Config.DEFAULT, 3);
        var b = FashionScenes.generate(items(), 5, FashionScenes.Config.DEFAULT, 3);
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(a.get(i).pixels(), b.get(i).pixels(), "scene " + i + " whatever the count asked for");
            assertEquals(a.get(i).items(), b.get(i).items());
        }
        var c = FashionScenes.generate(items(), 5, FashionScenes.Config.DEFAULT, 4);
        assertNotEquals(a.get(0).items(), c.get(0).items(), "another seed, other scenes");
    }

    @Test
    void clutterLightsPixelsOutsideEveryMaskAndConfigsAreChecked() {
        var cfg = FashionScenes.Config.DEFAULT.withClutter(3);
        var s = FashionScenes.generate(items(), 30, cfg, 1);
        long unmasked = s.stream().mapToLong(sc -> java.util.stream.IntStream.range(0, sc.mask().length)
                .filter(k -> sc.mask()[k] == 0 && sc.pixels()[k] > 0.2f).count()).sum();
        assertTrue(unmasked > 0, "clutter is lit but no object");
        assertThrows(IllegalArgumentException.class, () -> new FashionScenes.Config(64, 2, 1, 16, 40, 0.2, 0));
        assertThrows(IllegalArgumentException.class, () -> new FashionScenes.Config(32, 1, 4, 16, 40, 0.2, 0));
        assertEquals(List.of(), FashionScenes.generate(items(), 0, cfg, 1));
    }
}
