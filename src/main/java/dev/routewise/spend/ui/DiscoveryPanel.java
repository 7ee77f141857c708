package dev.routewise.spend.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import dev.routewise.base.ui.Formats;
import dev.routewise.discovery.DiscoveryRun;
import dev.routewise.discovery.DiscoveryService;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceService;

import java.time.Clock;
import java.util.List;

/**
 * Where the catalog comes from and how fresh it is: each model source's latest run, its result and how many models
 * it holds. Refreshed when a discovery run finishes (the discovery service tells), not on the dashboard's timer.
 */
class DiscoveryPanel extends DashboardPanel<List<ModelSource>> {

    private final SourceService sources;
    private final DiscoveryService discovery;
    private final Clock clock;
    final Grid<ModelSource> grid = new Grid<>();
    private final Paragraph none = new Paragraph("No model sources yet: add a provider under Model sources and its "
            + "models are discovered into the catalog.");
    private Runnable unsubscribe;

    DiscoveryPanel(SourceService sources, DiscoveryService discovery, Clock clock) {
        super("dashboard-discovery", "Discovery", Width.FULL);
        this.sources = sources;
        this.discovery = discovery;
        this.clock = clock;
        grid.addColumn(ModelSource::name).setHeader("Source").setKey("source").setFlexGrow(2);
        grid.addComponentColumn(DiscoveryPanel::status).setHeader("Status").setKey("status").setAutoWidth(true)
                .setFlexGrow(0);
        grid.addColumn(s -> s.lastRun() == null ? "never" : Formats.ago(s.lastRun().finishedAt(), clock.instant()))
                .setHeader("Last run").setKey("last-run").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(s -> Formats.count(s.models())).setHeader("Models").setKey("models").setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(s -> s.lastRun() == null || s.lastRun().error() == null ? "" : s.lastRun().error())
                .setHeader("Last error").setKey("error").setFlexGrow(3);
        grid.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_NO_BORDER, GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.setAllRowsVisible(true);
        none.addClassName("rw-muted");
        add(none, grid);
    }

    private static Span status(ModelSource s) {
        DiscoveryRun last = s.lastRun();
        String text;
        String theme;
        if (s.running()) {
            text = "running";
            theme = "badge small";
        } else if (!s.enabled()) {
            text = "disabled";
            theme = "badge contrast small";
        } else if (last == null) {
            text = "not run yet";
            theme = "badge contrast small";
        } else if (last.ok()) {
            text = "ok";
            theme = "badge success small";
        } else {
            text = "failed";
            theme = "badge error small";
        }
        Span badge = new Span(text);
        badge.getElement().getThemeList().add(theme);
        return badge;
    }

    @Override
    List<ModelSource> load(DashboardFigures figures) {
        return sources.list();
    }

    @Override
    void show(List<ModelSource> all) {
        grid.setItems(all);
        grid.setVisible(!all.isEmpty());
        none.setVisible(all.isEmpty());
    }

    @Override
    boolean live() {
        return false;
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = discovery.subscribe(run -> ui.access(() -> show(sources.list())));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
            unsubscribe = null;
        }
    }
}
