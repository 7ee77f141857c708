package dev.routewise.gateway.ui;

import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import dev.routewise.gateway.GatewayCall;

import java.util.ArrayList;
import java.util.List;

/**
 * One gateway call as a person reads it: how it ended, which model answered after how many fallbacks, how long it
 * took, the tokens and what it cost, then every attempt with its status and error. Shown wherever a call is looked
 * at: the Gateway view, a decision's detail and the test bench's Run.
 */
public class CallDetails extends Div {

    final Grid<GatewayCall.Attempt> attempts = new Grid<>();
    private final Div facts = new Div();
    private final Paragraph context = new Paragraph();
    private final Paragraph error = new Paragraph();
    private GatewayCall call;

    public CallDetails() {
        addClassNames("rw-card", "rw-call");
        facts.addClassName("rw-facts");
        context.addClassName("rw-muted");
        error.addClassName("rw-call-error");

        attempts.addColumn(a -> a.seq() + 1).setHeader("#").setKey("seq").setAutoWidth(true).setFlexGrow(0);
        // the model's routing id starts with its provider's source: no provider column next to it
        attempts.addColumn(GatewayCall.Attempt::model).setHeader("Model").setKey("model").setWidth("14rem")
                .setFlexGrow(1).setResizable(true).setPartNameGenerator(a -> "mono");
        attempts.addComponentColumn(CallFormats::outcome).setHeader("Status").setKey("status").setAutoWidth(true)
                .setFlexGrow(0);
        attempts.addColumn(a -> a.errorClass() == null ? "" : a.errorClass()).setHeader("Error class")
                .setKey("errorClass").setAutoWidth(true).setFlexGrow(0);
        attempts.addColumn(a -> a.error() == null ? "" : a.error()).setHeader("Error").setKey("error").setWidth("9rem")
                .setFlexGrow(2);
        attempts.addColumn(a -> CallFormats.millis(a.latencyMs())).setHeader("Latency").setKey("latency")
                .setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        attempts.addColumn(a -> CallFormats.millis(a.ttftMs())).setHeader("TTFT").setKey("ttft").setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        attempts.addColumn(a -> CallFormats.tokens(a.usage())).setHeader("Tokens").setKey("tokens").setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        attempts.addColumn(CallFormats::cost).setHeader("Cost").setKey("cost").setAutoWidth(true).setFlexGrow(0)
                .setTextAlign(ColumnTextAlign.END);
        attempts.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        attempts.addClassName("rw-call-attempts");
        attempts.setAllRowsVisible(true);
        attempts.setWidthFull();

        add(facts, context, error, new H4("Attempts"), attempts);
        setVisible(false);
    }

    /** Shows {@code call}, or hides the panel for null. */
    public void show(GatewayCall call) {
        this.call = call;
        setVisible(call != null);
        if (call == null) {
            return;
        }
        facts.removeAll();
        facts.add(CallFormats.outcome(call.status(), call.outcome()),
                CallFormats.fact(call.model() == null ? "no model" : call.model(), "answered by", "rw-call-model"),
                CallFormats.fact(CallFormats.fallbacks(call.fallbacks()), "fallbacks", "rw-call-fallbacks"),
                CallFormats.fact(CallFormats.millis(call.latencyMs()), "latency", "rw-call-latency"),
                CallFormats.fact(CallFormats.millis(call.ttftMs()), "time to first token", "rw-call-ttft"),
                CallFormats.fact(CallFormats.tokens(call.usage()), "tokens", "rw-call-tokens"),
                CallFormats.fact(CallFormats.cost(call.costUsd()), costLabel(call.costStatus()), "rw-call-cost"));
        List<String> about = new ArrayList<>();
        about.add(CallFormats.time(call.createdAt()));
        about.add("requested " + call.requestedModel());
        if (call.profile() != null) {
            about.add("profile " + call.profile());
        }
        if (call.task() != null) {
            about.add("task " + call.task());
        }
        about.add(call.stream() ? "streamed" : "whole answer");
        if (call.caller() != null) {
            about.add("by " + call.caller());
        }
        about.add("decision " + call.decisionId());
        context.setText(String.join(" · ", about));
        error.setText(call.error() == null ? "" : call.error());
        error.setVisible(call.error() != null && !"ok".equals(call.outcome()));
        attempts.setItems(call.attempts());
    }

    /** The call shown, null when none. */
    public GatewayCall call() {
        return call;
    }

    private static String costLabel(String costStatus) {
        return switch (costStatus) {
            case "unknown_usage" -> "cost (no usage reported)";
            case "unpriced" -> "cost (model has no price)";
            case "none" -> "cost (nothing generated)";
            default -> "cost";
        };
    }
}
