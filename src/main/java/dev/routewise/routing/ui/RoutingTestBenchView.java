package dev.routewise.routing.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.KeyModifier;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.OrderedList;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.NumberField;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import dev.routewise.base.InvalidInputException;
import dev.routewise.base.ui.FieldErrors;
import dev.routewise.base.ui.Notifications;
import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.ClassifyInputs;
import dev.routewise.classify.engine.ChatMessage;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.Modality;
import dev.routewise.gateway.ChatGateway;
import dev.routewise.gateway.GatewayCallService;
import dev.routewise.gateway.ui.GatewayRunPanel;
import dev.routewise.routing.RoutingService;
import dev.routewise.routing.RuleDeniedException;
import dev.routewise.routing.WhyNot;
import dev.routewise.routing.engine.ExclusionRule;
import dev.routewise.routing.engine.Factors;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.ScoredCandidate;
import jakarta.annotation.security.PermitAll;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Routing test bench: routes a prompt under a profile and constraints exactly as POST /api/v1/route would, and
 * shows the choice, the classification, every candidate with its factors or exclusion, and why another model lost.
 * Run sends the prompt through the gateway, as POST /v1/chat/completions would, so a person sees the answer, the
 * fallbacks and what it cost before pointing a client at the router. Every signed-in role may use it; Route changes
 * nothing (the decision is logged like any other), Run calls a provider and is recorded like any gateway call.
 */
@Route("test-bench")
@PageTitle("Routing test bench")
@Menu(order = 400, icon = "vaadin:flask", title = "Routing test bench")
@PermitAll
public class RoutingTestBenchView extends VerticalLayout {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .build();

    private final RoutingService routing;
    private final ClassifierService classifier;
    private final String caller;

    final TextArea prompt = new TextArea("Prompt");
    final Select<String> profile = new Select<>();
    final Checkbox image = new Checkbox("Attach an image");
    final com.vaadin.flow.component.radiobutton.RadioButtonGroup<String> mode =
            new com.vaadin.flow.component.radiobutton.RadioButtonGroup<>();
    static final String PROMPT_MODE = "Prompt";
    static final String CHAT_MODE = "Chat (OpenAI messages JSON)";
    final BigDecimalField maxCost = new BigDecimalField("Max cost");
    final NumberField minQuality = new NumberField("Min quality");
    final IntegerField maxLatency = new IntegerField("Max latency");
    final TextField allowed = new TextField("Allowed models");
    final TextField excluded = new TextField("Excluded models");
    final Checkbox tools = new Checkbox("Needs tools");
    final Checkbox json = new Checkbox("Needs JSON output");
    final Button route = new Button("Route", e -> route());
    final Button run = new Button("Run", e -> runThroughGateway());

    private final Div summary = new Div();
    private final Grid<ScoredCandidate> candidates = new Grid<>();
    private final ComboBox<String> whyNot = new ComboBox<>("Why not model…?");
    private final Paragraph whyNotAnswer = new Paragraph();
    private final VerticalLayout output = new VerticalLayout();
    private final GatewayRunPanel runPanel;
    private RouteDecision decision;

    public RoutingTestBenchView(RoutingService routing, ClassifierService classifier, ChatGateway gateway,
                                GatewayCallService calls, AuthenticationContext authentication) {
        this.routing = routing;
        this.classifier = classifier;
        this.caller = authentication.getPrincipalName().orElse("console");
        this.runPanel = new GatewayRunPanel(gateway, calls, caller);
        addClassName("rw-page");
        setWidthFull();
        add(form(), runPanel, output);
        output.add(summary, candidatesSection());
        output.setPadding(false);
        output.setWidthFull();
        output.setVisible(false);
    }

    // ------------------------------------------------------------------ input

