package ai.fastdjl.e2e;

import static ai.fastdjl.e2e.RunFolders.assertFiles;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.lesson05.CrossValidation;
import ai.fastdjl.lesson05.Extrapolation;
import ai.fastdjl.lesson05.FeatureSelection;
import ai.fastdjl.lesson05.ForestProximity;
import ai.fastdjl.lesson05.ForestTools;
import ai.fastdjl.lesson05.RegularizationPaths;
import ai.fastdjl.tabular.FoldEnsemble;
import ai.fastdjl.lesson05.TabularEmbeddings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Smoke runs of lesson 5's mains on both data sets and on a CSV, with tiny budgets; bad CSV input exits 2. */
class Lesson05Test {
    private static final String NETWORK = "entity-embedding network";

    @TempDir
    Path tmp;


    @Test
    void txhousingComparesTheNetworkWithTheBaselines() throws Exception {
        TabularEmbeddings.Result r = TabularEmbeddings.run("--seeds", "1", "--trees", "20", "--epochs", "4",
                "--quiet", "--out", tmp.toString());
        assertEquals("RMSPE", r.metric());
        // the lesson README's peer on the same split: seasonal naive 0.160, so the split is the README's
        assertEquals(0.160, r.scores().get("seasonal naive (same city and month, a year earlier)").mean(), 0.001);
        assertTrue(r.scores().get("random forest, 20 trees, category codes").mean() < 0.17, r.scores().toString());
        assertTrue(r.scores().get("random forest, 20 trees, learned embeddings").mean() < 0.3, r.scores().toString());
        // four epochs (0.19 measured): far from the lesson's target, but far better than the mean (RMSPE > 1)
        assertTrue(r.scores().get(NETWORK).mean() < 0.4, r.scores().toString());
        assertFiles(r.runDir(), "README.md", "metrics.json", "loss.png", "emb_city.png");
    }

    @Test
    void chicagoInfersItsColumnsAndAddsGameDayDistances() throws Exception {
        TabularEmbeddings.Result r = TabularEmbeddings.run("--dataset", "chicago", "--seeds", "2", "--trees", "10",
                "--epochs", "3", "--quiet", "--out", tmp.toString());
        String readme = Files.readString(r.runDir().resolve("README.md"));
        assertTrue(readme.contains("| random forest, 10 trees, category codes |"), readme);
        String json = Files.readString(r.runDir().resolve("metrics.json"));
        assertTrue(json.contains("inferred column roles") && json.contains("AfterBears_Home"), json);
        // RMSE in thousands of riders; predicting the training mean scores about 6, three epochs measured 3.9
        assertEquals("RMSE", r.metric());
        assertTrue(r.scores().get(NETWORK).mean() < 5.5, r.scores().toString());
        // RMSE is a norm, so the mean of two predictions is never worse than the two scores' mean (triangle inequality)
        double ensemble = r.scores().get("ensemble of the 2 networks (mean of their outputs)").mean();
        assertTrue(ensemble <= r.scores().get(NETWORK).mean() + 1e-9, r.scores().toString());
    }

    @Test
    void forestToolsFindTheDriftingInputAndTheSpreadTracksTheError() throws Exception {
        ForestTools.Result r = ForestTools.run("--trees", "30", "--out", tmp.toString());
        assertEquals(3, r.importance().size());
        // validation months (2014-08 … 2015-07) are told from training months by year (and month)
        assertTrue(r.trainValid().auc() > 0.9, "train/valid AUC " + r.trainValid().auc());
        assertEquals("year", r.trainValid().importance().get(0).feature());
        assertTrue(r.binScores()[4] > r.binScores()[0], java.util.Arrays.toString(r.binScores()));
        assertFiles(r.runDir(), "README.md", "metrics.json", "pdp_" + r.pdpFeature() + ".png");
    }

    @Test
    void crossValidationScoresFoldsAndTheirEnsembleOnTheHeldOutPeriod() throws Exception {
        CrossValidation.Result r = CrossValidation.run("--folds", "3", "--trees", "10", "--epochs", "2", "--quiet",
                "--out", tmp.toString());
        assertEquals("RMSPE", r.metric());
        FoldEnsemble.Row forest = r.rows().get("random forest, 10 trees");
        assertEquals(3, forest.cv().values().length);
        assertTrue(forest.ensemble() < 0.5 && forest.ensembleR2() > 0.5, forest.toString());
        assertTrue(r.rows().containsKey(NETWORK), r.rows().keySet().toString());
        // the training years' mean log sales, on the later year: worse than that year's own mean
        assertTrue(r.meanR2() < 0, "R² of the training mean " + r.meanR2());
        assertFiles(r.runDir(), "README.md", "metrics.json");
    }

