package ai.fastdjl.optim;

import ai.djl.nn.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A set of parameters that share hyper-parameters: fastai's parameter group. Discriminative learning rates give
 * each group its own LR; freezing works group by group.
 */
public final class ParamGroup {
    private final String name;
    private final List<Parameter> params;
    private final Map<Hyper, Double> hypers = new EnumMap<>(Hyper.class);

    public ParamGroup(String name, List<Parameter> params) {
        this.name = name;
        this.params = Collections.unmodifiableList(params);
    }

    /** One group per list, named {@code group0, group1, …} (a splitter's groups, first to last). */
    public static List<ParamGroup> numbered(List<List<Parameter>> groups) {
        List<ParamGroup> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            out.add(new ParamGroup("group" + i, groups.get(i)));
        }
        return out;
    }

    public String name() {
        return name;
    }

    public List<Parameter> params() {
        return params;
    }

    public double get(Hyper h) {
        Double v = hypers.get(h);
        if (v == null) {
            throw new IllegalStateException("hyper-parameter " + h + " is not set on group " + name);
        }
        return v;
    }

    public boolean has(Hyper h) {
        return hypers.containsKey(h);
    }

    public ParamGroup set(Hyper h, double value) {
        hypers.put(h, value);
        return this;
    }

    public Map<Hyper, Double> hypers() {
        return Collections.unmodifiableMap(hypers);
    }

    @Override
    public String toString() {
        return name + "(" + params.size() + " params) " + hypers;
    }
}
