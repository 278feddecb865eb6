package ai.fastdjl.lesson05;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.fastdjl.cli.CommonOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The Rossmann recipe on tiny files with Kaggle's (and the course's extra tables') columns. */
class RossmannTest {
    @TempDir
    Path tmp;

    /**
     * 3 stores × 80 days up to 2015-07-31; store 3 closed on Sundays; a state holiday on Thursday 2015-06-04, when
     * every store is closed (as in Kaggle's data, where stores mostly close on state holidays).
     */
    static Path files(Path dir, boolean extras) throws IOException {
        List<String> train = new ArrayList<>(List.of(
                "Store,DayOfWeek,Date,Sales,Customers,Open,Promo,StateHoliday,SchoolHoliday"));
        LocalDate last = LocalDate.of(2015, 7, 31);
        for (int d = 79; d >= 0; d--) {
            LocalDate day = last.minusDays(d);
            for (int s = 1; s <= 3; s++) {
                boolean holiday = day.equals(LocalDate.of(2015, 6, 4));
                boolean closed = holiday || s == 3 && day.getDayOfWeek().getValue() == 7;
                int sales = closed ? 0 : 4000 + 1000 * s + 50 * day.getDayOfWeek().getValue() + (d % 7) * 20;
                train.add(s + "," + day.getDayOfWeek().getValue() + "," + day + "," + sales + "," + sales / 10 + ","
                        + (closed ? 0 : 1) + "," + (day.getDayOfMonth() <= 10 ? 1 : 0) + "," + (holiday ? "a" : "0") + ","
                        + (day.getMonthValue() == 7 ? 1 : 0));
            }
        }
        Files.write(dir.resolve("train.csv"), train);
        Files.write(dir.resolve("store.csv"), List.of(
                "Store,StoreType,Assortment,CompetitionDistance,CompetitionOpenSinceMonth,CompetitionOpenSinceYear,"
                        + "Promo2,Promo2SinceWeek,Promo2SinceYear,PromoInterval",
                "1,c,a,1270,2,2015,1,10,2015,\"Jan,Apr,Jul,Oct\"",
                "2,a,a,570,,,0,,,",
                "3,a,c,,9,2008,0,,,"));
        if (extras) {
            Files.write(dir.resolve("store_states.csv"), List.of("Store,State", "1,HE", "2,HB,NI", "3,HE")
                    .stream().map(l -> l.replace("2,HB,NI", "2,\"HB,NI\"")).toList());
            Files.write(dir.resolve("state_names.csv"), List.of("StateName,State", "Hessen,HE",
                    "Niedersachsen,\"HB,NI\""));
            List<String> weather = new ArrayList<>(List.of(
                    "file,Date,Max_TemperatureC,Mean_TemperatureC,Min_TemperatureC,Max_Humidity,Mean_Humidity,"
                            + "Min_Humidity,Max_Wind_SpeedKm_h,Mean_Wind_SpeedKm_h,CloudCover,Events"));
            List<String> trends = new ArrayList<>(List.of("file,week,trend"));
            for (int d = 79; d >= 0; d--) {
                LocalDate day = last.minusDays(d);
                for (String st : List.of("Hessen", "Niedersachsen")) {
                    weather.add(st + "," + day + "," + (20 + d % 5) + ",15,10,90,70,50,20,10,"
                            + (d % 8) + "," + (d % 3 == 0 ? "Rain" : ""));
                }
                if (day.getDayOfWeek().getValue() == 7) {
                    String week = day + " - " + day.plusDays(6);
                    trends.add("Rossmann_DE_HE," + week + "," + (60 + d % 10));
                    trends.add("Rossmann_DE_NI," + week + "," + (50 + d % 10));
                    trends.add("Rossmann_DE," + week + "," + (70 + d % 10));
                }
            }
            Files.write(dir.resolve("weather.csv"), weather);
            Files.write(dir.resolve("googletrend.csv"), trends);
        }
        return dir;
    }

    @Test
    void theRecipeJoinsTheTablesAndAddsTheCoursesFeatures() throws IOException {
        TabularTask.Spec s = Rossmann.spec(files(tmp, true));
        Table t = s.table;
        assertEquals(80 * 3 - 11 - 3, t.rowCount()); // store 3's 11 Sundays and the holiday had no sales
        // the holiday's row is gone, but the days around it still know how far it is
        for (int i = 0; i < t.rowCount(); i++) {
            LocalDate day = t.dateColumn("Date").get(i);
            if (day.equals(LocalDate.of(2015, 6, 5))) {
                assertEquals(1, t.numberColumn("AfterStateHoliday").getDouble(i));
            }
            if (day.equals(LocalDate.of(2015, 6, 1))) {
                assertEquals(3, t.numberColumn("BeforeStateHoliday").getDouble(i));
                assertTrue(t.numberColumn("AfterStateHoliday").isMissing(i)); // no holiday before it
            }
        }
        assertFalse(t.containsColumn("DayOfWeek")); // Kaggle's copy gives way to the date part Dayofweek
        for (String c : List.of("StoreType", "State", "Max_TemperatureC", "Events", "trend", "trend_DE",
                "CompetitionMonthsOpen", "Promo2Weeks")) {
            assertTrue(t.containsColumn(c), c + " missing from " + t.columnNames());
        }
        int row = t.rowCount() - 3; // store 1 on 2015-07-31 (a Friday)
        assertEquals(1, t.intColumn("Store").get(row));
        assertEquals(LocalDate.of(2015, 7, 31), t.dateColumn("Date").get(row));
        // competition since 2015-02-15: 166 days → 5 months of 30 days; Promo2 since ISO week 10 of 2015
        // (Monday 2015-03-02): 151 days → 21 weeks
        assertEquals(5, t.intColumn("CompetitionMonthsOpen").get(row));
        assertEquals(21, t.intColumn("Promo2Weeks").get(row));
        // week starting Sunday 2015-07-26 is 5 days before the end: trends 60 + 5 % 10 and 70 + 5 % 10
        assertEquals(65, t.numberColumn("trend").getDouble(row));
        assertEquals(75, t.numberColumn("trend_DE").getDouble(row));
        assertEquals("HE", t.stringColumn("State").get(row));
        assertEquals(0, t.intColumn("CompetitionMonthsOpen").get(row + 1)); // store 2: no competitor date
        assertEquals("HB,NI", t.stringColumn("State").get(row + 1));
        assertEquals(55, t.numberColumn("trend").getDouble(row + 1)); // Lower Saxony's "NI" series
        assertEquals(24, t.intColumn("CompetitionMonthsOpen").get(row + 2)); // since 2008: capped at 24
        assertTrue(s.cats.containsAll(List.of("Store", "StateHoliday", "State", "Week", "Events")));
        assertTrue(s.conts.containsAll(List.of("CompetitionDistance", "trend", "AfterStateHoliday")));
    }

    @Test
    void withoutTheExtraTablesTheTaskStillBuildsAndSplitsOnTheLast48Days() throws IOException {
        TabularOptions o = new TabularOptions();
        o.rossmann = files(tmp, false);
        o.maxCard = 20;
        TabularTask task = TabularTask.load(o, new CommonOptions());
        assertFalse(task.roles().cats().contains("State"));
        assertTrue(task.roles().conts().contains("BeforeStateHoliday"));
        // the last 48 of 80 days are validation rows: 48 × 3 minus store 3's 7 Sundays among them
        assertEquals(48 * 3 - 7, task.valid().rowCount());
        assertTrue(task.logTarget());
    }
}
