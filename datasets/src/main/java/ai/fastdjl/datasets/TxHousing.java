package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * Texas housing sales, monthly per city, 2000 to mid-2015, from the TAMU Real Estate Center: a small tabular /
 * time-series data set. Offline from Debian's {@code r-cran-ggplot2} ({@code ggplot2::txhousing}).
 */
public final class TxHousing {
    public static final DataSource SOURCE = RPackageData.GGPLOT2;

    private static final List<String> COLUMNS =
            List.of("city", "year", "month", "sales", "volume", "median", "listings", "inventory", "date");
    private static final List<ColumnType> TYPES = List.of(ColumnType.STRING, ColumnType.INTEGER, ColumnType.INTEGER,
            ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE, ColumnType.DOUBLE,
            ColumnType.DOUBLE);

    private TxHousing() {}

    /**
     * The 8,602 (city, month) rows for 46 cities, as table "txhousing" with ggplot2's columns (descriptions from its
     * help page):
     *
     * <ul>
     *   <li>{@code city} (String): name of the multiple listing service (MLS) area;</li>
     *   <li>{@code year} (int) and {@code month} (int, 1 to 12);</li>
     *   <li>{@code sales} (double): number of sales (missing in 568 rows);</li>
     *   <li>{@code volume} (double): total value of sales, in dollars (missing in 568 rows);</li>
     *   <li>{@code median} (double): median sale price, in dollars (missing in 616 rows);</li>
     *   <li>{@code listings} (double): total active listings (missing in 1,424 rows);</li>
     *   <li>{@code inventory} (double): "months inventory", how many months it would take to sell all current
     *       listings at the current pace of sales (missing in 1,467 rows);</li>
     *   <li>{@code date} (double): the month as a decimal year, {@code year + (month - 1) / 12}, e.g. 2015.5 for July
     *       2015.</li>
     * </ul>
     *
     * @param where the {@code --data} folder or the cache, and whether a missing copy may be fetched (see
     *     {@link DataResolver})
     */
    public static Table load(DataLocation where) {
        return RPackageData.read(SOURCE, where,
                db -> RPackageData.table(db, "txhousing", COLUMNS, TYPES));
    }
}
