package ai.fastdjl.datasets;

import ai.fastdjl.data.DataLocation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tech.tablesaw.api.ColumnType;
import tech.tablesaw.api.Table;

/**
 * Chicago "L" ridership (Kuhn &amp; Johnson, Feature Engineering and Selection, 2020): a daily regression task,
 * predicting how many people enter the Clark/Lake station from lagged ridership elsewhere, the weather and sports
 * schedules. Offline from Debian's {@code r-cran-modeldata} ({@code modeldata::Chicago}).
 */
public final class ChicagoRidership {
    public static final DataSource SOURCE = RPackageData.MODELDATA;

    /** The 20 station columns, in the table's order (modeldata's {@code stations}). */
    public static final List<String> STATIONS = List.of("Austin", "Quincy_Wells", "Belmont", "Archer_35th",
            "Oak_Park", "Western", "Clark_Lake", "Clinton", "Merchandise_Mart", "Irving_Park", "Washington_Wells",
            "Harlem", "Monroe", "Polk", "Ashland", "Kedzie", "Addison", "Jefferson_Park", "Montrose", "California");

    /** The 18 daily weather columns, in the table's order ({@code percip} is R's spelling). */
    public static final List<String> WEATHER = List.of("temp_min", "temp", "temp_max", "temp_change", "dew",
            "humidity", "pressure", "pressure_change", "wind", "wind_max", "gust", "gust_max", "percip", "percip_max",
            "weather_rain", "weather_snow", "weather_cloud", "weather_storm");

    /** The 10 game-day indicators, in the table's order. */
    public static final List<String> GAMES = List.of("Blackhawks_Away", "Blackhawks_Home", "Bulls_Away",
            "Bulls_Home", "Bears_Away", "Bears_Home", "WhiteSox_Away", "WhiteSox_Home", "Cubs_Away", "Cubs_Home");

    private static final List<String> COLUMNS = columns();
    private static final List<ColumnType> TYPES = types();

    private ChicagoRidership() {}

    /**
     * The 5,698 days from 2001-01-22 to 2016-08-28, one row per day with no gaps and no missing values, as table
     * "chicago-ridership" with modeldata's 50 columns in its order:
     *
     * <ul>
     *   <li>{@code ridership} (double): the target, people entering Clark/Lake that day, in thousands (0.601 to
     *       26.058);</li>
     *   <li>the {@link #STATIONS} (double, thousands): entries at 20 stations <em>14 days earlier</em> (modeldata's
     *       help: "14 day lag variables"), so {@code Clark_Lake} is the target two weeks before;</li>
     *   <li>the {@link #WEATHER} (double): temperatures and dew point (°F, the minimum, mean, maximum and the day's
     *       range), relative humidity (%), pressure (inHg) and its change, wind and gust speeds (mph, mean and
     *       maximum), precipitation (inches, mean and maximum), and {@code weather_*} for rain, snow, cloud and
     *       storms, fractions from 0 to 1 (17/24 for cloud on the first day: as far as the values show, the share
     *       of the day's weather reports that mention it);</li>
     *   <li>the {@link #GAMES} (double, 0 or 1): whether the team played away or at home that day; in this data the
     *       four baseball columns are identical, so they carry a single bit;</li>
     *   <li>{@code date} (LocalDate): the day.</li>
     * </ul>
     *
     * @param where the {@code --data} folder or the cache, and whether a missing copy may be fetched (see
     *     {@link DataResolver})
     */
    public static Table load(DataLocation where) {
        return RPackageData.read(SOURCE, where,
                db -> RPackageData.table(db, "Chicago", COLUMNS, TYPES)).setName("chicago-ridership");
    }

    private static List<String> columns() {
        List<String> c = new ArrayList<>();
        c.add("ridership");
        c.addAll(STATIONS);
        c.addAll(WEATHER);
        c.addAll(GAMES);
        c.add("date");
        return List.copyOf(c);
    }

    private static List<ColumnType> types() {
        List<ColumnType> t = new ArrayList<>(Collections.nCopies(COLUMNS.size() - 1, ColumnType.DOUBLE));
        t.add(ColumnType.LOCAL_DATE);
        return List.copyOf(t);
    }
}
