package dev.routewise.discovery.ui;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AnchorTarget;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.progressbar.ProgressBar;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.ui.Formats;
import dev.routewise.base.ui.Notifications;
import dev.routewise.base.ui.UiTasks;
import dev.routewise.discovery.DiscoveryRun;
import dev.routewise.discovery.DiscoveryService;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceService;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.PermitAll;

import java.time.Clock;
import java.util.List;

/** Model sources: what Routewise discovers models from, with live sync progress and run history. */
@Route("sources")
@PageTitle("Model sources")
@Menu(order = 200, icon = "vaadin:cloud-download-o", title = "Model sources")
@PermitAll
public class SourcesView extends VerticalLayout {

    private final SourceService sources;
    private final DiscoveryService discovery;
    private final Clock clock;
    private final boolean canEdit;
    private final Grid<ModelSource> grid = new Grid<>();
    private final Grid<DiscoveryRun> history = new Grid<>();
    private final H3 historyTitle = new H3("Run history");
    private Runnable unsubscribe;

    public SourcesView(SourceService sources, DiscoveryService discovery, AuthenticationContext auth, Clock clock) {
        this.sources = sources;
        this.discovery = discovery;
        this.clock = clock;
        this.canEdit = auth.hasRole(AppRoles.OPERATOR);
        addClassName("rw-page");
        setSizeFull();

        Button add = new Button("Add source", e -> new SourceDialog(sources, discovery, null, saved -> {
            Notifications.success("Added " + saved.name() + "; discovering its models");
            refresh();
        }).open());
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button syncAll = new Button("Sync all", e -> syncAll());
        add.setVisible(canEdit);
        syncAll.setVisible(canEdit);
        Span hint = new Span("Routewise lists each source's models from its API, prices them and keeps them fresh.");
        hint.addClassName("rw-muted");
        HorizontalLayout toolbar = new HorizontalLayout(add, syncAll, hint);
        toolbar.setAlignItems(Alignment.CENTER);

        grid.addComponentColumn(this::nameCell).setHeader("Source").setFlexGrow(2);
        grid.addColumn(s -> s.type().label()).setHeader("Type").setAutoWidth(true);
        grid.addColumn(ModelSource::baseUrl).setHeader("Base URL").setFlexGrow(2);
        grid.addColumn(s -> s.hasApiKey() ? s.apiKeyHint() : "—").setHeader("API key").setAutoWidth(true);
        grid.addColumn(ModelSource::models).setHeader("Models").setAutoWidth(true);
        grid.addColumn(s -> s.schedule() == null ? "manual" : s.schedule()).setHeader("Schedule").setAutoWidth(true);
        grid.addComponentColumn(this::statusCell).setHeader("Last run").setFlexGrow(2);
        grid.addComponentColumn(this::actions).setHeader("").setWidth("16rem").setFlexGrow(0);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES);
        grid.setHeight("45%");
        grid.addSelectionListener(e -> showHistory(e.getFirstSelectedItem().orElse(null)));
        grid.setId("sources-grid");

        history.addColumn(r -> Formats.dateTime(r.startedAt())).setHeader("Started").setAutoWidth(true);
        history.addColumn(DiscoveryRun::trigger).setHeader("Trigger").setAutoWidth(true);
        history.addComponentColumn(this::runBadge).setHeader("Status").setAutoWidth(true);
        history.addColumn(r -> r.duration() == null ? "" : r.duration().toMillis() + " ms").setHeader("Took")
                .setAutoWidth(true);
        history.addColumn(r -> r.listed() == null ? "—" : String.valueOf(r.listed())).setHeader("Listed");
        history.addColumn(DiscoveryRun::added).setHeader("Added");
        history.addColumn(DiscoveryRun::updated).setHeader("Updated");
        history.addColumn(DiscoveryRun::removed).setHeader("Removed");
        history.addColumn(DiscoveryRun::unchanged).setHeader("Unchanged");
        history.addColumn(r -> r.error() == null ? "" : r.error()).setHeader("Error").setFlexGrow(3);
        history.addThemeVariants(GridVariant.LUMO_COMPACT);
        history.setHeight("35%");
        historyTitle.addClassName("rw-section-title");

