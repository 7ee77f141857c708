package dev.routewise.spend.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.router.RouterLink;
import dev.routewise.base.ui.Formats;
import dev.routewise.spend.Alert;
import dev.routewise.spend.AlertPage;
import dev.routewise.spend.AlertService;

import java.util.List;

/** The budget alerts nobody has acknowledged yet, newest first, with a link to the alerts list. */
class AlertsPanel extends DashboardPanel<AlertPage> {

    static final int SHOWN = 5;

    private final AlertService alerts;
    private final Div rows = new Div();
    private final Paragraph none = new Paragraph("No open alerts. Budgets raise one when their spend crosses a "
            + "warning threshold or the limit.");
    private final Paragraph more = new Paragraph();

    AlertsPanel(AlertService alerts) {
        super("dashboard-alerts", "Open alerts", Width.NARROW);
        this.alerts = alerts;
        rows.addClassName("rw-alert-rows");
        none.addClassName("rw-muted");
        more.addClassName("rw-muted");
        add(none, rows, more, new RouterLink("All alerts", AlertsView.class));
    }

    @Override
    AlertPage load(DashboardFigures figures) {
        return alerts.list(true, 0, SHOWN);
    }

    @Override
    void show(AlertPage page) {
        rows.removeAll();
        for (Alert a : page.items()) {
            Span message = new Span(a.message());
            message.addClassName(a.exhausted() ? "rw-budget-exhausted" : "rw-budget-warn");
            Span when = new Span(Formats.dateTime(a.createdAt()));
            when.addClassName("rw-muted");
            Div row = new Div(message, when);
            row.addClassName("rw-alert-row");
            rows.add(row);
        }
        none.setVisible(page.items().isEmpty());
        long hidden = page.total() - page.items().size();
        more.setText(hidden > 0 ? "and " + Formats.count(hidden) + " more" : "");
        more.setVisible(hidden > 0);
    }

    /** The messages as shown, for tests. */
    List<String> shown() {
        return rows.getChildren().map(r -> ((Span) r.getChildren().findFirst().orElseThrow()).getText()).toList();
    }
}
