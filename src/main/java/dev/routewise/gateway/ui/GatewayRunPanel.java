package dev.routewise.gateway.ui;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.progressbar.ProgressBar;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.UiTasks;
import dev.routewise.gateway.ChatGateway;
import dev.routewise.gateway.GatewayCall;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.routing.RuleDeniedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs a chat completion through the gateway from the console, exactly as {@code POST /v1/chat/completions} would
 * for the signed-in user, and shows the answer (its text and tool calls), the model that gave it and the fallbacks;
 * then, once the gateway has written its record of the call, every attempt, the latency and the cost. The gateway
 * call blocks on providers, so it runs off the UI thread and comes back through push.
 */
public class GatewayRunPanel extends Div {

    private static final Logger log = LoggerFactory.getLogger(GatewayRunPanel.class);
    /** The gateway writes its record in batches within about 200 ms; after this the record is reported missing. */
    private static final Duration RECORD_WAIT = Duration.ofSeconds(5);
    private static final Duration RECORD_POLL = Duration.ofMillis(100);

    private final ChatGateway gateway;
    private final GatewayCallService calls;
    private final String caller;

    private final Paragraph request = new Paragraph();
    private final ProgressBar progress = new ProgressBar();
    private final Div outcome = new Div();
    private final Paragraph error = new Paragraph();
    private final Pre answer = new Pre();
    private final UnorderedList toolCalls = new UnorderedList();
    private final UnorderedList notes = new UnorderedList();
    private final Paragraph recording = new Paragraph();
    private final UnorderedList reportedAttempts = new UnorderedList();
    private final CallDetails details = new CallDetails();
    private int runs;

    public GatewayRunPanel(ChatGateway gateway, GatewayCallService calls, String caller) {
        this.gateway = gateway;
        this.calls = calls;
        this.caller = caller;
        addClassNames("rw-card", "rw-run");
        setId("run-result");
        Span label = new Span("Run through the gateway");
        label.addClassName("rw-muted");
        request.addClassName("rw-muted");
        request.setId("run-request");
        progress.setIndeterminate(true);
        outcome.addClassName("rw-facts");
        outcome.setId("run-outcome");
        error.addClassName("rw-call-error");
        error.setId("run-error");
        answer.addClassName("rw-run-answer");
        answer.setId("run-answer");
        toolCalls.setId("run-tool-calls");
        toolCalls.addClassName("rw-bench-list");
        notes.addClassName("rw-bench-list");
        notes.addClassName("rw-muted");
        notes.setId("run-notes");
        recording.addClassName("rw-muted");
        recording.setId("run-recording");
        reportedAttempts.addClassName("rw-bench-list");
        // the answer first; below it the route as the gateway answered it, replaced by its record once written
        add(label, request, progress, answer, toolCalls, error, notes, outcome, recording, reportedAttempts, details);
        setVisible(false);
    }

    /**
     * Sends {@code body} through the gateway; {@code notes} say what of the bench's input the request does not carry.
     * {@code done} runs on the UI thread when the answer is shown or the call failed.
     */
    public void run(ObjectNode body, List<String> notes, Runnable done) {
        int run = ++runs;
        UI ui = UI.getCurrent();
        int messages = body.path("messages").size();
        request.setText("POST /v1/chat/completions · model " + body.path("model").asString() + " · " + messages
                + (messages == 1 ? " message" : " messages") + " · as " + caller);
        this.notes.removeAll();
        notes.forEach(n -> this.notes.add(new ListItem(n)));
        this.notes.setVisible(!notes.isEmpty());
        outcome.removeAll();
        outcome.setVisible(true);
        error.setVisible(false);
        answer.setVisible(false);
        toolCalls.setVisible(false);
        recording.setVisible(false);
        reportedAttempts.setVisible(false);
        details.show(null);
        progress.setVisible(true);
        setVisible(true);

        ChatGateway.Caller who = new ChatGateway.Caller(caller, null);
        UiTasks.supply(ui, () -> complete(body, who), result -> {
            if (run != runs) {
                return;
            }
            progress.setVisible(false);
            show(result);
            done.run();
            recordOf(ui, run, result);
        }, failure -> {
            if (run != runs) {
                return;
            }
            progress.setVisible(false);
            failed(failure);
            done.run();
        });
    }