    private Div form() {
        prompt.setWidthFull();
        prompt.setMinHeight("4.5rem");
        prompt.setMaxHeight("10rem");
        prompt.setPlaceholder("e.g. \"Write a Python function that parses ISO-8601 durations, with tests\"");
        prompt.setId("bench-prompt");
        mode.setItems(PROMPT_MODE, CHAT_MODE);
        mode.setValue(PROMPT_MODE);
        mode.setId("bench-mode");
        mode.addValueChangeListener(e -> {
            boolean chat = CHAT_MODE.equals(e.getValue());
            prompt.setLabel(chat ? "Messages" : "Prompt");
            prompt.setPlaceholder(chat ? "[{\"role\": \"system\", \"content\": \"You review code.\"},\n"
                    + " {\"role\": \"user\", \"content\": \"Is this SQL injectable? ...\"}]"
                    : "e.g. \"Write a Python function that parses ISO-8601 durations, with tests\"");
            prompt.setMaxHeight(chat ? "20rem" : "10rem");
        });

        profile.setLabel("Profile");
        profile.setItems(routing.profiles().stream().map(Profile::name).toList());
        profile.setValue(routing.defaultProfile());
        profile.setHelperText(description(routing.defaultProfile()));
        profile.addValueChangeListener(e -> profile.setHelperText(description(e.getValue())));
        profile.setWidth("10rem");

        maxCost.setWidth("7rem");
        maxCost.setPlaceholder("USD");
        minQuality.setMin(0);
        minQuality.setMax(100);
        minQuality.setWidth("7rem");
        minQuality.setPlaceholder("0-100");
        maxLatency.setMin(1);
        maxLatency.setWidth("7rem");
        maxLatency.setPlaceholder("ms");
        allowed.setPlaceholder("e.g. openai/*, */claude-*");
        allowed.setHelperText("comma-separated globs");
        allowed.setWidth("12rem");
        excluded.setPlaceholder("e.g. */gpt-4");
        excluded.setHelperText("comma-separated globs");
        excluded.setWidth("11rem");

        HorizontalLayout fields = new HorizontalLayout(profile, maxCost, minQuality, maxLatency, allowed, excluded);
        fields.setWrap(true);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        fields.addClassName("rw-bench-fields");

        route.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        route.addClickShortcut(Key.ENTER, KeyModifier.CONTROL);
        Span hint = new Span("Ctrl+Enter");
        hint.addClassName("rw-muted");
        HorizontalLayout actions = new HorizontalLayout(image, tools, json, route, hint, run);
        actions.setAlignItems(FlexComponent.Alignment.CENTER);
        actions.addClassName("rw-bench-actions");

        Div card = new Div(mode, prompt, fields, actions);
        card.addClassNames("rw-card", "rw-bench-card");
        return card;
    }

    private String description(String name) {
        return routing.profiles().stream().filter(p -> p.name().equals(name)).map(Profile::description).findFirst()
                .orElse("");
    }

    private Map<String, HasValidation> fields() {
        Map<String, HasValidation> map = new LinkedHashMap<>();
        map.put("prompt", prompt);
        map.put("profile", profile);
        map.put("maxCostUsd", maxCost);
        map.put("minQuality", minQuality);
        map.put("maxLatencyMs", maxLatency);
        map.put("allowedModels", allowed);
        map.put("excludedModels", excluded);
        return map;
    }

    /** Clears the marks; false (with the field marked) when there is nothing to send. */
    private boolean hasPrompt(String action) {
        FieldErrors.clear(fields());
        if (prompt.getValue().isBlank()) {
            FieldErrors.show(new InvalidInputException("prompt", CHAT_MODE.equals(mode.getValue())
                    ? "Paste the conversation as a JSON array of messages" : "Type a prompt to " + action), fields());
            return false;
        }
        return true;
    }

    private void route() {
        if (!hasPrompt("route")) {
            return;
        }
        if (FieldErrors.markIfUnparsable(maxCost, "Enter an amount in USD, e.g. 0.01")
                | FieldErrors.markIfUnparsable(minQuality, "Enter a number from 0 to 100")
                | FieldErrors.markIfUnparsable(maxLatency, "Enter a whole number of milliseconds above 0")) {
            return;
        }
        try {
            RoutingService.Routed routed = routing.explain(new RoutingService.Command(input(), profile.getValue(),
                    constraints(), tools.getValue(), json.getValue(), caller));
            show(routed);
        } catch (InvalidInputException e) {
            FieldErrors.show(e, fields());
        } catch (RuleDeniedException e) {
            output.setVisible(false);
            Notifications.error("Denied by rule '" + e.rule() + "': " + e.denial());
        }
    }

