package dev.routewise.spend.ui;

import dev.routewise.routing.DecisionStats.Period;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The time the dashboard's figures cover, cut into the buckets of its charts: the last 24 whole hours (this one
 * included) by hour, or the last 7 or 30 calendar days (today included) by day in the spend time zone, so that "a
 * day" means the same here as in the budgets. Every figure of one refresh uses the same window.
 */
record DashboardWindow(Period period, Instant from, Instant to, ZoneId zone) {

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    static DashboardWindow of(Period period, Instant now, ZoneId zone) {
        Instant from = switch (period) {
            case DAY -> now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
            case WEEK, MONTH -> LocalDate.ofInstant(now, zone).minusDays(period.length().toDays() - 1)
                    .atStartOfDay(zone).toInstant();
        };
        return new DashboardWindow(period, from, now, zone);
    }

    boolean hourly() {
        return period == Period.DAY;
    }

    /** "Last 24 hours", for headings and empty states. */
    String describe() {
        return switch (period) {
            case DAY -> "the last 24 hours";
            case WEEK -> "the last 7 days";
            case MONTH -> "the last 30 days";
        };
    }

    int buckets() {
        return hourly() ? 24 : (int) period.length().toDays();
    }

    /** The chart labels: the hour ("14:00") or the day ("Mar 5") each bucket starts. */
    List<String> labels() {
        List<String> labels = new ArrayList<>();
        ZonedDateTime start = from.atZone(zone);
        for (int i = 0; i < buckets(); i++) {
            labels.add(hourly() ? HOUR.format(start.plusHours(i)) : DAY.format(start.plusDays(i)));
        }
        return labels;
    }

    /** The bucket an hour of data falls in; -1 outside the window. */
    int bucketOf(Instant hour) {
        if (hour.isBefore(from.truncatedTo(ChronoUnit.HOURS)) || !hour.isBefore(to)) {
            return -1;
        }
        long index = hourly() ? Duration.between(from, hour).toHours()
                : ChronoUnit.DAYS.between(LocalDate.ofInstant(from, zone), LocalDate.ofInstant(hour, zone));
        return index < 0 || index >= buckets() ? -1 : (int) index;
    }
}
