package dev.routewise.spend.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.security.AppRoles;
import dev.routewise.spend.Budget;
import dev.routewise.spend.BudgetPeriod;
import dev.routewise.spend.BudgetService;
import dev.routewise.spend.BudgetStatus;
import dev.routewise.spend.SpendProperties;
import jakarta.annotation.security.PermitAll;

/**
 * Budgets: every limit with how much of its current window is spent and held by calls in flight, coloured as it
 * passes its warning thresholds, so the team sees which budget is about to refuse or degrade calls. Operators create,
 * change and delete budgets; every signed-in role reads. What a budget does at its limit is enforced by
 * {@link BudgetService} on the gateway; this page only configures and shows.
 */
@Route("budgets")
@PageTitle("Budgets")
@Menu(order = 465, icon = "vaadin:wallet", title = "Budgets")
@PermitAll
public class BudgetsView extends VerticalLayout {

    private final BudgetService budgets;
    private final boolean canWrite;

    final Grid<BudgetStatus> grid = new Grid<>();
    final Button create = new Button("New budget", VaadinIcon.PLUS.create(), e -> edit(null));
    final Span count = new Span();

    public BudgetsView(BudgetService budgets, SpendProperties spend, AuthenticationContext authentication) {
        this.budgets = budgets;
        this.canWrite = authentication.hasRole(AppRoles.OPERATOR);
        addClassName("rw-page");
        setWidthFull();

        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setVisible(canWrite);
        Button reload = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh());
        reload.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        count.addClassName("rw-muted");
        HorizontalLayout toolbar = new HorizontalLayout(create, reload, count);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        Paragraph help = new Paragraph("A call is admitted only while spent + reserved + its own estimate stays "
                + "within every budget that counts it (global, its team, its API key, its user). Reserved is what "
                + "calls in flight hold until they settle with their actual cost. Day and month are calendar windows in "
                + spend.timeZone().getId() + "."
                + (canWrite ? "" : " Only operators change budgets."));
        help.addClassName("rw-muted");

        if (canWrite) {
            // first, so that edit and delete stay in view however wide the figures get
            grid.addComponentColumn(this::actions).setHeader("").setKey("actions").setAutoWidth(true)
                    .setFlexGrow(0);
        }
        grid.addColumn(BudgetsView::scope).setHeader("Scope").setKey("scope").setAutoWidth(true).setFlexGrow(1);
        grid.addColumn(s -> s.budget().period().wire()).setHeader("Period").setKey("period").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> s.budget().policy().wire()).setHeader("Policy").setKey("policy").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> Formats.usd(s.budget().limitUsd())).setHeader("Limit").setKey("limit").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> Formats.usd(s.spentUsd())).setHeader("Spent").setKey("spent").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> Formats.usd(s.reservedUsd())).setHeader("Reserved").setKey("reserved").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> s.exhausted() ? "exhausted" : Formats.usd(s.remainingUsd())).setHeader("Remaining")
                .setKey("remaining").setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(BudgetsView::usage).setHeader("Used").setKey("used").setWidth("8.5rem")
                .setFlexGrow(0);
        grid.addColumn(BudgetsView::warnings).setHeader("Warn at").setKey("warnAt").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        grid.setAllRowsVisible(true);
        grid.setWidthFull();
        grid.setEmptyStateText("No budgets: spend is not limited. "
                + (canWrite ? "Add one with New budget." : "An operator can add one."));

        add(toolbar, help, grid);
        refresh();
    }

    void refresh() {
        var all = budgets.status();
        grid.setItems(all);
        count.setText(all.size() == 1 ? "1 budget" : all.size() + " budgets");
    }

    private void edit(Budget existing) {
        new BudgetDialog(budgets, existing, saved -> {
            Notifications.success("Saved budget " + saved.describe());
            refresh();
        }).open();
    }

    private Component actions(BudgetStatus s) {
        Button edit = new Button("Edit", e -> edit(s.budget()));
        edit.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        Button delete = new Button("Delete", e -> confirmDelete(s.budget()));
        delete.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        HorizontalLayout actions = new HorizontalLayout(edit, delete);
        actions.setSpacing(false);
        return actions;
    }

    private void confirmDelete(Budget b) {
        ConfirmDialog confirm = new ConfirmDialog("Delete the budget " + b.describe() + "?",
                "Calls are no longer limited by it and its window's spend is forgotten. The alerts it raised stay.",
                "Delete", ok -> {
                    budgets.delete(b.id());
                    Notifications.success("Deleted budget " + b.describe());
                    refresh();
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }

    static String scope(BudgetStatus s) {
        Budget b = s.budget();
        return b.scopeId() == null ? b.scope().wire() : b.scope().wire() + " '" + b.scopeId() + "'";
    }

    private static String warnings(BudgetStatus s) {
        if (s.budget().warnAt().isEmpty()) {
            return "—";
        }
        return String.join(", ", s.budget().warnAt().stream().map(t -> Formats.percent(t.doubleValue())).toList());
    }

    private static Component usage(BudgetStatus s) {
        if (s.budget().period() == BudgetPeriod.REQUEST) {
            Span cap = new Span("a cap per call");
            cap.addClassName("rw-muted");
            return cap;
        }
        ProgressBar bar = BudgetBars.bar(s);
        bar.setWidth("4.5rem");
        Span share = new Span(Formats.percent(BudgetBars.used(s).doubleValue()));
        share.addClassName("rw-muted");
        HorizontalLayout cell = new HorizontalLayout(bar, share);
        cell.setAlignItems(FlexComponent.Alignment.CENTER);
        cell.setSpacing(true);
        return cell;
    }
}
