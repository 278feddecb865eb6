package ai.fastdjl.tabular;

import ai.fastdjl.cli.UserInputException;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * fastai's {@code TabularPandas} on a tablesaw {@link Table}: the column roles plus the preprocessing steps
 * {@link FillMissing} → ({@link LogSkewed}) → {@link Categorify} → {@link Normalize}, fitted on the training rows by {@link #fit} and
 * then applied by {@link #process} to any rows (validation, test, new data) to give model-ready arrays.
 *
 * <p>FillMissing runs first so that its {@code _na} flags are categorified with the other categories, and
 * Normalize last so that it sees filled values. With {@code logTarget} the target becomes {@code log(y)}: the
 * Rossmann lesson's choice, since RMSPE cares about ratios, and a squared error on logs is close to one on ratios.
 * A classifier's target ({@link #fitClassifier}) becomes class codes {@code 0 … classes − 1}, in {@link Categorify}'s
 * order of the training values (fastai's {@code CategoryBlock}).
 */
public final class TabularProcessor {
    private final ColumnRoles roles;
    private final boolean logTarget;
    private final FillMissing fillMissing;
    private final LogSkewed logSkewed; // null when off
    private final Categorify categorify;
    private final Normalize normalize;
    private final List<String> cats;
    private final Categorify classes; // the target's vocabulary for a classifier, else null

    /**
     * Guards for data nobody has looked at yet: {@link LogSkewed} on long-tailed inputs, and {@link Normalize}'s
     * winsorizing at the {@code winsorize} and {@code 1 − winsorize} training quantiles (0: off).
     */
    public record Robust(boolean logSkewed, double winsorize) {
        /** fastai's processing as it is: what the lessons' own data sets were measured with. */
        public static final Robust NONE = new Robust(false, 0);
        /**
         * The defaults for an unseen CSV. Winsorizing at 0.1 %: on ggplot2's {@code diamonds} (43,152 training
         * rows, a few mistyped sizes such as a 58.9 mm width) the network's RMSPE went from 0.530 to 0.106 (the
         * forest's 0.101) and the linear model's from 0.894 to 0.155; 1 % gave the same (0.105), so the smaller
         * share, which moves fewer rows, is kept. On ames, credit_data and hpc_data it changed nothing beyond noise.
         */
        public static final Robust CSV = new Robust(true, 0.001);

        public Robust {
            if (!(winsorize >= 0 && winsorize < 0.5)) {
                throw new IllegalArgumentException("winsorize " + winsorize + " is not a quantile in [0, 0.5)");
            }
        }
    }

    private TabularProcessor(ColumnRoles roles, boolean logTarget, boolean classify, Robust robust, Table train) {
        this.roles = roles;
        this.logTarget = logTarget;
        Table t = select(train, roles, true);
        classes = classify ? new Categorify(List.of(roles.target())) : null;
        if (classify) {
            classes.setup(t);
        }
        fillMissing = new FillMissing(roles.conts());
        fillMissing.setup(t);
        fillMissing.apply(t);
        this.logSkewed = robust.logSkewed() ? new LogSkewed(roles.conts()) : null;
        if (this.logSkewed != null) {
            this.logSkewed.setup(t);
            this.logSkewed.apply(t);
        }
        cats = new ArrayList<>(roles.cats());
        cats.addAll(fillMissing.addedCats());
        categorify = new Categorify(cats);
        categorify.setup(t);
        normalize = new Normalize(roles.conts(), robust.winsorize());
        normalize.setup(t);
    }

    /** Fits every step on {@code train} (which must hold the target). */
    public static TabularProcessor fit(Table train, ColumnRoles roles, boolean logTarget) {
        return fit(train, roles, logTarget, Robust.NONE);
    }

    /** {@link #fit(Table, ColumnRoles, boolean)} with the {@code robust} guards. */
    public static TabularProcessor fit(Table train, ColumnRoles roles, boolean logTarget, Robust robust) {
        return new TabularProcessor(roles, logTarget, false, robust, train);
    }

    /** Fits every step on {@code train}, whose target column holds classes (text, booleans or numbers). */
    public static TabularProcessor fitClassifier(Table train, ColumnRoles roles, Robust robust) {
        return new TabularProcessor(roles, false, true, robust, train);
    }

    /** Applies the fitted steps to a copy of {@code t}'s columns; the target is read when {@code t} has it. */
    public TabularData process(Table t) {
        boolean hasTarget = t.containsColumn(roles.target());
        Table p = select(t, roles, hasTarget);
        fillMissing.apply(p);
        if (logSkewed != null) {
            logSkewed.apply(p);
        }
        categorify.apply(p);
        normalize.apply(p);
        int n = p.rowCount();
        int[][] c = new int[n][cats.size()];
        for (int j = 0; j < cats.size(); j++) {
            int[] codes = p.intColumn(cats.get(j)).asIntArray();
            for (int i = 0; i < n; i++) {
                c[i][j] = codes[i];
            }
        }
        float[][] x = new float[n][roles.conts().size()];
        for (int j = 0; j < roles.conts().size(); j++) {
            double[] v = p.doubleColumn(roles.conts().get(j)).asDoubleArray();
            for (int i = 0; i < n; i++) {
                x[i][j] = (float) v[i];
            }
        }
        float[] y = !hasTarget ? null : classes != null ? classCodes(p.column(roles.target()), t.name())
                : target(p.column(roles.target()), t.name());
        return new TabularData(c, x, y, cats, roles.conts());
    }

    private float[] target(Column<?> c, String source) {
        NumericColumn<?> nc = (NumericColumn<?>) c;
        float[] y = new float[c.size()];
        for (int i = 0; i < y.length; i++) {
            double v = c.isMissing(i) ? Double.NaN : nc.getDouble(i);
            if (logTarget && !(v > 0)) {
                throw new UserInputException("--log-target: target '" + roles.target() + "' in " + source + " has "
                        + (Double.isNaN(v) ? "a missing value" : "the value " + v) + " (row " + (i + 1)
                        + " of its split); log needs positive numbers: drop those rows or leave out --log-target");
            }
            y[i] = (float) (logTarget ? Math.log(v) : v);
        }
        return y;
    }

    /** Class codes; a class the training rows never had cannot be learned, so it is an error naming the value. */
    private float[] classCodes(Column<?> c, String source) {
        Table one = Table.create(source, c.copy());
        classes.apply(one);
        int[] codes = one.intColumn(roles.target()).asIntArray();
        float[] y = new float[codes.length];
        for (int i = 0; i < y.length; i++) {
            if (codes[i] == 0) {
                throw new UserInputException("target '" + roles.target() + "' in " + source + " has the class '"
                        + (c.isMissing(i) ? "(missing)" : Categorify.key(c, i)) + "' (row " + (i + 1) + " of its split)"
                        + " that no training row has; drop those rows, or merge the class into another");
            }
            y[i] = codes[i] - 1;
        }
        return y;
    }

    private static Table select(Table t, ColumnRoles roles, boolean withTarget) {
        List<String> cols = new ArrayList<>(roles.cats());
        cols.addAll(roles.conts());
        if (withTarget) {
            cols.add(roles.target());
        }
        return t.selectColumns(cols.toArray(String[]::new)).copy().setName(t.name());
    }

    public ColumnRoles roles() {
        return roles;
    }

    public boolean logTarget() {
        return logTarget;
    }

    /** Whether the target is a class ({@link #fitClassifier}). */
    public boolean classifier() {
        return classes != null;
    }

    /** The classes in code order (empty for regression). */
    public List<String> classes() {
        return classes == null ? List.of() : classes.vocab(roles.target()).subList(1, classes.cardinality(roles.target()));
    }

    /** The categorical inputs in model order: the given ones, then FillMissing's {@code _na} flags. */
    public List<String> cats() {
        return List.copyOf(cats);
    }

    public List<String> conts() {
        return roles.conts();
    }

    public Categorify categorify() {
        return categorify;
    }

    public FillMissing fillMissing() {
        return fillMissing;
    }

    public Normalize normalize() {
        return normalize;
    }

    /** A processed value of continuous input {@code col} back in the column's own units. */
    public double raw(String col, double processed) {
        double v = processed * normalize.std(col) + normalize.mean(col);
        return logSkewed == null ? v : logSkewed.invert(col, v);
    }

    /** The continuous inputs that {@link LogSkewed} logs (none when it is off). */
    public List<String> logged() {
        return logSkewed == null ? List.of() : logSkewed.logged();
    }

    /** Levels of each categorical input (including {@code #na#}), in model order. */
    public int[] cardinalities() {
        return cats.stream().mapToInt(categorify::cardinality).toArray();
    }
}