    @Test
    void oneFoldIsOneLineAndStatus2() throws Exception {
        MainProcess.Result r = MainProcess.run(CrossValidation.class, Map.of(), "--folds", "1");
        MainProcess.assertOneLine(r, "error: --folds 1 is less than 2; cross-validation needs at least 2 folds");
    }

    @Test
    void featureSelectionRefitsOnTheTopInputsAndTriesDroppingTheDriftingOnes() throws Exception {
        FeatureSelection.Result r = FeatureSelection.run("--trees", "20", "--top", "1,2", "--out", tmp.toString());
        assertEquals("city", r.importance().get(0).feature());
        // city alone is worse than city and month, which is worse than all three inputs
        assertTrue(r.topK().get(1) > r.topK().get(2) && r.topK().get(2) > r.all(), r.topK() + " all " + r.all());
        // year tells 2015 from the earlier years, but the forest needs it for the trend: dropping it hurts
        assertTrue(r.dropped().get("year") > r.all(), r.dropped().toString());
        assertTrue(r.kept().contains("year"));
        assertFiles(r.runDir(), "importance.png", "README.md");
        MainProcess.Result bad = MainProcess.run(FeatureSelection.class, Map.of(), "--top", "0");
        MainProcess.assertOneLine(bad, "error: --top 0 is not a number of inputs");
    }

    @Test
    void aForestCannotExtrapolateATrendALinearModelCan() throws Exception {
        Extrapolation.Result r = Extrapolation.run("--rows", "300", "--trees", "20", "--epochs", "5", "--out",
                tmp.toString());
        double forest = r.rmse().get("random forest");
        double linear = r.rmse().get("linear regression");
        assertTrue(forest > 2 * linear, r.rmse().toString());
        assertTrue(r.maxPrediction().get("random forest") <= r.trainMax(), r.maxPrediction() + " max " + r.trainMax());
        assertFiles(r.runDir(), "extrapolation.png");
        MainProcess.Result bad = MainProcess.run(Extrapolation.class, Map.of(), "--rows", "5");
        MainProcess.assertOneLine(bad, "error: --rows 5 / --trees 100: pass at least 10 rows and 1 tree");
    }

    @Test
    void theLassoZeroesCoefficientsAndRidgeSharesACorrelatedPair() throws Exception {
        RegularizationPaths.Result r = RegularizationPaths.run("--dataset", "chicago", "--points", "20", "--out",
                tmp.toString());
        // measured with 50 points: lasso RMSE 2.53 with 28 of 114 coefficients at 0, ridge 2.73, least squares 3.02
        assertTrue(r.lasso().nonZero() < r.width(), "the lasso's best fit zeroes some coefficients: " + r.lasso());
        assertTrue(r.lasso().score() < r.leastSquares() && r.ridge().score() < r.leastSquares(), r.toString());
        assertTrue(Math.abs(r.pairR()) > 0.9, "a correlated pair: " + r.pairA() + "/" + r.pairB() + " " + r.pairR());
        assertEquals(r.ridgePair()[0], r.ridgePair()[1], 0.2 * Math.abs(r.ridgePair()[0]) + 1e-9,
                "ridge shrinks the pair together: " + java.util.Arrays.toString(r.ridgePair()));
        assertTrue(r.lassoPair()[0] == 0 || r.lassoPair()[1] == 0, "the lasso keeps one of the pair: "
                + java.util.Arrays.toString(r.lassoPair()));
        assertFiles(r.runDir(), "coefficient_paths.png", "README.md", "metrics.json");
        MainProcess.Result bad = MainProcess.run(RegularizationPaths.class, Map.of(), "--cont", "nosuch", "--cat",
                "city");
        MainProcess.assertOneLine(bad, "error: --cont column 'nosuch' not found in txhousing");
    }

