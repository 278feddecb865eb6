package ai.fastdjl.tabular;

import ai.fastdjl.cli.UserInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a tabular model reads as categories ({@code cats}: one embedding each), as numbers ({@code conts}) and what
 * it predicts ({@code target}): fastai's {@code cat_names}, {@code cont_names} and {@code y_names}.
 */
public record ColumnRoles(String target, List<String> cats, List<String> conts) {
    /** fastai's {@code cont_cat_split(max_card=20)}. */
    public static final int MAX_CARD = 20;

    public ColumnRoles {
        cats = List.copyOf(cats);
        conts = List.copyOf(conts);
    }

    /**
     * fastai's {@code cont_cat_split}: every column but the target and {@code skip} is continuous when it holds
     * floating-point numbers, or integers with more than {@code maxCard} distinct values; categorical otherwise
     * (text, booleans, integers with few values). Date columns are left out: expand them with {@link DateParts}.
     */
    public static ColumnRoles infer(Table t, String target, Collection<String> skip, int maxCard) {
        List<String> cats = new ArrayList<>();
        List<String> conts = new ArrayList<>();
        for (Column<?> c : t.columns()) {
            if (c.name().equals(target) || skip.contains(c.name()) || isDate(c)) {
                continue;
            }
            boolean isFloat = c.type() == ColumnType.DOUBLE || c.type() == ColumnType.FLOAT;
            boolean isInt = c.type() == ColumnType.INTEGER || c.type() == ColumnType.LONG || c.type() == ColumnType.SHORT;
            if (isFloat || (isInt && c.countUnique() > maxCard)) {
                conts.add(c.name());
            } else {
                cats.add(c.name());
            }
        }
        return new ColumnRoles(target, cats, conts);
    }

    /** {@code cat: a, b; cont: c} for the log and the report. */
    public String describe() {
        return "target: " + target + "; cat (" + cats.size() + "): " + String.join(", ", cats) + "; cont ("
                + conts.size() + "): " + String.join(", ", conts);
    }

    /**
     * Checks that every named column exists in {@code t} and that the target and continuous columns are numeric.
     *
     * @param source where the table came from, for the message (a file name, a data set name)
     * @throws UserInputException one line naming the column, the source and what to do
     */
    public void check(Table t, String source) {
        check(t, source, true);
    }

    /** {@link #check(Table, String)}, where a classification target ({@code numericTarget} false) may be text. */
    public void check(Table t, String source, boolean numericTarget) {
        Set<String> names = Set.copyOf(t.columnNames());
        requireColumn(names, target, "--target", source, t);
        cats.forEach(c -> requireColumn(names, c, "--cat", source, t));
        conts.forEach(c -> requireColumn(names, c, "--cont", source, t));
        if (numericTarget) {
            requireNumeric(t.column(target), "--target", source);
        }
        conts.forEach(c -> requireNumeric(t.column(c), "--cont", source));
    }

    private static void requireColumn(Set<String> names, String col, String flag, String source, Table t) {
        if (!names.contains(col)) {
            throw new UserInputException(flag + " column '" + col + "' not found in " + source + "; its columns are "
                    + String.join(", ", t.columnNames()) + "; pass one of them");
        }
    }

    private static void requireNumeric(Column<?> c, String flag, String source) {
        if (isNumeric(c)) {
            return;
        }
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                continue;
            }
            String v = c.getString(i);
            try {
                Double.parseDouble(v);
            } catch (NumberFormatException e) {
                throw new UserInputException(flag + " column '" + c.name() + "' in " + source + " is not numeric ('"
                        + v + "' in data row " + (i + 1) + "); " + remedy(flag));
            }
        }
        throw new UserInputException(flag + " column '" + c.name() + "' in " + source + " was read as "
                + c.type().name() + ", not as numbers; " + remedy(flag));
    }

    /** An input that is not a number can be a category; a target that is not a number is a class. */
    private static String remedy(String flag) {
        return flag.equals("--target") ? "regression needs numbers: drop --no-classify to predict it as a class,"
                + " or fix the file" : "list it with --cat instead, or fix the file";
    }

    /**
     * fastai's rule for the target ({@code TabularPandas} picks a {@code CategoryBlock} unless every target column
     * is numeric): a text or boolean target is a class, a numeric one a quantity.
     */
    public static boolean isClassTarget(Column<?> c) {
        return !isNumeric(c);
    }

    static boolean isNumeric(Column<?> c) {
        return c.type() == ColumnType.DOUBLE || c.type() == ColumnType.FLOAT || c.type() == ColumnType.INTEGER
                || c.type() == ColumnType.LONG || c.type() == ColumnType.SHORT;
    }

    static boolean isDate(Column<?> c) {
        return c.type() == ColumnType.LOCAL_DATE || c.type() == ColumnType.LOCAL_DATE_TIME
                || c.type() == ColumnType.INSTANT || c.type() == ColumnType.LOCAL_TIME;
    }
}
