package ai.fastdjl.lesson05;

import ai.fastdjl.cli.UserInputException;
import ai.fastdjl.tabular.EmbeddingSizes;
import ai.fastdjl.tabular.TabularData;
import ai.fastdjl.tabular.TabularModel;
import ai.fastdjl.tabular.TabularProcessor;
import picocli.CommandLine.Option;

/** The entity-embedding network's flags (defaults: the course's Rossmann notebook) and the model they build. */
public class NetworkOptions {
    @Option(names = "--layers", split = ",", description = "Hidden layers (default 1000,500: the Rossmann notebook's;"
            + " fastai's tabular_learner default is 200,100).")
    int[] layers = {1000, 500};

    @Option(names = "--ps", split = ",", description = "Dropout after each hidden layer (default 0.001,0.01: the"
            + " Rossmann notebook's).")
    double[] ps = {0.001, 0.01};

    @Option(names = "--emb-p", defaultValue = "0.04", description = "Embedding dropout (the notebook's 0.04).")
    double embP;

    @Option(names = "--emb-rule", defaultValue = "FASTAI", description = "Embedding sizes: FASTAI"
            + " (min(600, round(1.6·n^0.56))) or COURSE_2018 (min(50, (n+1)/2)).")
    EmbeddingSizes embRule;

    @Option(names = "--wd", defaultValue = "0.2", description = "Weight decay (the notebook's 0.2).")
    double wd;

    // measured on txhousing (3 seeds, batch 256, lr 1e-2, 16 epochs): RMSPE 0.153 with the 2018 range, 0.162 with
    // the 2019 one, whose tighter top leaves the sigmoid saturating for the biggest cities
    @Option(names = "--y-range", defaultValue = "1_2_MAX_LOG", description = "Output range of a log target:"
            + " 1_2_MAX_LOG (the 2018 notebook: 0 … 1.2·max log y) or LOG_OF_1_2_MAX (the 2019 one: 0 … log(1.2·max y)).")
    String yRange;

    @Option(names = "--project", description = "Categorical variable whose embedding PCA is plotted"
            + " (default: the one with most levels).")
    String project;

    /** {@code --project} checked against {@code proc}'s categorical inputs (before any training), or null. */
    String project(TabularProcessor proc) {
        if (project != null && !proc.cats().contains(project)) {
            throw new UserInputException("--project '" + project + "' is not a categorical input; they are "
                    + String.join(", ", proc.cats()));
        }
        return project;
    }

    /**
     * The model for {@code proc}'s inputs: for regression its output squashed into a sigmoid range from the
     * training targets, for a classifier one output per class.
     */
    TabularModel build(TabularProcessor proc, TabularData train, boolean logTarget) {
        if (proc.classifier()) { // one logit per class, no range
            return TabularModel.builder(proc.cardinalities(), proc.conts().size()).embeddingRule(embRule)
                    .layers(layers).ps(ps).embedP(embP).outSize(proc.classes().size()).build();
        }
        boolean logOfMax = switch (yRange) {
            case "LOG_OF_1_2_MAX" -> true;
            case "1_2_MAX_LOG" -> false;
            default -> throw new UserInputException("--y-range " + yRange
                    + " is not one of LOG_OF_1_2_MAX, 1_2_MAX_LOG");
        };
        // a raw target gets fastai's 0 … 1.2·max too: the sigmoid starts mid-range, near typical targets, where a
        // bare linear output starts at 0 and spent Chicago's whole budget climbing (RMSE 11.4 after 3 epochs, 3.9
        // with the range)
        double[] range = logTarget && logOfMax ? TabularModel.logYRange(train.y()) : TabularModel.yRange(train.y());
        return TabularModel.builder(proc.cardinalities(), proc.conts().size())
                .embeddingRule(embRule).layers(layers).ps(ps).embedP(embP).yRange(range[0], range[1]).build();
    }
}