    /**
     * Sends the prompt (or the chat) through the gateway as an OpenAI request of the signed-in user: the profile
     * becomes the model ({@code auto} for the active one), "Needs JSON output" becomes {@code response_format}. What
     * an OpenAI request cannot carry is named in the result instead of silently dropped.
     */
    private void runThroughGateway() {
        if (!hasPrompt("run")) {
            return;
        }
        ArrayNode messages;
        if (CHAT_MODE.equals(mode.getValue())) {
            try {
                messages = chatMessages();
            } catch (InvalidInputException e) {
                FieldErrors.show(e, fields());
                return;
            }
            if (messages.isEmpty()) {
                FieldErrors.show(new InvalidInputException("prompt", "Give at least one message"), fields());
                return;
            }
        } else {
            messages = JSON.createArrayNode();
            messages.addObject().put("role", "user").put("content", prompt.getValue());
        }
        ObjectNode body = JSON.createObjectNode();
        String chosen = profile.getValue();
        body.put("model", chosen == null || chosen.equals(routing.defaultProfile()) ? "auto" : "router/" + chosen);
        body.set("messages", messages);
        if (json.getValue()) {
            body.putObject("response_format").put("type", "json_object");
        }
        run.setEnabled(false);
        runPanel.run(body, notSent(), () -> run.setEnabled(true));
    }

    /** The bench's settings that shape Route but that an OpenAI request does not carry. */
    private List<String> notSent() {
        List<String> notes = new ArrayList<>();
        List<String> set = new ArrayList<>();
        if (maxCost.getValue() != null) {
            set.add("max cost");
        }
        if (minQuality.getValue() != null) {
            set.add("min quality");
        }
        if (maxLatency.getValue() != null) {
            set.add("max latency");
        }
        if (!globs(allowed.getValue()).isEmpty()) {
            set.add("allowed models");
        }
        if (!globs(excluded.getValue()).isEmpty()) {
            set.add("excluded models");
        }
        if (!set.isEmpty()) {
            notes.add("Not applied: " + String.join(", ", set) + ". An OpenAI request carries no routing "
                    + "constraints; a profile's pool limits the models instead.");
        }
        if (image.getValue()) {
            notes.add("Not sent: \"Attach an image\" only tells Route that a request would carry one.");
        }
        if (tools.getValue()) {
            notes.add("Not sent: \"Needs tools\" only tells Route that a request would define tools.");
        }
        return notes;
    }

    private ClassifyInput input() {
        if (CHAT_MODE.equals(mode.getValue())) {
            List<JsonNode> messages = new java.util.ArrayList<>();
            chatMessages().forEach(messages::add);
            ClassifyInput chat = ClassifyInputs.from(null, messages, null, null, classifier.maxPromptChars());
            if (!image.getValue()) {
                return chat;
            }
            // the image joins the last user turn, the one that is classified
            List<ChatMessage> withImage = new java.util.ArrayList<>(chat.messages());
            for (int i = withImage.size() - 1; i >= 0; i--) {
                ChatMessage m = withImage.get(i);
                if (m.role().equals("user")) {
                    List<ChatMessage.Part> parts = new java.util.ArrayList<>(m.parts());
                    parts.add(new ChatMessage.Part(Modality.IMAGE, ""));
                    withImage.set(i, new ChatMessage(m.role(), parts));
                    break;
                }
            }
            return new ClassifyInput(withImage, chat.context());
        }
        ClassifyInput text = ClassifyInputs.from(prompt.getValue(), null, null, null, classifier.maxPromptChars());
        if (!image.getValue()) {
            return text;
        }
        // the image's content does not matter to routing, only that the request carries one
        return new ClassifyInput(List.of(new ChatMessage("user", List.of(ChatMessage.Part.text(prompt.getValue()),
                new ChatMessage.Part(Modality.IMAGE, "")))), text.context());
    }

