package ai.fastdjl.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BeamSearchTest {
    static final int START = 0;
    static final int END = 1;
    static final int A = 2;
    static final int B = 3;

    /**
     * A hand-built decoder over tokens {start, end, a, b}: after start, a is likelier (0.6) than b (0.4); but after
     * a the model is unsure (0.5 end, 0.5 b...) while after b it is certain to end. Greedy takes a, then ends:
     * p(a end) = 0.6 · 0.5 = 0.30; beam search finds b end: 0.4 · 1.0 = 0.40.
     */
    static final Map<String, double[]> TABLE = Map.of(
            "", new double[] {0, 0, 0.6, 0.4},
            "2", new double[] {0, 0.5, 0.25, 0.25},
            "3", new double[] {0, 1.0, 0, 0},
            "2,2", new double[] {0, 1.0, 0, 0},
            "2,3", new double[] {0, 1.0, 0, 0});

    /** The table as a stepper: each row remembers its prefix. */
    static final class TableStepper implements BeamSearch.Stepper {
        List<List<Integer>> prefix = new ArrayList<>();

        TableStepper(int rows) {
            for (int r = 0; r < rows; r++) {
                prefix.add(new ArrayList<>());
            }
        }

        @Override
        public float[][] next(int[] last) {
            float[][] lp = new float[last.length][];
            for (int r = 0; r < last.length; r++) {
                if (last[r] != START) {
                    prefix.get(r).add(last[r]);
                }
                String key = String.join(",", prefix.get(r).stream().map(String::valueOf).toList());
                double[] p = TABLE.getOrDefault(key, new double[] {0, 1, 0, 0});
                lp[r] = new float[p.length];
                for (int v = 0; v < p.length; v++) {
                    lp[r][v] = (float) Math.log(p[v]);
                }
            }
            return lp;
        }

        @Override
        public void reorder(int[] parents) {
            List<List<Integer>> moved = new ArrayList<>();
            for (int p : parents) {
                moved.add(new ArrayList<>(prefix.get(p)));
            }
            prefix = moved;
        }
    }

    @Test
    void beamFindsWhatGreedyMisses() {
        BeamSearch.Hypothesis greedy = BeamSearch.search(new TableStepper(1), 1, 1, START, END, 5).get(0);
        assertArrayEquals(new int[] {A}, greedy.tokens());
        assertEquals(Math.log(0.3), greedy.logProb(), 1e-6);
        BeamSearch.Hypothesis beam = BeamSearch.search(new TableStepper(2), 1, 2, START, END, 5).get(0);
        assertArrayEquals(new int[] {B}, beam.tokens());
        assertEquals(Math.log(0.4), beam.logProb(), 1e-6);
    }

    @Test
    void itemsAreSearchedIndependently() {
        // two items in one call: each gets the answer it gets alone
        List<BeamSearch.Hypothesis> two = BeamSearch.search(new TableStepper(6), 2, 3, START, END, 5);
        assertEquals(2, two.size());
        for (BeamSearch.Hypothesis h : two) {
            assertEquals("[3]", Arrays.toString(h.tokens()));
        }
        assertThrows(IllegalArgumentException.class, () -> BeamSearch.search(new TableStepper(1), 1, 0, 0, 1, 5));
    }
}
