package dev.routewise.spend.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.routewise.base.ui.Formats;
import dev.routewise.gateway.GatewayStats;
import dev.routewise.routing.DecisionStats;

/**
 * The headline figures of the window: decisions routed, gateway calls, how many failed or fell back, and how often
 * users overrode the chosen model; and, while there is no traffic at all, what to do to get some.
 */
class SummaryPanel extends DashboardPanel<SummaryPanel.Figures> {

    record Figures(DashboardWindow window, long decisions, GatewayStats.Totals calls, DecisionStats.Outcomes outcomes) {
    }

    private final Stat decisions = new Stat("decisions", "Decisions");
    private final Stat calls = new Stat("calls", "Gateway calls");
    private final Stat errors = new Stat("error-rate", "Error rate");
    private final Stat fallbacks = new Stat("fallback-rate", "Fallback rate");
    private final Stat overrides = new Stat("override-rate", "Overridden by users");
    final Paragraph noTraffic = new Paragraph();

    SummaryPanel() {
        super("dashboard-summary", "Traffic", Width.FULL);
        Div stats = new Div(decisions, calls, errors, fallbacks, overrides);
        stats.addClassName("rw-stats");
        noTraffic.addClassName("rw-empty-state");
        noTraffic.setId("dashboard-no-traffic");
        add(noTraffic, stats);
    }

    @Override
    Figures load(DashboardFigures f) {
        return new Figures(f.window(), f.mix().totalDecisions(), f.calls(), f.mix().outcomes());
    }

    @Override
    void show(Figures f) {
        decisions.set(Formats.count(f.decisions()), "routed in " + f.window().describe());
        calls.set(Formats.count(f.calls().calls()), "sent on to providers");
        errors.set(Formats.percent(f.calls().errorRate()), Formats.count(f.calls().errors()) + " ended without an answer");
        errors.warn(f.calls().errors() > 0);
        fallbacks.set(Formats.percent(f.calls().fallbackRate()), Formats.count(f.calls().withFallbacks())
                + " went past the first model");
        DecisionStats.Outcomes o = f.outcomes();
        overrides.set(Formats.percent(o.overrideRate()), o.reported() == 0 ? "no outcomes reported"
                : Formats.count(o.overrides()) + " of " + Formats.count(o.reported()) + " reported outcomes");
        boolean none = f.decisions() == 0 && f.calls().calls() == 0;
        noTraffic.setVisible(none);
        noTraffic.setText(none ? "No traffic in " + f.window().describe() + ". Send requests to POST "
                + "/v1/chat/completions with an API key (API keys), or run a prompt on the Routing test bench: "
                + "these figures fill in as requests arrive, and update by themselves." : "");
    }

    /** A headline figure: its name, its value and what it counts; ids {@code stat-<key>} for tests. */
    static final class Stat extends Div {

        private final Span value = new Span();
        private final Span note = new Span();

        Stat(String key, String label) {
            setId("stat-" + key);
            addClassName("rw-stat");
            Span name = new Span(label);
            name.addClassName("rw-stat-label");
            value.addClassName("rw-stat-value");
            value.setId("stat-" + key + "-value");
            note.addClassName("rw-stat-note");
            add(name, value, note);
        }

        void set(String shown, String counts) {
            value.setText(shown);
            note.setText(counts);
        }

        void warn(boolean on) {
            value.setClassName("rw-stat-warn", on);
        }

        String value() {
            return value.getText();
        }
    }
}
