package dev.routewise.spend.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.routewise.base.ui.Formats;
import dev.routewise.gateway.GatewayStats;

import java.time.Instant;
import java.util.List;

/** Who sent the most gateway calls in the window: end users, teams or API keys, with a bar for each one's share. */
class TopPanel extends DashboardPanel<List<GatewayStats.Top>> {

    static final int SHOWN = 5;

    @FunctionalInterface
    interface Query {
        List<GatewayStats.Top> top(Instant from, Instant to, int limit);
    }

    private final Query query;
    private final Div rows = new Div();
    private final Paragraph none;

    private TopPanel(String id, String title, Query query, String empty) {
        super(id, title, Width.NARROW);
        this.query = query;
        rows.addClassName("rw-top");
        none = new Paragraph(empty);
        none.addClassName("rw-muted");
        add(none, rows);
    }

    static TopPanel users(GatewayStats stats) {
        return new TopPanel("dashboard-top-users", "Top users", stats::topUsers, "No calls named a user in this "
                + "period. Clients name theirs with the x-routewise-user header or OpenAI's \"user\" field.");
    }

    static TopPanel teams(GatewayStats stats) {
        return new TopPanel("dashboard-top-teams", "Top teams", stats::topTeams, "No calls named a team in this "
                + "period. Clients name theirs with the x-routewise-team header.");
    }

    static TopPanel keys(GatewayStats stats) {
        return new TopPanel("dashboard-top-keys", "Top API keys", stats::topKeys, "No calls with an API key in this "
                + "period.");
    }

    @Override
    List<GatewayStats.Top> load(DashboardFigures f) {
        return query.top(f.window().from(), f.window().to(), SHOWN);
    }

    @Override
    void show(List<GatewayStats.Top> top) {
        rows.removeAll();
        long most = top.stream().mapToLong(GatewayStats.Top::calls).max().orElse(1);
        for (GatewayStats.Top t : top) {
            Span name = new Span(t.key() == null ? t.name() : t.name() + " (key " + t.key() + ")");
            name.addClassName("rw-top-name");
            Span calls = new Span(Formats.count(t.calls()));
            calls.addClassName("rw-top-count");
            Div bar = new Div();
            bar.addClassName("rw-top-bar");
            bar.getStyle().set("width", Math.max(2, Math.round(100.0 * t.calls() / most)) + "%");
            Div row = new Div(name, calls, bar);
            row.addClassName("rw-top-row");
            rows.add(row);
        }
        none.setVisible(top.isEmpty());
    }

    /** The rows as shown, "name: calls", for tests. */
    List<String> shown() {
        return rows.getChildren().map(r -> r.getChildren().limit(2).map(c -> ((Span) c).getText())
                .reduce((a, b) -> a + ": " + b).orElse("")).toList();
    }
}
