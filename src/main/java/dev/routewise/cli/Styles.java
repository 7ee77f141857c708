package dev.routewise.cli;

import picocli.CommandLine.Help.Ansi;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** Colours and number formats shared by the commands' output. */
final class Styles {

    private Styles() {
    }

    /**
     * Styles {@code text} with picocli markup when colour is on. Text that would break the markup
     * (it contains its closing {@code |@}) is left plain rather than garbled.
     */
    static String apply(Ansi ansi, String text, String style) {
        if (style == null || text.isEmpty() || !ansi.enabled() || text.contains("|@")) {
            return text;
        }
        String leading = text.substring(0, text.length() - text.stripLeading().length());
        String core = text.strip();
        String trailing = text.substring(leading.length() + core.length());
        return leading + ansi.string("@|" + style + " " + core + "|@") + trailing;
    }

    /** The cost tier as a coloured cell: low green, medium yellow, high red, unknown faint. */
    static Table.Cell tier(String tier) {
        if (tier == null || tier.isBlank()) {
            return new Table.Cell("-", "faint");
        }
        return new Table.Cell(tier, tierStyle(tier));
    }

    static String tierStyle(String tier) {
        return switch (tier.toLowerCase(Locale.ROOT)) {
            case "low" -> "green";
            case "medium" -> "yellow";
            case "high" -> "red";
            default -> null;
        };
    }

    static Table.Cell status(String status) {
        if (status == null) {
            return new Table.Cell("-", "faint");
        }
        return new Table.Cell(status, switch (status) {
            case "ok", "UP" -> "green";
            case "failed" -> "red";
            case "running" -> "yellow";
            default -> null;
        });
    }

    /** Dollars with as many decimals as small amounts need: $12.50, $0.0123, $0.000015. */
    static String usd(BigDecimal amount) {
        if (amount == null) {
            return "-";
        }
        BigDecimal value = amount.abs().compareTo(BigDecimal.ONE) >= 0 ? amount.setScale(2, RoundingMode.HALF_UP)
                : amount.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        if (value.scale() < 2) {
            value = value.setScale(2, RoundingMode.UNNECESSARY);
        }
        return "$" + value.toPlainString();
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }

    static String decimal(double value, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Large counts grouped for reading: 128000 -> 128,000. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