    @Test
    void forestProximityFindsSimilarRowsWhoseTargetsPredictTheRow() throws Exception {
        ForestProximity.Result r = ForestProximity.run("--dataset", "chicago", "--trees", "30", "--neighbours",
                "5,10", "--out", tmp.toString());
        assertTrue(r.similar().length > 0 && r.similar()[0].value() > 0 && r.similar()[0].value() <= 1,
                java.util.Arrays.toString(r.similar()));
        // measured with 100 trees: proximity-weighted 2.21, forest 2.29, 10 nearest by proximity 2.20, Euclidean 3.18
        assertTrue(r.proximity()[1] < r.euclidean()[1], java.util.Arrays.toString(r.proximity()) + " vs "
                + java.util.Arrays.toString(r.euclidean()));
        assertTrue(r.weighted() < 1.2 * r.forest(), r.weighted() + " vs the forest's " + r.forest());
        assertFiles(r.runDir(), "proximity_neighbours.png", "README.md");
        MainProcess.Result bad = MainProcess.run(ForestProximity.class, Map.of(), "--query", "100000");
        MainProcess.assertOneLine(bad, "error: --query 100000 is not a validation row; pass 0 … ");
    }

    @Test
    void anyCsvWithADateAndMissingValues() throws Exception {
        Path csv = shopCsv(tmp.resolve("shops.csv"), false);
        TabularEmbeddings.Result r = TabularEmbeddings.run("--csv", csv.toString(), "--target", "sales", "--date",
                "day", "--valid-frac", "0.2", "--log-target", "--seeds", "1", "--trees", "10", "--epochs", "10",
                "--lr-find", "--quiet", "--out", tmp.resolve("runs").toString());
        assertFiles(r.runDir(), "lr_find.png"); // the LR finder runs only when asked (it shifts the first seed)
        String json = Files.readString(r.runDir().resolve("metrics.json"));
        assertTrue(json.contains("inferred column roles") && json.contains("Dayofweek"), json);
        // 480 training rows in batches of 64 (a CSV's default): 10 epochs take the network from RMSPE ≈ 0.94 to 0.30
        assertTrue(r.scores().get(NETWORK).mean() < 0.5, r.scores().toString());
        ForestTools.Result f = ForestTools.run("--csv", csv.toString(), "--target", "sales", "--date", "day",
                "--pdp", "temp", "--trees", "20", "--out", tmp.resolve("runs").toString());
        assertFiles(f.runDir(), "pdp_temp.png");
    }

    @Test
    void aProjectThatIsNotACategoricalIsOneLineAndStatus2() throws Exception {
        Path csv = shopCsv(tmp.resolve("shops.csv"), false);
        MainProcess.Result r = MainProcess.run(TabularEmbeddings.class, Map.of(), "--csv", csv.toString(),
                "--target", "sales", "--cat", "shop", "--cont", "temp", "--project", "temp");
        MainProcess.assertOneLine(r, "error: --project 'temp' is not a categorical input; they are shop");
    }

    @Test
    void aMissingTargetIsOneLineAndStatus2() throws Exception {
        Path csv = shopCsv(tmp.resolve("shops.csv"), false);
        MainProcess.Result r = MainProcess.run(TabularEmbeddings.class, Map.of(), "--csv", csv.toString(),
                "--target", "profit");
        MainProcess.assertOneLine(r, "error: --target column 'profit' not found in shops.csv; its columns are shop, day, temp,");
    }

    @Test
    void aTextContinuousColumnIsOneLineAndStatus2() throws Exception {
        Path csv = shopCsv(tmp.resolve("shops.csv"), true);
        MainProcess.Result r = MainProcess.run(TabularEmbeddings.class, Map.of(), "--csv", csv.toString(),
                "--target", "sales", "--cat", "shop", "--cont", "temp,promo");
        MainProcess.assertOneLine(r, "error: --cont column 'promo' in shops.csv is not numeric ('yes' in data row 1)");
    }

    @Test
    void aCsvWithoutTargetOrFileIsOneLineAndStatus2() throws Exception {
        MainProcess.Result r = MainProcess.run(ForestTools.class, Map.of(), "--csv", tmp.resolve("no.csv").toString(),
                "--target", "y");
        MainProcess.assertOneLine(r, "error: --csv file " + tmp.resolve("no.csv") + " not found");
        Path csv = shopCsv(tmp.resolve("shops.csv"), false);
        r = MainProcess.run(ForestTools.class, Map.of(), "--csv", csv.toString());
        MainProcess.assertOneLine(r, "error: --csv needs --target COL");
        Path empty = java.nio.file.Files.createFile(tmp.resolve("empty.csv"));
        r = MainProcess.run(ForestTools.class, Map.of(), "--csv", empty.toString(), "--target", "y");
        MainProcess.assertOneLine(r, "error: " + empty + " is empty; a CSV needs a header line and data rows");
        Path header = java.nio.file.Files.writeString(tmp.resolve("header.csv"), "x,y\n");
        r = MainProcess.run(ForestTools.class, Map.of(), "--csv", header.toString(), "--target", "y");
        MainProcess.assertOneLine(r, "error: " + header + " has a header line but no data rows");
    }