    private ChatGateway.Result complete(ObjectNode body, ChatGateway.Caller who) {
        try {
            return gateway.complete(body, who);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The run was interrupted", e);
        }
    }

    private void show(ChatGateway.Result r) {
        outcome.add(CallFormats.badge(r.status() + (r.status() == 200 ? " answered" : " failed"),
                r.status() == 200 ? "badge success" : "badge error"));
        outcome.add(CallFormats.fact(r.model() == null ? "no model" : r.model(), "answered by", "rw-run-model"));
        outcome.add(CallFormats.fact(CallFormats.fallbacks(r.fallbacks()), "fallbacks", "rw-run-fallbacks"));
        if (r.budget() != null) {
            outcome.add(CallFormats.fact(r.budget(), "budget", "rw-run-budget"));
        }
        JsonNode body = r.body();
        if (r.status() == 200) {
            JsonNode message = body.path("choices").path(0).path("message");
            String text = text(message.path("content"));
            answer.setText(text.isEmpty() ? "(no text)" : text);
            answer.setVisible(true);
            toolCalls.removeAll();
            for (JsonNode call : message.path("tool_calls")) {
                JsonNode function = call.path("function");
                toolCalls.add(new ListItem("tool call " + function.path("name").asString("?") + "("
                        + function.path("arguments").asString("") + ")"));
            }
            toolCalls.setVisible(toolCalls.getComponentCount() > 0);
        } else {
            JsonNode e = body == null ? null : body.path("error");
            String message = e == null ? "" : e.path("message").asString("");
            String code = e == null ? "" : e.path("code").asString("");
            showError((code.isEmpty() ? "" : code + ": ") + (message.isEmpty() ? "the gateway gave no reason"
                    : message));
        }
        reportedAttempts.removeAll();
        r.attempts().forEach(a -> reportedAttempts.add(new ListItem(a)));
        reportedAttempts.setVisible(!r.attempts().isEmpty());
        recording.setText("Reading the gateway's record of the call…");
        recording.setVisible(r.decisionId() != null);
    }

    /** Fills in attempts, latency and cost from the gateway's record, written off the request thread. */
    private void recordOf(UI ui, int run, ChatGateway.Result r) {
        if (r.decisionId() == null) {
            return;
        }
        UiTasks.supply(ui, () -> awaitRecord(r.decisionId()), call -> {
            if (run != runs) {
                return;
            }
            if (call.isEmpty()) {
                recording.setText("The gateway has not recorded this call yet: the Gateway view lists it, "
                        + "decision " + r.decisionId() + ", once it has.");
                return;
            }
            recording.setVisible(false);
            reportedAttempts.setVisible(false);
            outcome.setVisible(false);
            details.show(call.get());
        }, failure -> {
            if (run == runs) {
                log.error("Reading the gateway's record of {} failed", r.decisionId(), failure);
                recording.setText("The call's record could not be read; the error has been logged.");
            }
        });
    }

    private Optional<GatewayCall> awaitRecord(String decisionId) {
        long deadline = System.nanoTime() + RECORD_WAIT.toNanos();
        while (true) {
            Optional<GatewayCall> call = calls.find(decisionId);
            if (call.isPresent() || System.nanoTime() - deadline > 0) {
                return call;
            }
            try {
                Thread.sleep(RECORD_POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private void failed(Throwable failure) {
        outcome.add(CallFormats.badge("not sent", "badge error"));
        switch (failure) {
            case InvalidInputException invalid -> showError(invalid.getMessage());
            case RuleDeniedException denied -> showError("Denied by rule '" + denied.rule() + "': "
                    + denied.denial());
            case AccessDeniedException denied -> showError("Your role does not allow this.");
            default -> {
                log.error("A test bench run through the gateway failed", failure);
                showError("The gateway failed before it could answer; the error has been logged.");
            }
        }
    }

    private void showError(String message) {
        error.setText(message);
        error.setVisible(true);
    }

    /** OpenAI's content: a string, or parts of which the text ones are joined. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.asString();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.path("text").isString()) {
                parts.add(part.path("text").asString());
            }
        }
        return String.join("\n", parts);
    }
}
