package dev.routewise.spend.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.shared.Registration;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.UiTasks;
import dev.routewise.discovery.DiscoveryService;
import dev.routewise.discovery.SourceService;
import dev.routewise.gateway.GatewayStats;
import dev.routewise.routing.DecisionStats;
import dev.routewise.routing.DecisionStats.Period;
import dev.routewise.spend.AlertService;
import dev.routewise.spend.BudgetService;
import dev.routewise.spend.CostReportService;
import dev.routewise.spend.DowngradeAdvisor;
import dev.routewise.spend.SpendProperties;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * The console's start page: what the team spends against its budgets, how much traffic went where, how well it went
 * and who sent it, and whether discovery keeps the catalog fresh. Every figure is real, read from the features'
 * services; while the page is open it refreshes itself every few seconds through push. Panels are listed in
 * {@link #panels}; see {@link DashboardPanel} for adding one.
 */
@Route("")
@PageTitle("Dashboard")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Dashboard")
@PermitAll
public class DashboardView extends VerticalLayout {

    private record Loaded(Period period, List<Runnable> shows) {
    }

    /** How often an open dashboard reads its figures again. */
    static final Duration REFRESH = Duration.ofSeconds(5);

    private final DecisionStats decisionStats;
    private final GatewayStats gatewayStats;
    private final Clock clock;
    private final ZoneId zone;
    final Select<Period> period = new Select<>();
    private final Span updated = new Span();
    final List<DashboardPanel<?>> panels;
    private volatile Period shown = Period.DAY;
    private Registration live;

    public DashboardView(DecisionStats decisionStats, GatewayStats gatewayStats, BudgetService budgets,
                         SourceService sources, DiscoveryService discovery, SpendProperties spend,
                         CostReportService costs, AlertService alerts, DowngradeAdvisor advisor, Clock clock) {
        this.decisionStats = decisionStats;
        this.gatewayStats = gatewayStats;
        this.clock = clock;
        this.zone = spend.timeZone();
        addClassNames("rw-page", "rw-dashboard-page");
        setWidthFull();

        panels = List.of(
                new SummaryPanel(),
                new CostPanel(costs),
                new BudgetsPanel(budgets),
                new SavingsPanel(costs),
                new AlertsPanel(alerts),
                new TrafficPanel(decisionStats, gatewayStats),
                MixPanel.models(),
                MixPanel.tasks(),
                new LatencyPanel(gatewayStats),
                TopPanel.users(gatewayStats),
                TopPanel.teams(gatewayStats),
                TopPanel.keys(gatewayStats),
                new SuggestionsPanel(advisor),
                new DiscoveryPanel(sources, discovery, clock));

        period.setAriaLabel("Period");
        period.setItems(Period.DAY, Period.WEEK, Period.MONTH);
        period.setItemLabelGenerator(p -> switch (p) {
            case DAY -> "Last 24 hours";
            case WEEK -> "Last 7 days";
            case MONTH -> "Last 30 days";
        });
        period.setValue(Period.DAY);
        period.addValueChangeListener(e -> {
            shown = e.getValue();
            refresh();
        });
        updated.addClassName("rw-muted");
        updated.setId("dashboard-updated");
        HorizontalLayout toolbar = new HorizontalLayout(period, updated);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        Div grid = new Div();
        grid.addClassName("rw-dashboard");
        panels.forEach(grid::add);
        add(toolbar, grid);
        refresh();
    }

    /** Reads every panel's figures now, on the calling (UI) thread. */
    void refresh() {
        DashboardFigures figures = figures();
        panels.stream().map(p -> p.prepare(figures)).toList().forEach(Runnable::run);
        stamp();
    }

    private DashboardFigures figures() {
        return new DashboardFigures(DashboardWindow.of(shown, clock.instant(), zone), decisionStats, gatewayStats);
    }

    private void stamp() {
        updated.setText("Updated " + Formats.dateTime(clock.instant()) + " · refreshes every " + REFRESH.toSeconds()
                + " s");
    }

    @Override
    protected void onAttach(AttachEvent event) {
        live = UiTasks.every(event.getUI(), REFRESH, () -> {
            DashboardFigures figures = figures();
            return new Loaded(figures.window().period(),
                    panels.stream().filter(DashboardPanel::live).map(p -> p.prepare(figures)).toList());
        }, loaded -> {
            // figures read for a period the user has just switched away from would undo the switch
            if (loaded.period() == shown) {
                loaded.shows().forEach(Runnable::run);
                stamp();
            }
        });
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (live != null) {
            live.remove();
            live = null;
        }
    }
}
