package dev.routewise.discovery;

import org.springframework.scheduling.support.CronExpression;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a source is discovered on its own: every {@code interval}, or at the times a cron
 * expression names. Accepts ISO-8601 durations ({@code PT6H}), short forms ({@code 30m},
 * {@code 6h}, {@code 1d}) and cron expressions with 5 or 6 fields or macros ({@code @daily}).
 */
public record SourceSchedule(Duration interval, CronExpression cron, String text) {

    static final Duration MINIMUM = Duration.ofMinutes(1);
    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*([smhd])");

    /** Empty for blank text (manual discovery only). */
    public static Optional<SourceSchedule> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String s = text.strip();
        Duration interval = interval(s);
        if (interval != null) {
            if (interval.compareTo(MINIMUM) < 0) {
                throw new IllegalArgumentException("Discover at most once a minute");
            }
            return Optional.of(new SourceSchedule(interval, null, s));
        }
        String cronText = s.startsWith("@") || s.split("\\s+").length != 5 ? s : "0 " + s;
        try {
            return Optional.of(new SourceSchedule(null, CronExpression.parse(cronText), s));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Use an interval such as PT6H or 6h, or a cron expression such as "
                    + "'0 */6 * * *' (" + e.getMessage() + ")");
        }
    }

    private static Duration interval(String s) {
        if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Not an ISO-8601 duration: " + s);
            }
        }
        Matcher m = SHORT.matcher(s.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
