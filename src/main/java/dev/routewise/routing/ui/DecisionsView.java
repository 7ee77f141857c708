package dev.routewise.routing.ui;

import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import dev.routewise.base.ui.Formats;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.gateway.ui.CallDetails;
import dev.routewise.routing.DecisionHistory;
import dev.routewise.routing.DecisionFilter;
import dev.routewise.routing.LoggedDecision;
import jakarta.annotation.security.PermitAll;

import java.util.List;
import java.util.Optional;

/**
 * The decision log: every routing decision, newest first, filterable, with its explanation and, for a request the
 * gateway executed, what the call did.
 */
@Route("decisions")
@PageTitle("Decisions")
@Menu(order = 450, icon = "vaadin:list-ol", title = "Decisions")
@PermitAll
public class DecisionsView extends VerticalLayout {

    private final DecisionHistory history;
    private final TextField model = new TextField();
    private final ComboBox<String> task = new ComboBox<>();
    private final ComboBox<String> profile = new ComboBox<>();
    private final TextField caller = new TextField();
    private final Grid<LoggedDecision> grid = new Grid<>();
    private final Span total = new Span();
    private final Pre detail = new Pre();
    private final CallDetails call = new CallDetails();
    private final GatewayCallService calls;

    public DecisionsView(DecisionHistory history, GatewayCallService calls) {
        this.history = history;
        this.calls = calls;
        addClassName("rw-page");
        setSizeFull();

        model.setPlaceholder("Model id");
        model.setAriaLabel("Model");
        model.setClearButtonVisible(true);
        model.setValueChangeMode(ValueChangeMode.LAZY);
        task.setItems(TaskLabel.TASKS.stream().map(TaskLabel::id).toList());
        task.setPlaceholder("Task");
        task.setAriaLabel("Task");
        task.setClearButtonVisible(true);
        profile.setItems(List.of("eco", "balanced", "premium"));
        profile.setPlaceholder("Profile");
        profile.setAriaLabel("Profile");
        profile.setClearButtonVisible(true);
        caller.setPlaceholder("Caller");
        caller.setAriaLabel("Caller");
        caller.setClearButtonVisible(true);
        caller.setValueChangeMode(ValueChangeMode.LAZY);
        model.addValueChangeListener(e -> refresh());
        task.addValueChangeListener(e -> refresh());
        profile.addValueChangeListener(e -> refresh());
        caller.addValueChangeListener(e -> refresh());
        total.addClassName("rw-muted");
        HorizontalLayout filters = new HorizontalLayout(model, task, profile, caller, total);
        filters.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.addColumn(d -> Formats.dateTime(d.createdAt())).setHeader("When").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(d -> d.model() == null ? "(none fitted)" : d.model()).setHeader("Model").setFlexGrow(2);
        grid.addColumn(LoggedDecision::task).setHeader("Task").setAutoWidth(true);
        grid.addColumn(d -> Math.round(d.confidence() * 100) + "%").setHeader("Conf.").setAutoWidth(true);
        grid.addColumn(LoggedDecision::complexity).setHeader("Complexity").setAutoWidth(true);
        grid.addColumn(LoggedDecision::profile).setHeader("Profile").setAutoWidth(true);
        grid.addColumn(d -> d.rule() == null ? "" : d.rule()).setHeader("Rule").setAutoWidth(true);
        grid.addColumn(d -> d.estimatedCostUsd() == null ? "—" : "$" + d.estimatedCostUsd()).setHeader("Est. cost")
                .setAutoWidth(true);
        grid.addColumn(d -> d.latencyMicros() + " µs").setHeader("Took").setAutoWidth(true);
        grid.addColumn(LoggedDecision::caller).setHeader("Caller").setAutoWidth(true);
        grid.addThemeVariants(GridVariant.LUMO_ROW_STRIPES, GridVariant.LUMO_COMPACT);
        grid.setSizeFull();
        grid.addSelectionListener(e -> {
            Optional<LoggedDecision> selected = e.getFirstSelectedItem();
            detail.setText(selected.flatMap(d -> history.detail(d.decisionId()))
                    .orElse("Select a decision to see why it went there."));
            // decisions of POST /v1/route and the test bench's Route have no call; the gateway's have one
            call.show(selected.flatMap(d -> calls.find(d.decisionId())).orElse(null));
        });
        detail.setText("Select a decision to see why it went there.");
        detail.addClassName("rw-decision-detail");
        call.addClassName("rw-decision-call");

        add(filters, grid, detail, call);
        refresh();
    }

    private void refresh() {
        DecisionFilter filter = new DecisionFilter(model.getValue(), task.getValue(),
                profile.getValue(), caller.getValue(), null, null);
        grid.setItems(q -> history.find(filter, q.getOffset(), q.getLimit()).stream(),
                q -> (int) Math.min(Integer.MAX_VALUE, history.count(filter)));
        long count = history.count(filter);
        total.setText(count == 1 ? "1 decision" : count + " decisions");
    }
}
