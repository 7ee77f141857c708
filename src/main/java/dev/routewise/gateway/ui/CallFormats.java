package dev.routewise.gateway.ui;

import com.vaadin.flow.component.html.Span;
import dev.routewise.base.ui.Formats;
import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.protocol.Usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;

/**
 * How the console words what the gateway did, the same in the Gateway view, the test bench and the decision log: an
 * unknown cost reads "unknown", never $0, and a missing measurement reads "—".
 */
final class CallFormats {

    private CallFormats() {
    }

    static String time(long epochMillis) {
        return Formats.dateTime(Instant.ofEpochMilli(epochMillis));
    }

    static String time(Long epochMillis) {
        return epochMillis == null ? "—" : time(epochMillis.longValue());
    }

    /** A call's cost: null is unknown (no usage reported, or the model has no price). */
    static String cost(BigDecimal usd) {
        return usd == null ? "unknown" : "$" + usd.toPlainString();
    }

    /** An attempt's cost: one that generated nothing cost nothing, one that did and has no cost is unknown. */
    static String cost(GatewayCall.Attempt a) {
        if (a.costUsd() != null) {
            return cost(a.costUsd());
        }
        return generated(a) ? "unknown" : "—";
    }

    static boolean generated(GatewayCall.Attempt a) {
        return a.status() != null && a.status() == 200;
    }

    static String millis(Long ms) {
        return ms == null ? "—" : ms + " ms";
    }

    static String tokens(Usage u) {
        return u == null ? "—" : u.inputTokens() + " in · " + u.outputTokens() + " out";
    }

    static String fallbacks(int n) {
        return n == 0 ? "none" : n == 1 ? "1 fallback" : n + " fallbacks";
    }

    /** The client's status and the call's outcome, coloured: green answered, red failed, grey otherwise. */
    static Span outcome(int status, String outcome) {
        String theme = switch (outcome) {
            case "ok" -> "badge success small";
            case "failed", "broken", "rejected", "no_model" -> "badge error small";
            default -> "badge contrast small";
        };
        return badge(status + " " + outcome.replace('_', ' '), theme);
    }

    /** An attempt's status and outcome: skipped ones had no status. */
    static Span outcome(GatewayCall.Attempt a) {
        String text = (a.status() == null ? "" : a.status() + " ") + a.outcome();
        String theme = switch (a.outcome()) {
            case "ok" -> "badge success small";
            case "skipped" -> "badge contrast small";
            default -> "badge error small";
        };
        return badge(text, theme);
    }

    static Span badge(String text, String theme) {
        Span s = new Span(text);
        s.getElement().getThemeList().addAll(Arrays.asList(theme.split(" ")));
        return s;
    }

    /** A value over its label; the value's class names it for tests and styles (a page may show two calls). */
    static Span fact(String value, String label, String className) {
        Span v = new Span(value);
        v.addClassNames("rw-strong", className);
        Span l = new Span(label);
        l.addClassName("rw-muted");
        Span fact = new Span(v, l);
        fact.addClassName("rw-fact");
        return fact;
    }
}
