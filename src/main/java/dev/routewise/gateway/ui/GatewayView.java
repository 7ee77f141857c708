package dev.routewise.gateway.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.gateway.GatewayCallService.ModelLimit;
import dev.routewise.gateway.GatewaySettingsService;
import dev.routewise.routing.RoutingService;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.PermitAll;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway did and how it is set: the latest calls with each attempt, the cooldown, rate-limit and
 * fallback events that explain why a model was skipped, the requests and tokens per minute configured per model,
 * the profiles that try a cheaper model first, and the system-prompt templates per model or provider. Every
 * signed-in role reads; operators change limits, cascades and templates.
 */
@Route("gateway")
@PageTitle("Gateway")
@Menu(order = 460, icon = "vaadin:exchange", title = "Gateway")
@PermitAll
public class GatewayView extends VerticalLayout {

    /** A line of the Events tab: an event the gateway recorded, or a call that fell back ({@code decisionId}). */
    public record EventRow(long createdAt, String kind, String model, Long until, String detail, String decisionId) {
    }

    /** How many calls and events the tabs show: the latest ones. */
    static final int LATEST = 200;

    private final GatewayCallService gateway;
    private final boolean canEdit;

    final TabSheet tabs = new TabSheet();
    final Grid<GatewayCall> calls = new Grid<>();
    final TextField modelFilter = new TextField();
    final CallDetails callDetails = new CallDetails();
    private final Span callCount = new Span();
    private final Paragraph noCalls = new Paragraph("No gateway calls yet: they appear here once a client sends "
            + "POST /v1/chat/completions, or someone uses Run on the routing test bench.");

    final Grid<EventRow> events = new Grid<>();
    private final Paragraph noEvents = new Paragraph("No cooldowns, rate limits or fallbacks among the latest "
            + "calls.");
    final CallDetails fallbackDetails = new CallDetails();

    final Grid<ModelLimit> limits = new Grid<>();
    private final Paragraph noLimits = new Paragraph("No limits set: the gateway follows only what providers "
            + "report.");
    final ComboBox<String> limitModel = new ComboBox<>("Model");
    final IntegerField rpm = new IntegerField("Requests per minute");
    final IntegerField tpm = new IntegerField("Tokens per minute");
    final Button saveLimit = new Button("Save limit", e -> saveLimit());

    final CascadePanel cascade;
    final PromptsPanel prompts;

    public GatewayView(GatewayCallService gateway, GatewaySettingsService settings, RoutingService routing,
                       AuthenticationContext authentication) {
        this.gateway = gateway;
        this.canEdit = authentication.hasRole(AppRoles.OPERATOR);
        this.cascade = new CascadePanel(settings, routing, canEdit);
        this.prompts = new PromptsPanel(settings, routing, canEdit);
        addClassName("rw-page");
        setWidthFull();

        tabs.setWidthFull();
        tabs.add("Calls", callsTab());
        tabs.add("Events", eventsTab());
        tabs.add("Limits", limitsTab(routing));
        tabs.add("Cascade", cascade);
        tabs.add("Prompts", prompts);
        tabs.addSelectedChangeListener(e -> refreshSelected());
        add(tabs);
        refreshCalls();
    }

    private void refreshSelected() {
        switch (tabs.getSelectedIndex()) {
            case 0 -> refreshCalls();
            case 1 -> refreshEvents();
            case 2 -> refreshLimits();
            case 3 -> cascade.refresh();
            default -> prompts.refresh();
        }
    }

    // ------------------------------------------------------------------ calls

    private Component callsTab() {
        modelFilter.setPlaceholder("Answered by model id");
        modelFilter.setAriaLabel("Answered by model");
        modelFilter.setClearButtonVisible(true);
        modelFilter.setValueChangeMode(ValueChangeMode.LAZY);
        modelFilter.setWidth("18rem");
        modelFilter.addValueChangeListener(e -> refreshCalls());
        callCount.addClassName("rw-muted");
        HorizontalLayout toolbar = new HorizontalLayout(modelFilter, refreshButton(this::refreshCalls), callCount);
        toolbar.setAlignItems(FlexComponent.Alignment.BASELINE);

        calls.addColumn(c -> CallFormats.time(c.createdAt())).setHeader("Time").setKey("time").setAutoWidth(true)
                .setFlexGrow(0);
        calls.addColumn(c -> c.caller() == null ? "—" : c.caller()).setHeader("Caller").setKey("caller")
                .setAutoWidth(true).setFlexGrow(0);
        // model ids wrap instead of pushing the numbers out of sight
        calls.addColumn(GatewayCall::requestedModel).setHeader("Requested").setKey("requested").setWidth("7rem")
                .setFlexGrow(1).setResizable(true).setPartNameGenerator(c -> "mono");
        calls.addColumn(c -> c.model() == null ? "—" : c.model()).setHeader("Answered by").setKey("model")
                .setWidth("9rem").setFlexGrow(2).setResizable(true).setPartNameGenerator(c -> "mono");
        calls.addComponentColumn(c -> CallFormats.outcome(c.status(), c.outcome())).setHeader("Status").setKey("status")
                .setAutoWidth(true).setFlexGrow(0);
        calls.addColumn(GatewayCall::fallbacks).setHeader("Fallbacks").setKey("fallbacks").setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        calls.addColumn(c -> CallFormats.millis(c.latencyMs())).setHeader("Latency").setKey("latency")
                .setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        calls.addColumn(c -> CallFormats.millis(c.ttftMs())).setHeader("TTFT").setKey("ttft").setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        calls.addColumn(c -> CallFormats.tokens(c.usage())).setHeader("Tokens").setKey("tokens")
                .setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        calls.addColumn(c -> CallFormats.cost(c.costUsd())).setHeader("Cost").setKey("cost").setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        calls.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        calls.addClassName("rw-gateway-calls");
        calls.setWidthFull();
        calls.addSelectionListener(e -> callDetails.show(e.getFirstSelectedItem()
                .flatMap(c -> gateway.find(c.decisionId())).orElse(null)));
        noCalls.addClassName("rw-muted");

        VerticalLayout tab = new VerticalLayout(toolbar, noCalls, calls, callDetails);
        tab.setPadding(false);
        tab.setWidthFull();
        return tab;
    }

