package dev.routewise.spend.ui;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.routewise.base.ui.Formats;
import dev.routewise.spend.Budget;
import dev.routewise.spend.BudgetPeriod;
import dev.routewise.spend.BudgetPolicy;
import dev.routewise.spend.BudgetService;
import dev.routewise.spend.BudgetStatus;

import java.util.List;

/**
 * Spend today and this month against each budget: what was settled plus what calls in flight hold, as a bar that
 * turns amber at the budget's first warning threshold and red once exhausted. Budgets follow their own calendar
 * windows, not the dashboard's period.
 */
class BudgetsPanel extends DashboardPanel<List<BudgetStatus>> {

    private final BudgetService budgets;
    private final Div rows = new Div();
    private final Paragraph none = new Paragraph("No budgets yet. Operators set them per team, API key, user or "
            + "for everyone, per day, month or request, on the Budgets page or with POST /api/v1/budgets "
            + "(docs/spend.md); their spend shows here.");
    private final Paragraph perRequest = new Paragraph();

    BudgetsPanel(BudgetService budgets) {
        super("dashboard-budgets", "Spend against budgets", Width.FULL);
        this.budgets = budgets;
        rows.addClassName("rw-budgets");
        none.addClassName("rw-muted");
        perRequest.addClassName("rw-muted");
        add(none, rows, perRequest);
    }

    @Override
    List<BudgetStatus> load(DashboardFigures figures) {
        return budgets.status();
    }

    @Override
    void show(List<BudgetStatus> all) {
        rows.removeAll();
        for (BudgetStatus s : all) {
            if (s.budget().period() != BudgetPeriod.REQUEST) {
                rows.add(row(s));
            }
        }
        List<String> capped = all.stream().map(BudgetStatus::budget).filter(b -> b.period() == BudgetPeriod.REQUEST)
                .map(b -> scope(b) + " at most " + Formats.usd(b.limitUsd())).toList();
        perRequest.setText(capped.isEmpty() ? "" : "Per request: " + String.join(" · ", capped));
        perRequest.setVisible(!capped.isEmpty());
        none.setVisible(all.isEmpty());
    }

    private static Div row(BudgetStatus s) {
        Budget b = s.budget();
        double share = BudgetBars.used(s).doubleValue();

        Span name = new Span(scope(b) + (b.period() == BudgetPeriod.DAY ? " · today" : " · this month"));
        name.addClassName("rw-budget-name");
        Span figures = new Span(Formats.usd(s.spentUsd()) + " of " + Formats.usd(b.limitUsd())
                + (s.reservedUsd().signum() > 0 ? " (+ " + Formats.usd(s.reservedUsd()) + " in flight)" : ""));
        figures.addClassName("rw-budget-figures");
        Span state = new Span(s.exhausted() ? (b.policy() == BudgetPolicy.BLOCK ? "exhausted: calls are refused"
                : "exhausted: calls go to a cheaper model") : Formats.percent(share) + " used");
        state.addClassName("rw-budget-state");

        ProgressBar bar = BudgetBars.bar(s);
        switch (BudgetBars.level(s)) {
            case EXHAUSTED -> state.addClassName("rw-budget-exhausted");
            case WARNING -> state.addClassName("rw-budget-warn");
            case OK -> { }
        }
        Div row = new Div(name, figures, state, bar);
        row.addClassName("rw-budget");
        return row;
    }

    private static String scope(Budget b) {
        return switch (b.scope()) {
            case GLOBAL -> "Everyone";
            case TEAM -> "Team " + b.scopeId();
            case KEY -> "API key " + b.scopeId();
            case USER -> "User " + b.scopeId();
        };
    }
}
