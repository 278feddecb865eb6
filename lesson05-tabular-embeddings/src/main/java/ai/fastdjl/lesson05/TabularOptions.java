package ai.fastdjl.lesson05;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/** The lesson's data flags, shared by its mains: a built-in data set, any CSV, or Kaggle's Rossmann files. */
public class TabularOptions {

    @Option(names = "--dataset", description = "Built-in data: txhousing (default; Texas monthly home sales per city)"
            + " or chicago (daily Clark/Lake ridership with weather and games).")
    public String dataset;

    @Option(names = "--csv", description = "Any CSV file with a header row (needs --target).")
    public Path csv;

    @Option(names = "--rossmann", description = "Folder with Kaggle's Rossmann train.csv and store.csv (and the"
            + " course's store_states.csv, state_names.csv, weather.csv, googletrend.csv when present).")
    public Path rossmann;

    @Option(names = "--target", description = "Column to predict.")
    public String target;

    @Option(names = "--cat", split = ",", description = "Categorical inputs (default: inferred as fastai's"
            + " cont_cat_split when neither --cat nor --cont is given).")
    public List<String> cats;

    @Option(names = "--cont", split = ",", description = "Continuous inputs.")
    public List<String> conts;

    @Option(names = "--date", description = "A date column: orders the rows for --valid-last/--valid-frac and is"
            + " replaced by its parts (year, month, week, day of week, ...).")
    public String date;

    @Option(names = "--events", split = ",", description = "Event columns (holidays, promotions) that get days"
            + " since the last and until the next event; needs --date.")
    public List<String> events;

    @Option(names = "--event-group", description = "Column whose rows form one series for --events (a store).")
    public String eventGroup;

    @Option(names = "--valid-last", description = "Validate on the last N dates (N rows without --date).")
    public Integer validLast;

    @Option(names = "--valid-frac", description = "Validate on this fraction of rows: the latest ones with --date,"
            + " else a random sample (default 0.2 for a CSV).")
    public Double validFrac;

    @Option(names = "--log-target", negatable = true, description = "Model log(target) and report exp-RMSPE"
            + " (default: on for the built-in data and Rossmann, off for a CSV).")
    public Boolean logTarget;

    @Option(names = "--classify", negatable = true, description = "Predict the target as a class (cross-entropy,"
            + " accuracy, ROC AUC) rather than a number (default: fastai's rule, a class when the target is text or"
            + " true/false).")
    public Boolean classify;

    @Option(names = "--log-skewed", negatable = true, description = "log(1 + x) of continuous inputs with a long"
            + " right tail (no negatives, skewness > 0.75) before normalising (default: on for a CSV, off for the"
            + " built-in data, whose README numbers were measured without it).")
    public Boolean logSkewed;

    @Option(names = "--winsorize", paramLabel = "Q", description = "Move continuous values outside the training"
            + " rows' Q and 1 − Q quantiles to them before normalising (default: 0.001 for a CSV, 0 = off for the"
            + " built-in data).")
    public Double winsorize;

    @Option(names = "--max-card", defaultValue = "" + TabularTask.MAX_CARD, description = "Integers with more distinct values than this"
            + " are inferred continuous (fastai's max_card, default 20).")
    public int maxCard = TabularTask.MAX_CARD; // also when the options are built in code (a notebook)
}
