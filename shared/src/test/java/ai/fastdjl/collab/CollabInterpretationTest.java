package ai.fastdjl.collab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.report.RunFolder;
import ai.fastdjl.report.RunReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollabInterpretationTest {
    @TempDir
    Path tmp;

    /** Items i1 … i5 rated 5, 4, 3, 2, 1 times by users u0 …; titles "T1" … "T5". */
    static CollabData data() {
        List<String[]> rows = new java.util.ArrayList<>();
        for (int item = 1; item <= 5; item++) {
            for (int k = 0; k < 6 - item; k++) {
                rows.add(new String[] {"u" + k, "i" + item});
            }
        }
        rows.add(new String[] {"late", "i1"}); // the one validation rating (latest time)
        int n = rows.size();
        String[] u = rows.stream().map(r -> r[0]).toArray(String[]::new);
        String[] i = rows.stream().map(r -> r[1]).toArray(String[]::new);
        float[] y = new float[n];
        long[] t = new long[n];
        for (int k = 0; k < n; k++) {
            y[k] = 1 + k % 5;
            t[k] = k;
        }
        var titles = java.util.Map.of("i1", "T1", "i2", "T2", "i3", "T3", "i4", "T4", "i5", "T5");
        return CollabData.split(new Ratings(u, i, y, t, titles), CollabData.Split.TIME, 1.0 / n, 0);
    }

    @Test
    void biasListsRankAndSkipRarelyRatedItems() {
        CollabData d = data();
        float[] bias = new float[d.items().size()];
        for (int k = 1; k < bias.length; k++) {
            bias[k] = Integer.parseInt(d.items().get(k).substring(1)); // i1 → 1, …
        }
        var interp = new CollabInterpretation(d, bias, new float[bias.length][2]);
        assertEquals(List.of("T1", "T2"), interp.bias(2, 3, false).stream().map(CollabInterpretation.Scored::title)
                .toList());
        // i4 and i5 have 2 and 1 ratings: below --min-count 3, so T3 is the highest listed
        assertEquals("T3", interp.bias(5, 3, true).get(0).title());
        assertEquals(3, interp.bias(5, 3, true).size());
    }

    @Test
    void pcaFindsTheAxisTheFactorsVaryAlong() {
        CollabData d = data();
        float[][] f = new float[d.items().size()][];
        for (int k = 0; k < f.length; k++) {
            float s = k == 0 ? 0 : Integer.parseInt(d.items().get(k).substring(1)) - 3; // -2 … 2 along (1, 1, 0)
            f[k] = new float[] {s, s, 0.01f * (k % 2)};
        }
        var interp = new CollabInterpretation(d, new float[f.length], f);
        CollabInterpretation.Pca p = interp.pca(1000, 2);
        assertEquals(5, p.items().length, "#na# is left out");
        assertTrue(p.explained()[0] > 0.99, "one axis holds the variance: " + p.explained()[0]);
        var ends = List.of(interp.extremes(p, 0, 1, false).get(0).title(), interp.extremes(p, 0, 1, true).get(0)
                .title());
        assertTrue(ends.equals(List.of("T1", "T5")) || ends.equals(List.of("T5", "T1")), ends.toString());
    }

    @Test
    void oneFactorGivesOneComponentAndNoPlot() throws Exception {
        CollabData d = data();
        float[][] f = new float[d.items().size()][];
        for (int k = 0; k < f.length; k++) {
            f[k] = new float[] {k};
        }
        var interp = new CollabInterpretation(d, new float[f.length], f);
        assertEquals(1, interp.pca(1000, 2).explained().length);
        RunFolder run = RunFolder.create(tmp, "t");
        RunReport report = new RunReport(run, "t");
        interp.addTo(report, run.dir(), 3, 0, null, 42);
        report.write();
        assertTrue(Files.readString(run.file("README.md")).contains("PC1 of the item factors"));
        assertTrue(Files.notExists(run.file("item_map.png")));
        interp = new CollabInterpretation(d, new float[f.length], new float[f.length][2]);
        interp.addTo(report, run.dir(), 3, 0, null, 42);
        assertTrue(Files.size(run.file("item_map.png")) > 0, "two factors: the scatter plot");
    }

    @Test
    void similarItemsAreRankedByTheCosineOfTheirFactorsWhateverTheirLength() {
        CollabData d = data();
        float[][] f = new float[d.items().size()][];
        f[0] = new float[] {0, 0}; // #na#
        for (int k = 1; k < f.length; k++) {
            int t = Integer.parseInt(d.items().get(k).substring(1)); // item i<t> is titled T<t>
            f[k] = switch (t) {
                case 1 -> new float[] {1, 0};
                case 2 -> new float[] {-1, 0.1f}; // opposite: cosine ≈ -1
                case 3 -> new float[] {10, 1}; // same direction, 10 times as long: cosine 0.995
                case 4 -> new float[] {1, 1}; // 45°: cosine 0.707
                default -> new float[] {0, 3}; // 90°: cosine 0
            };
        }
        var interp = new CollabInterpretation(d, new float[f.length], f);
        int t1 = CollabInterpretation.find(d, "t1");
        assertEquals("T1", d.title(t1));
        assertEquals("T1", d.title(CollabInterpretation.find(d, null)), "no title given: the most rated, T1");
        var similar = interp.similar(t1, 4, 0);
        assertEquals(List.of("T3", "T4", "T5", "T2"), similar.stream().map(CollabInterpretation.Scored::title)
                .toList());
        assertEquals(10 / Math.sqrt(101), similar.get(0).value(), 1e-6);
        assertEquals(List.of("T3", "T2"), interp.similar(t1, 4, 3).stream().map(CollabInterpretation.Scored::title)
                .toList(), "T4 (2 training ratings) and T5 (1) are left out under 3 ratings");
        var missing = assertThrows(UserInputException.class, () -> CollabInterpretation.find(d, "Casablanca"));
        assertTrue(missing.getMessage().startsWith("--similar-to 'Casablanca' matches no title"), missing.getMessage());
    }

    @Test
    void aRecommendedUserMustHaveTrainingRatings() {
        CollabData d = data();
        CollabInterpretation.checkUser(d, "u0");
        var held = assertThrows(UserInputException.class, () -> CollabInterpretation.checkUser(d, "late"));
        assertTrue(held.getMessage().startsWith("user 'late' (--recommend) has no ratings in the training split"),
                held.getMessage());
        var unknown = assertThrows(UserInputException.class, () -> CollabInterpretation.checkUser(d, "zed"));
        assertTrue(unknown.getMessage().startsWith("user 'zed' (--recommend) is not in the data"),
                unknown.getMessage());
    }
}