        add(toolbar, grid, historyTitle, history);
        refresh();
        showHistory(null);
    }

    @Override
    protected void onAttach(AttachEvent event) {
        UI ui = event.getUI();
        unsubscribe = discovery.subscribe(run -> ui.access(() -> {
            refresh();
            grid.getSelectedItems().stream().findFirst().filter(s -> s.id() == run.sourceId())
                    .ifPresent(this::showHistory);
        }));
    }

    @Override
    protected void onDetach(DetachEvent event) {
        if (unsubscribe != null) {
            unsubscribe.run();
        }
    }

    private void refresh() {
        Long selected = grid.getSelectedItems().stream().findFirst().map(ModelSource::id).orElse(null);
        List<ModelSource> all = sources.list();
        grid.setItems(all);
        if (selected != null) {
            all.stream().filter(s -> s.id() == selected).findFirst().ifPresent(grid::select);
        }
    }

    private void showHistory(ModelSource source) {
        historyTitle.setText(source == null ? "Run history (select a source)" : "Run history of " + source.name());
        history.setItems(source == null ? List.of() : discovery.history(source.id(), 50));
    }

    private Div nameCell(ModelSource s) {
        Span name = new Span(s.name());
        name.addClassName("rw-strong");
        Div cell = new Div(name);
        if (!s.enabled()) {
            Span off = new Span("disabled");
            off.getElement().getThemeList().add("badge contrast small");
            cell.add(new Span(" "), off);
        }
        if (s.usingFallbacks()) {
            Span fallback = new Span("static fallback");
            fallback.getElement().getThemeList().add("badge warning small");
            fallback.getElement().setAttribute("title", "Discovery has not succeeded yet: the catalog holds "
                    + "Routewise's static model list for this provider");
            cell.add(new Span(" "), fallback);
        }
        if (s.docUrl() != null) {
            Anchor docs = new Anchor(s.docUrl(), "docs", AnchorTarget.BLANK);
            docs.addClassName("rw-doc-link");
            cell.add(new Span(" · "), docs);
        }
        return cell;
    }

    private Div statusCell(ModelSource s) {
        if (s.running()) {
            ProgressBar bar = new ProgressBar();
            bar.setIndeterminate(true);
            bar.setWidth("6rem");
            return new Div(new Span("Syncing… "), bar);
        }
        DiscoveryRun run = s.lastRun();
        if (run == null) {
            return new Div(new Span("never run"));
        }
        Span badge = runBadge(run);
        Span when = new Span(" " + Formats.ago(run.finishedAt(), clock.instant()));
        when.addClassName("rw-muted");
        Div cell = new Div(badge, when);
        if (!run.ok() && run.error() != null) {
            cell.getElement().setAttribute("title", run.error());
        }
        return cell;
    }

    private Span runBadge(DiscoveryRun run) {
        String text = switch (run.status()) {
            case "ok" -> "OK" + (run.added() > 0 ? " +" + run.added() : "")
                    + (run.removed() > 0 ? " −" + run.removed() : "");
            case "running" -> "running";
            default -> "failed";
        };
        Span badge = new Span(text);
        if (run.ok()) {
            badge.getElement().setAttribute("title", run.listed() + " listed: " + run.added() + " added, "
                    + run.updated() + " updated, " + run.removed() + " removed, " + run.unchanged() + " unchanged");
        }
        badge.getElement().getThemeList().add(switch (run.status()) {
            case "ok" -> "badge success";
            case "running" -> "badge";
            default -> "badge error";
        });
        return badge;
    }

    private HorizontalLayout actions(ModelSource s) {
        HorizontalLayout actions = new HorizontalLayout();
        if (!canEdit) {
            return actions;
        }
        Button sync = new Button("Sync", e -> sync(s));
        sync.setEnabled(!s.running() && s.enabled());
        Button edit = new Button("Edit", e -> new SourceDialog(sources, discovery, s, saved -> {
            Notifications.success("Saved " + saved.name());
            refresh();
        }).open());
        Button delete = new Button("Delete", e -> confirmDelete(s));
        delete.addThemeVariants(ButtonVariant.LUMO_ERROR);
        for (Button b : List.of(sync, edit, delete)) {
            b.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY);
        }
        actions.add(sync, edit, delete);
        return actions;
    }

    private void sync(ModelSource s) {
        UiTasks.supply(UI.getCurrent(), () -> discovery.discoverInBackground(s.id()).join(), run -> {
            if (run.ok()) {
                Notifications.success(s.name() + ": " + run.listed() + " models, " + run.added() + " new");
            } else {
                Notifications.error(s.name() + ": " + run.error());
            }
            refresh();
        }, error -> Notifications.error(error.getMessage()));
        refresh();
    }

    private void syncAll() {
        UiTasks.supply(UI.getCurrent(), () -> discovery.discoverAllInBackground().stream()
                .map(java.util.concurrent.CompletableFuture::join).toList(), runs -> {
            long failed = runs.stream().filter(r -> !r.ok()).count();
            if (failed == 0) {
                Notifications.success("Synced " + runs.size() + " sources");
            } else {
                Notifications.error(failed + " of " + runs.size() + " sources failed; see their run history");
            }
            refresh();
        }, error -> Notifications.error(error.getMessage()));
        refresh();
    }

    private void confirmDelete(ModelSource s) {
        ConfirmDialog confirm = new ConfirmDialog("Delete " + s.name() + "?",
                "Its " + s.models() + " models leave the catalog and its run history is deleted.", "Delete",
                ok -> {
                    sources.delete(s.id());
                    Notifications.success("Deleted " + s.name());
                    refresh();
                    showHistory(null);
                });
        confirm.setConfirmButtonTheme("error primary");
        confirm.setCancelable(true);
        confirm.open();
    }
}