    /** The chat mode's JSON array of OpenAI messages. */
    private ArrayNode chatMessages() {
        try {
            JsonNode parsed = JSON.readTree(prompt.getValue());
            if (!(parsed instanceof ArrayNode messages)) {
                throw new InvalidInputException("prompt", "Give a JSON array of messages, "
                        + "[{\"role\": \"user\", \"content\": \"...\"}]");
            }
            return messages;
        } catch (JacksonException e) {
            throw new InvalidInputException("prompt", "Not valid JSON: " + e.getOriginalMessage());
        }
    }

    private RouteConstraints constraints() {
        RouteConstraints c = RouteConstraints.NONE;
        c = apply("maxCostUsd", c, maxCost.getValue(), RouteConstraints::withMaxCostUsd);
        c = apply("minQuality", c, minQuality.getValue(), RouteConstraints::withMinQuality);
        c = apply("maxLatencyMs", c, maxLatency.getValue(), RouteConstraints::withMaxLatencyMs);
        c = apply("allowedModels", c, globs(allowed.getValue()), RouteConstraints::withAllowedModels);
        return apply("excludedModels", c, globs(excluded.getValue()), RouteConstraints::withExcludedModels);
    }

    private static <T> RouteConstraints apply(String field, RouteConstraints c, T value,
                                              java.util.function.BiFunction<RouteConstraints, T, RouteConstraints> with) {
        try {
            return with.apply(c, value);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    private static List<String> globs(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    // ------------------------------------------------------------------ output

    private void show(RoutingService.Routed routed) {
        decision = routed.decision();
        Classification c = routed.classification();
        summary.removeAll();
        summary.addClassName("rw-bench-summary");

        Div choice = decision.routed() ? chosen(routed) : noModel();
        Div classification = classification(c);
        HorizontalLayout top = new HorizontalLayout(choice, classification);
        top.setWidthFull();
        top.setAlignItems(FlexComponent.Alignment.STRETCH);
        top.addClassName("rw-bench-top");
        summary.add(top);

        candidates.setItems(decision.candidates());
        // a big catalog scrolls inside the grid instead of pushing the why-not box off the page
        if (decision.candidates().size() <= 12) {
            candidates.setAllRowsVisible(true);
        } else {
            candidates.setAllRowsVisible(false);
            candidates.setHeight("26rem");
        }
        List<String> others = decision.candidates().stream().map(ScoredCandidate::id)
                .filter(id -> !decision.routed() || !id.equals(decision.chosen().id())).toList();
        whyNot.setItems(others);
        whyNot.clear();
        whyNotAnswer.setText("");
        output.setVisible(true);
    }

    private Div chosen(RoutingService.Routed routed) {
        ScoredCandidate chosen = decision.chosen();
        H3 id = new H3(chosen.id());
        id.setId("bench-chosen");
        id.addClassName("rw-bench-model");
        Span label = new Span("Chosen model");
        label.addClassName("rw-muted");
        HorizontalLayout facts = new HorizontalLayout(tierBadge(chosen), fact(cost(decision.estimatedCostUsd()),
                "estimated cost"), fact(String.format(Locale.ROOT, "%.2f", chosen.score()), "score"),
                fact(routed.latencyMicros() + " µs", "decision time"));
        facts.setAlignItems(FlexComponent.Alignment.CENTER);
        facts.addClassName("rw-bench-facts");
        if ("override".equals(decision.rule())) {
            facts.add(badge("per-task override", "badge warning"));
        }

        Div card = new Div(label, id, facts, new H4("Reasons"), list(decision.reasons(), "bench-reasons"));
        if (!decision.fallbackChain().isEmpty()) {
            OrderedList chain = new OrderedList();
            chain.setId("bench-fallbacks");
            chain.addClassName("rw-bench-chain");
            decision.fallbackChain().forEach(f -> chain.add(new ListItem(f)));
            card.add(new H4("Fallback chain"), chain);
        }
        card.addClassNames("rw-card", "rw-bench-choice");
        return card;
    }

    private Div noModel() {
        H3 title = new H3("No model fits this request");
        title.setId("bench-no-model");
        title.addClassName("rw-warning");
        // models excluded for two reasons under one constraint count once for it
        Map<String, Set<String>> byConstraint = new LinkedHashMap<>();
        for (Map.Entry<ExclusionRule, List<String>> e : decision.excludedByRule().entrySet()) {
            byConstraint.computeIfAbsent(e.getKey().constraint(), k -> new LinkedHashSet<>()).addAll(e.getValue());
        }
        UnorderedList counts = new UnorderedList();
        counts.setId("bench-excluded-by");
        counts.addClassName("rw-bench-list");
        byConstraint.forEach((constraint, models) -> {
            Span name = new Span(constraint);
            name.addClassName("rw-strong");
            counts.add(new ListItem(name, new Span(" excluded " + models.size()
                    + (models.size() == 1 ? " model" : " models"))));
        });
        Div card = new Div(title, new H4("Reasons"), list(decision.reasons(), "bench-reasons"),
                new H4("Excluded by constraint"), counts);
        card.addClassNames("rw-card", "rw-bench-choice");
        return card;
    }

    private Div classification(Classification c) {
        Span task = new Span(c.task().id());
        task.getElement().getThemeList().add("badge primary");
        task.setId("bench-task");
        Span confidence = new Span(String.format(Locale.ROOT, "confidence %.0f%%", 100 * c.confidence()));
        Span tier = badge("tier: " + c.tier().id(), "badge contrast");
        Span complexity = badge("complexity: " + c.complexity().id(), "badge");
        HorizontalLayout head = new HorizontalLayout(task, confidence, tier, complexity);
        head.setAlignItems(FlexComponent.Alignment.CENTER);
        head.getStyle().set("flex-wrap", "wrap");

        Paragraph sizes = new Paragraph(String.format(Locale.ROOT, "About %d tokens in, %d out · needs %s · "
                        + "profile %s", c.estimatedInputTokens(), c.estimatedOutputTokens(),
                c.requiredModalities().stream().map(Modality::id).collect(Collectors.joining(", ")),
                decision.profile()));
        sizes.addClassName("rw-muted");

        Div signals = new Div();
        signals.setId("bench-signals");
        c.signals().toMap().forEach((k, v) -> {
            Span chip = new Span(v instanceof Boolean ? k
                    : k + ": " + (v instanceof List<?> list ? list.stream().map(String::valueOf)
                    .collect(Collectors.joining(", ")) : v));
            chip.getElement().getThemeList().add("badge small");
            chip.addClassName("rw-bench-chip");
            signals.add(chip);
        });
        if (signals.getChildren().findAny().isEmpty()) {
            Span none = new Span("no signals");
            none.addClassName("rw-muted");
            signals.add(none);
        }
        Span label = new Span("Classification");
        label.addClassName("rw-muted");
        Div card = new Div(label, head, sizes, new H4("Signals"), signals);
        card.addClassNames("rw-card", "rw-bench-classification");
        return card;
    }

    private VerticalLayout candidatesSection() {
        // the exclusion reason sits under the model id: excluded rows have no factors, so a separate column
        // would leave the bars' width empty on half the rows and squeeze the ids
        candidates.addComponentColumn(RoutingTestBenchView::modelCell).setHeader("Model / excluded because")
                .setFlexGrow(1).setResizable(true);
        candidates.addComponentColumn(s -> s.eligible() ? badge("eligible", "badge success small")
                : badge("excluded", "badge error small")).setHeader("Eligible").setAutoWidth(true).setFlexGrow(0);
        candidates.addColumn(s -> s.eligible() ? String.format(Locale.ROOT, "%.3f", s.score()) : "")
                .setHeader("Score").setAutoWidth(true).setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        factor("Capability", Factors::capability);
        factor("Cost", Factors::cost);
        factor("Quality", Factors::quality);
        factor("Latency", Factors::latency);
        factor("Historical", Factors::historical);
        candidates.addColumn(s -> cost(s.estimatedCostUsd())).setHeader("Est. cost").setAutoWidth(true)
                .setFlexGrow(0).setTextAlign(ColumnTextAlign.END);
        candidates.addThemeVariants(GridVariant.LUMO_COMPACT, GridVariant.LUMO_ROW_STRIPES,
                GridVariant.LUMO_WRAP_CELL_CONTENT);
        candidates.addClassName("rw-bench-candidates");
        candidates.setWidthFull();

        whyNot.setWidth("24rem");
        whyNot.setPlaceholder("pick a candidate");
        whyNot.setId("bench-why-not");
        whyNot.addValueChangeListener(e -> whyNotAnswer.setText(e.getValue() == null || decision == null ? ""
                : WhyNot.explain(decision, e.getValue())));
        whyNotAnswer.setId("bench-why-not-answer");
        whyNotAnswer.addClassName("rw-bench-why");
        HorizontalLayout why = new HorizontalLayout(whyNot, whyNotAnswer);
        why.setAlignItems(FlexComponent.Alignment.BASELINE);
        why.setWidthFull();

        VerticalLayout section = new VerticalLayout(new H4("Candidates"), candidates, why);
        section.setPadding(false);
        section.setSpacing(false);
        section.setWidthFull();
        return section;
    }

    private void factor(String name, ToDoubleFunction<Factors> value) {
        candidates.addComponentColumn(s -> s.factors() == null ? new Span() : bar(value.applyAsDouble(s.factors())))
                .setHeader(name).setWidth("5.75rem").setFlexGrow(0);
    }

    private static Component modelCell(ScoredCandidate s) {
        Span id = new Span(s.id());
        id.addClassName("rw-bench-cell-id");
        Div cell = new Div(id);
        if (!s.eligible()) {
            Span why = new Span(s.excludedBecause());
            why.addClassName("rw-bench-cell-why");
            cell.add(why);
        }
        return cell;
    }

    /** A small horizontal bar with its value, lighter than a progress bar in every cell. */
    private static Component bar(double v) {
        Div fill = new Div();
        fill.addClassName("rw-bench-bar-fill");
        fill.setWidth(Math.round(v * 100) + "%");
        Div track = new Div(fill);
        track.addClassName("rw-bench-bar");
        Span number = new Span(String.format(Locale.ROOT, "%.2f", v));
        number.addClassName("rw-bench-bar-value");
        Div cell = new Div(track, number);
        cell.addClassName("rw-bench-factor");
        return cell;
    }

    private static Span tierBadge(ScoredCandidate s) {
        if (s.model().costTier() == null) {
            return badge("tier unknown", "badge contrast");
        }
        return badge(s.model().costTier().key() + " tier", switch (s.model().costTier()) {
            case LOW -> "badge success";
            case MEDIUM -> "badge";
            case HIGH -> "badge error";
        });
    }

    private static Span fact(String value, String label) {
        Span v = new Span(value);
        v.addClassName("rw-strong");
        Span l = new Span(label);
        l.addClassName("rw-muted");
        Span fact = new Span(v, l);
        fact.addClassName("rw-bench-fact");
        return fact;
    }

    private static Span badge(String text, String theme) {
        Span s = new Span(text);
        s.getElement().getThemeList().addAll(Arrays.asList(theme.split(" ")));
        return s;
    }

    private static UnorderedList list(List<String> items, String id) {
        UnorderedList list = new UnorderedList();
        list.setId(id);
        list.addClassName("rw-bench-list");
        new ArrayList<>(items).forEach(r -> list.add(new ListItem(r)));
        return list;
    }

    private static String cost(BigDecimal usd) {
        return usd == null ? "unpriced" : "$" + usd.toPlainString();
    }
}