    private void refreshCalls() {
        List<GatewayCall> latest = gateway.recent(LATEST, modelFilter.getValue());
        calls.setItems(latest);
        fitHeight(calls, latest.size());
        callDetails.show(null);
        callCount.setText(latest.size() == LATEST ? "the latest " + LATEST + " calls"
                : latest.size() == 1 ? "1 call" : latest.size() + " calls");
        noCalls.setVisible(latest.isEmpty() && modelFilter.getValue().isBlank());
    }

    // ------------------------------------------------------------------ events

    private Component eventsTab() {
        Paragraph help = new Paragraph("Cooldown: a model rests after repeated failures, or after a quota, "
                + "authentication or unknown-model error. Rate limited: the provider answered 429 and the model is "
                + "skipped until the time shown. Fallback: a call that went past the first model of its chain; "
                + "select it to see each attempt.");
        help.addClassName("rw-muted");

        events.addColumn(r -> CallFormats.time(r.createdAt())).setHeader("Time").setKey("time").setAutoWidth(true)
                .setFlexGrow(0);
        events.addComponentColumn(r -> CallFormats.badge(r.kind().replace('_', ' '), switch (r.kind()) {
            case "cooldown" -> "badge error small";
            case "rate_limited" -> "badge contrast small";
            default -> "badge small";
        })).setHeader("Kind").setKey("kind").setAutoWidth(true).setFlexGrow(0);
        events.addColumn(EventRow::model).setHeader("Model").setKey("model").setFlexGrow(1).setResizable(true)
                .setPartNameGenerator(r -> "mono");
        events.addColumn(r -> CallFormats.time(r.until())).setHeader("Until").setKey("until").setAutoWidth(true)
                .setFlexGrow(0);
        events.addColumn(EventRow::detail).setHeader("Detail").setKey("detail").setFlexGrow(3);
        events.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        events.addClassName("rw-gateway-events");
        events.setWidthFull();
        events.addSelectionListener(e -> fallbackDetails.show(e.getFirstSelectedItem()
                .filter(r -> r.decisionId() != null).flatMap(r -> gateway.find(r.decisionId())).orElse(null)));

        noEvents.addClassName("rw-muted");
        VerticalLayout tab = new VerticalLayout(new HorizontalLayout(refreshButton(this::refreshEvents)), help,
                noEvents, events, fallbackDetails);
        tab.setPadding(false);
        tab.setWidthFull();
        return tab;
    }

    private void refreshEvents() {
        List<EventRow> rows = new ArrayList<>();
        for (GatewayCall.Event e : gateway.events(LATEST)) {
            rows.add(new EventRow(e.createdAt(), e.kind(), e.model(), e.untilMillis(), e.detail(), null));
        }
        for (GatewayCall c : gateway.recent(LATEST, null)) {
            if (c.fallbacks() > 0) {
                rows.add(new EventRow(c.createdAt(), "fallback", c.model() == null ? c.requestedModel() : c.model(),
                        null, fallbackDetail(c), c.decisionId()));
            }
        }
        rows.sort(Comparator.comparingLong(EventRow::createdAt).reversed());
        events.setItems(rows.size() > LATEST ? rows.subList(0, LATEST) : rows);
        fitHeight(events, rows.size());
        noEvents.setVisible(rows.isEmpty());
        fallbackDetails.show(null);
    }

    private static String fallbackDetail(GatewayCall c) {
        String past = "after " + CallFormats.fallbacks(c.fallbacks()) + " (requested " + c.requestedModel() + ")";
        return c.model() != null && "ok".equals(c.outcome()) ? "Answered by " + c.model() + " " + past
                : "No model answered (" + c.outcome().replace('_', ' ') + ") " + past;
    }

