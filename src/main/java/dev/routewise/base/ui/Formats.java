package dev.routewise.base.ui;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How the console shows times: in the server's zone, to the second, and "—" for never. */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Formats() {
    }

    public static String dateTime(Instant instant) {
        return instant == null ? "—" : DATE_TIME.format(instant);
    }

    /** Dollars as exact as they are, at least to the cent: $0.000048, $1.20; null (unknown) reads "unknown". */
    public static String usd(BigDecimal usd) {
        if (usd == null) {
            return "unknown";
        }
        BigDecimal plain = usd.stripTrailingZeros();
        return "$" + (plain.scale() < 2 ? plain.setScale(2) : plain).toPlainString();
    }

    /** A share as a percentage to one decimal, "12.5 %"; null (nothing to divide) reads "—". */
    public static String percent(Double fraction) {
        if (fraction == null) {
            return "—";
        }
        double p = Math.round(fraction * 1000) / 10.0;
        return (p == Math.rint(p) ? String.valueOf((long) p) : String.valueOf(p)) + " %";
    }

    /** A count with thousands separators: 12,345. */
    public static String count(long n) {
        return String.format(java.util.Locale.ROOT, "%,d", n);
    }

    /** "3 min ago" style, for "last used" columns. */
    public static String ago(Instant instant, Instant now) {
        if (instant == null) {
            return "never";
        }
        Duration d = Duration.between(instant, now);
        if (d.isNegative() || d.toSeconds() < 60) {
            return "just now";
        }
        if (d.toMinutes() < 60) {
            return d.toMinutes() + " min ago";
        }
        if (d.toHours() < 48) {
            return d.toHours() + " h ago";
        }
        return d.toDays() + " days ago";
    }
}
