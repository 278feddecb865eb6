package ai.fastdjl.datasets.rdata;

import java.util.Map;

/**
 * Expands the ALTREP objects R 3.5+ serializes in compact form back into ordinary vectors.
 *
 * <p>Each class's serialized state is defined by its {@code *_Serialized_state} method in R's
 * src/main/altclasses.c; only R's own classes (package "base") are known here. Other packages' classes (vroom,
 * arrow) cannot be expanded without their code, so they are refused by name.
 */
final class AltRep {

    private AltRep() {
    }

    /** An ALTREP class this reader cannot expand; the message names the class. */
    static final class UnsupportedAltRep extends Exception {
        private static final long serialVersionUID = 1L;

        UnsupportedAltRep(String message) {
            super(message);
        }
    }

    static RObject expand(String className, String packageName, RObject state, Map<String, RObject> attributes)
            throws UnsupportedAltRep {
        switch (className) {
            case "compact_intseq": {
                // State: c(length, first, increment) as doubles; R only creates increments of 1 and -1.
                double[] info = sequenceInfo(className, state);
                int n = (int) info[0];
                int first = (int) info[1];
                int increment = (int) info[2];
                int[] values = new int[n];
                for (int i = 0; i < n; i++) values[i] = first + i * increment;
                return new RObject.Integers(values, attributes);
            }
            case "compact_realseq": {
                double[] info = sequenceInfo(className, state);
                int n = (int) info[0];
                double[] values = new double[n];
                for (int i = 0; i < n; i++) values[i] = info[1] + i * info[2];
                return new RObject.Doubles(values, attributes);
            }
            case "wrap_integer":
            case "wrap_logical":
            case "wrap_real":
            case "wrap_string":
            case "wrap_raw":
            case "wrap_list":
            case "wrap_complex": {
                // State: CONS(wrapped vector, c(sortedness, no_na)); the metadata is only a hint for R.
                if (!(state instanceof RObject.PairList pair) || pair.values().isEmpty()) {
                    throw new UnsupportedAltRep("its ALTREP wrapper (" + className + ") has a malformed state");
                }
                return withAttributes(pair.values().get(0), attributes);
            }
            case "deferred_string": {
                // State: CONS(the number vector being converted, scipen info): as.character() not yet run.
                if (state instanceof RObject.PairList pair && !pair.values().isEmpty()
                        && pair.values().get(0) instanceof RObject.Integers numbers) {
                    int[] ints = numbers.values();
                    String[] values = new String[ints.length];
                    for (int i = 0; i < ints.length; i++) {
                        values[i] = ints[i] == RObject.NA_INTEGER ? null : Integer.toString(ints[i]);
                    }
                    return new RObject.Strings(values, attributes);
                }
                // Doubles go through R's formatReal (15 significant digits, scipen, "1e+05"): refuse rather than
                // produce strings R would not.
                throw new UnsupportedAltRep("it holds an ALTREP deferred conversion of doubles to strings");
            }
            default:
                throw new UnsupportedAltRep("it holds an ALTREP object of class '" + className + "' from package '"
                        + packageName + "', whose serialized form only that package knows");
        }
    }

    private static double[] sequenceInfo(String className, RObject state) throws UnsupportedAltRep {
        if (!(state instanceof RObject.Doubles d) || d.values().length != 3 || d.values()[0] < 0
                || d.values()[0] > Integer.MAX_VALUE) {
            throw new UnsupportedAltRep("its ALTREP " + className + " has a malformed state");
        }
        return d.values();
    }

    /**
     * A copy of a vector with the wrapper's attributes: R keeps them on the ALTREP object, and the wrapped vector's
     * own attributes are not visible through it.
     */
    static RObject withAttributes(RObject value, Map<String, RObject> attributes) {
        if (value instanceof RObject.Logicals v) return new RObject.Logicals(v.values(), attributes);
        if (value instanceof RObject.Integers v) return new RObject.Integers(v.values(), attributes);
        if (value instanceof RObject.Doubles v) return new RObject.Doubles(v.values(), attributes);
        if (value instanceof RObject.Strings v) return new RObject.Strings(v.values(), attributes);
        if (value instanceof RObject.Raws v) return new RObject.Raws(v.values(), attributes);
        if (value instanceof RObject.ListVector v) return new RObject.ListVector(v.values(), attributes);
        return value;
    }
}