    // ------------------------------------------------------------------ limits

    private Component limitsTab(RoutingService routing) {
        Paragraph help = new Paragraph("The gateway keeps each model under these limits, counted over a sliding "
                + "minute on this instance, and goes on to the next model of the chain while one is reached. Limits "
                + "that providers report in their answers' headers apply as well.");
        help.addClassName("rw-muted");

        limits.addColumn(ModelLimit::modelId).setHeader("Model").setKey("model").setFlexGrow(1)
                .setPartNameGenerator(l -> "mono");
        limits.addColumn(l -> l.rpm() == null ? "no limit" : l.rpm().toString()).setHeader("Requests / min")
                .setKey("rpm").setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        limits.addColumn(l -> l.tpm() == null ? "no limit" : l.tpm().toString()).setHeader("Tokens / min").setKey("tpm")
                .setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        if (canEdit) {
            limits.addComponentColumn(l -> {
                Button edit = new Button("Edit", e -> edit(l));
                edit.addThemeVariants(ButtonVariant.LUMO_SMALL);
                Button remove = new Button("Remove", e -> removeLimit(l));
                remove.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_TERTIARY,
                        ButtonVariant.LUMO_ERROR);
                return new HorizontalLayout(edit, remove);
            }).setKey("actions").setAutoWidth(true).setFlexGrow(0);
        }
        limits.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES);
        limits.addClassName("rw-gateway-limits");
        limits.setAllRowsVisible(true);
        limits.setWidthFull();

        noLimits.addClassName("rw-muted");
        VerticalLayout tab = new VerticalLayout(help, noLimits, limits);
        tab.setPadding(false);
        tab.setWidthFull();
        if (!canEdit) {
            Paragraph readOnly = new Paragraph("Operators set limits.");
            readOnly.addClassName("rw-muted");
            tab.add(readOnly);
            return tab;
        }
        limitModel.setItems(routing.modelIds());
        limitModel.setAllowCustomValue(true);
        limitModel.addCustomValueSetListener(e -> limitModel.setValue(e.getDetail()));
        limitModel.setClearButtonVisible(true);
        limitModel.setPlaceholder("provider/model");
        limitModel.setWidth("24rem");
        for (IntegerField f : List.of(rpm, tpm)) {
            f.setPlaceholder("no limit");
            f.setHelperText("empty: no limit");
            f.setWidth("11rem");
        }
        saveLimit.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(limitModel, rpm, tpm, saveLimit);
        form.setAlignItems(FlexComponent.Alignment.BASELINE);
        form.setWrap(true);
        form.addClassName("rw-gateway-limit-form");
        tab.add(form);
        return tab;
    }

    private void refreshLimits() {
        List<ModelLimit> all = gateway.limits();
        limits.setItems(all);
        noLimits.setVisible(all.isEmpty());
    }

    private Map<String, HasValidation> limitFields() {
        Map<String, HasValidation> fields = new LinkedHashMap<>();
        fields.put("modelId", limitModel);
        fields.put("rpm", rpm);
        fields.put("tpm", tpm);
        return fields;
    }

    private void edit(ModelLimit l) {
        FieldErrors.clear(limitFields());
        limitModel.setValue(l.modelId());
        rpm.setValue(l.rpm());
        tpm.setValue(l.tpm());
        rpm.focus();
    }

    private void saveLimit() {
        FieldErrors.clear(limitFields());
        // text that is not a whole number leaves the field empty, which would read as "no limit"
        if (FieldErrors.markIfUnparsable(rpm, "Enter a whole number of requests, or leave it empty for no limit")
                | FieldErrors.markIfUnparsable(tpm, "Enter a whole number of tokens, or leave it empty for no limit")) {
            return;
        }
        try {
            ModelLimit saved = gateway.setLimit(limitModel.getValue(), rpm.getValue(), tpm.getValue());
            Notifications.success(saved.rpm() == null && saved.tpm() == null
                    ? "Limits of " + saved.modelId() + " removed" : "Limits of " + saved.modelId() + " saved");
            limitModel.clear();
            rpm.clear();
            tpm.clear();
            refreshLimits();
        } catch (InvalidInputException e) {
            FieldErrors.show(e, limitFields());
        }
    }

    private void removeLimit(ModelLimit l) {
        gateway.setLimit(l.modelId(), null, null);
        Notifications.success("Limits of " + l.modelId() + " removed");
        refreshLimits();
    }

    /** A few rows take their own height; more scroll inside the grid so the selected one's details stay near. */
    private static void fitHeight(Grid<?> grid, int rows) {
        grid.setAllRowsVisible(rows <= 8);
        grid.setHeight(rows <= 8 ? null : "22rem");
    }

    private static Button refreshButton(Runnable refresh) {
        Button b = new Button("Refresh", VaadinIcon.REFRESH.create(), e -> refresh.run());
        b.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        return b;
    }
}