    @Test
    void aTextTargetIsAClassForEveryModel() throws Exception {
        Path csv = classCsv(tmp.resolve("plans.csv"));
        TabularEmbeddings.Result r = TabularEmbeddings.run("--csv", csv.toString(), "--target", "plan", "--seeds",
                "1", "--trees", "20", "--epochs", "4", "--quiet", "--out", tmp.resolve("runs").toString());
        assertEquals("accuracy", r.metric());
        // three equally common plans: a model that learned nothing scores about 1/3
        for (String model : List.of(NETWORK, "one-hot logistic regression", "random forest, 20 trees, category codes")) {
            assertTrue(r.scores().get(model).mean() > 0.6, model + ": " + r.scores());
        }
        String json = Files.readString(r.runDir().resolve("metrics.json"));
        assertTrue(json.contains("ROC AUC") && json.contains("cross-entropy"), json);
        // a numeric 0/1 column is a quantity by fastai's rule, a class with --classify
        TabularEmbeddings.Result b = TabularEmbeddings.run("--csv", csv.toString(), "--target", "churned",
                "--classify", "--seeds", "1", "--trees", "10", "--epochs", "2", "--quiet", "--out",
                tmp.resolve("runs").toString());
        assertEquals("accuracy", b.metric());
        assertTrue(b.scores().get(NETWORK).mean() > 0.5, b.scores().toString());
    }

    @Test
    void aLogOfAClassIsOneLineAndStatus2ThroughTheLauncher() throws Exception {
        Path csv = classCsv(tmp.resolve("plans.csv"));
        MainProcess.Result r = MainProcess.launch("TabularEmbeddings", "--csv", csv.toString(), "--target", "plan",
                "--log-target");
        MainProcess.assertOneLine(r, "error: --log-target is for a numeric target; 'plan' is predicted as a class");
        r = MainProcess.run(ForestTools.class, Map.of(), "--csv", csv.toString(), "--target", "plan");
        MainProcess.assertOneLine(r, "error: ForestTools reads a numeric target, and 'plan' is a class");
    }

    /**
     * 900 rows of customers: the plan (basic / plus / pro) follows the region and a log-normal usage count;
     * churned (0/1) follows the plan.
     */
    static Path classCsv(Path file) throws Exception {
        Random r = new Random(1);
        List<String> lines = new ArrayList<>();
        lines.add("region,usage,age,plan,churned");
        String[] plans = {"basic", "plus", "pro"};
        for (int i = 0; i < 900; i++) {
            int region = r.nextInt(6);
            double usage = Math.floor(Math.exp(2 + 1.5 * r.nextGaussian()));
            int k = Math.floorMod(region + (usage > 20 ? 1 : 0) + (r.nextInt(10) == 0 ? 1 : 0), 3);
            lines.add("r" + region + "," + (long) usage + "," + (20 + r.nextInt(50)) + "," + plans[k] + ","
                    + (k == 0 ^ r.nextInt(8) == 0 ? 1 : 0));
        }
        Files.write(file, lines);
        return file;
    }

    /**
     * 600 rows: 5 shops over 120 days, sales = shop level × weekday effect × (1 + temperature effect), a few
     * missing temperatures; with {@code textColumn}, a yes/no "promo" column.
     */
    static Path shopCsv(Path file, boolean textColumn) throws Exception {
        Random r = new Random(0);
        List<String> lines = new ArrayList<>();
        lines.add("shop,day,temp,sales" + (textColumn ? ",promo" : ""));
        for (int d = 0; d < 120; d++) {
            java.time.LocalDate day = java.time.LocalDate.of(2020, 1, 1).plusDays(d);
            for (int s = 0; s < 5; s++) {
                double temp = 10 + 10 * Math.sin(d / 20.0) + r.nextGaussian();
                double sales = (100 + 40 * s) * (1 + 0.1 * day.getDayOfWeek().getValue()) * (1 + temp / 100)
                        * Math.exp(0.05 * r.nextGaussian());
                String t = r.nextInt(20) == 0 ? "" : String.format(java.util.Locale.ROOT, "%.1f", temp);
                lines.add("s" + s + "," + day + "," + t + "," + String.format(java.util.Locale.ROOT, "%.1f", sales)
                        + (textColumn ? "," + (d % 2 == 0 ? "yes" : "no") : ""));
            }
        }
        Files.write(file, lines);
        return file;
    }
}
