package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * Amazon fine-food reviews (McAuley &amp; Leskovec 2013, SNAP's web-FineFoods), the small labelled sample modeldata
 * ships as {@code training_data} and {@code testing_data}: text classification, whether a review gave 5 stars.
 * Offline from Debian's {@code r-cran-modeldata}.
 *
 * <p>Both splits are tables with three columns:
 *
 * <ul>
 *   <li>{@code review} (String): the review's text as Amazon stored it (it may hold HTML such as {@code <br />});</li>
 *   <li>{@code label} (String): {@code "great"} for a 5-star review, {@code "other"} for 1 to 4 stars (R's factor
 *       column {@code score});</li>
 *   <li>{@code product} (String): the product's Amazon id (ASIN), e.g. "B000J0LSBG".</li>
 * </ul>
 *
 * <p>modeldata's help describes the training set as every review of 10 sampled products and the test set as one
 * review from each of 500 other products, and advises leave-one-product-out resampling. Version 1.1.0's data differs:
 * all 4,000 training rows and all 1,000 test rows have distinct product ids (none shared between the splits), so
 * that advice cannot be followed with this column; and 7 test reviews repeat a training review's text word for word.
 */
public final class AmazonReviews {
    public static final DataSource SOURCE = RPackageData.MODELDATA;

    /** The labels, in the order of R's factor levels. */
    public static final List<String> LABELS = List.of("great", "other");

    private static final List<String> R_COLUMNS = List.of("review", "score", "product");
    private static final List<ColumnType> TYPES = List.of(ColumnType.STRING, ColumnType.STRING, ColumnType.STRING);

    private AmazonReviews() {}

    /**
     * The 4,000 training reviews (2,600 great, 1,400 other), as table "amazon-reviews-train".
     *
     * @param where the {@code --data} folder or the cache, and whether a missing copy may be fetched (see
     *     {@link DataResolver})
     */
    public static Table train(DataLocation where) {
        return read(where, "training_data", "amazon-reviews-train");
    }

    /**
     * The 1,000 test reviews (658 great, 342 other), one per product, none of them a training product, as table
     * "amazon-reviews-test".
     *
     * @param where the {@code --data} folder or the cache, and whether a missing copy may be fetched (see
     *     {@link DataResolver})
     */
    public static Table test(DataLocation where) {
        return read(where, "testing_data", "amazon-reviews-test");
    }

    private static Table read(DataLocation where, String object, String tableName) {
        Table t = RPackageData.read(SOURCE, where,
                db -> RPackageData.table(db, object, R_COLUMNS, TYPES));
        t.column("score").setName("label");
        return t.setName(tableName);
    }
}
