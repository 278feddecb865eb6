package ai.fastdjl.style;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * Limited-memory BFGS (Nocedal &amp; Wright, <i>Numerical Optimization</i>, algorithms 7.4–7.5) with a backtracking
 * line search (Armijo condition, step halved), and an optional projection applied to every trial point (for images:
 * clamp to [0, 1], as the PyTorch style-transfer tutorial clamps after each step). Gatys et al. optimised with L-BFGS.
 *
 * <p>The first step has length {@code min(1, 1/|g|₁)} along {@code -g} (PyTorch's {@code LBFGS}); later steps start at
 * 1 along the quasi-Newton direction, whose scale comes from {@code H₀ = (sᵀy / yᵀy)·I}. A pair {@code (s, y)} with
 * {@code sᵀy ≤ 0} (no positive curvature, possible with the projection) is not stored.
 */
public final class Lbfgs {
    /** The function: returns f(x) and writes ∇f(x) into {@code grad}. */
    @FunctionalInterface
    public interface Objective {
        double evaluate(float[] x, float[] grad);
    }

    /** Maps a point onto the feasible set in place (identity when unconstrained). */
    @FunctionalInterface
    public interface Projection {
        void apply(float[] x);
    }

    private static final double C1 = 1e-4; // Nocedal & Wright's usual sufficient-decrease constant
    private static final int MAX_HALVINGS = 30;
    private final int memory;

    /** @param memory pairs kept (PyTorch's {@code history_size} default 100; 10 is the textbook's usual) */
    public Lbfgs(int memory) {
        this.memory = memory;
    }

    /** The best point found within {@code maxEvaluations} evaluations of {@code f}, starting from {@code x0}. */
    public float[] minimize(Objective f, float[] x0, int maxEvaluations, Projection project) {
        int n = x0.length;
        float[] x = x0.clone();
        project.apply(x);
        float[] g = new float[n];
        double fx = f.evaluate(x, g);
        int evals = 1;
        Deque<float[]> ss = new ArrayDeque<>();
        Deque<float[]> ys = new ArrayDeque<>();
        Deque<Double> rhos = new ArrayDeque<>();
        double[] d = new double[n];
        float[] xn = new float[n];
        float[] gn = new float[n];
        while (evals < maxEvaluations) {
            direction(g, ss, ys, rhos, d);
            double gd = dot(g, d);
            if (gd >= 0) { // not a descent direction: forget the curvature pairs and go downhill
                ss.clear();
                ys.clear();
                rhos.clear();
                direction(g, ss, ys, rhos, d);
                gd = dot(g, d);
            }
            if (gd == 0) {
                break; // zero gradient
            }
            double t = ss.isEmpty() ? Math.min(1, 1 / norm1(g)) : 1;
            boolean accepted = false;
            double fn = Double.NaN;
            for (int h = 0; h <= MAX_HALVINGS && evals < maxEvaluations; h++, t /= 2) {
                for (int i = 0; i < n; i++) {
                    xn[i] = (float) (x[i] + t * d[i]);
                }
                project.apply(xn);
                fn = f.evaluate(xn, gn);
                evals++;
                double decrease = 0;
                for (int i = 0; i < n; i++) {
                    decrease += (double) g[i] * (xn[i] - x[i]);
                }
                if (fn <= fx + C1 * Math.min(decrease, 0) && (fn < fx || decrease < 0)) {
                    accepted = true;
                    break;
                }
            }
            if (!accepted) {
                break; // no decrease found along this direction, or out of evaluations
            }
            float[] s = new float[n];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                s[i] = xn[i] - x[i];
                y[i] = gn[i] - g[i];
            }
            double sy = dot(s, y);
            if (sy > 1e-10) {
                ss.addLast(s);
                ys.addLast(y);
                rhos.addLast(1 / sy);
                if (ss.size() > memory) {
                    ss.removeFirst();
                    ys.removeFirst();
                    rhos.removeFirst();
                }
            }
            System.arraycopy(xn, 0, x, 0, n);
            System.arraycopy(gn, 0, g, 0, n);
            fx = fn;
        }
        return x;
    }

    /** {@code d = -H·g} by the two-loop recursion; {@code H = I} without pairs. */
    private static void direction(float[] g, Deque<float[]> ss, Deque<float[]> ys, Deque<Double> rhos, double[] d) {
        int n = g.length;
        for (int i = 0; i < n; i++) {
            d[i] = g[i];
        }
        int k = ss.size();
        double[] alpha = new double[k];
        Iterator<float[]> si = ss.descendingIterator();
        Iterator<float[]> yi = ys.descendingIterator();
        Iterator<Double> ri = rhos.descendingIterator();
        for (int j = k - 1; j >= 0; j--) {
            float[] s = si.next();
            float[] y = yi.next();
            alpha[j] = ri.next() * dot(s, d);
            for (int i = 0; i < n; i++) {
                d[i] -= alpha[j] * y[i];
            }
        }
        if (k > 0) {
            float[] s = ss.getLast();
            float[] y = ys.getLast();
            double gamma = dot(s, y) / dot(y, y);
            for (int i = 0; i < n; i++) {
                d[i] *= gamma;
            }
        }
        si = ss.iterator();
        yi = ys.iterator();
        ri = rhos.iterator();
        for (int j = 0; j < k; j++) {
            float[] s = si.next();
            float[] y = yi.next();
            double beta = ri.next() * dot(y, d);
            for (int i = 0; i < n; i++) {
                d[i] += (alpha[j] - beta) * s[i];
            }
        }
        for (int i = 0; i < n; i++) {
            d[i] = -d[i];
        }
    }

    private static double dot(float[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static double norm1(float[] a) {
        double s = 0;
        for (float v : a) {
            s += Math.abs(v);
        }
        return s;
    }
}
