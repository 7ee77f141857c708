package dev.routewise.routing;

import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.QualityTable;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.RouteRequest;
import dev.routewise.routing.engine.RoutingEngine;
import dev.routewise.routing.rules.Action;
import dev.routewise.routing.rules.RuleOutcome;
import dev.routewise.routing.rules.RuleSet;
import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Routes one request: classifies it (unless the caller named the task), asks the engine to choose
 * among the routable models under the profile and constraints, and logs the decision without
 * waiting for the database.
 */
@Service
public class RoutingService {

    private final ClassifierService classifier;
    private final RoutableModels models;
    private final DecisionLog decisions;
    private final RoutingProperties properties;
    private final RouterConfigService config;
    private final ModelHistory history;
    private final RuleService rules;
    private final RoutingEngine engine = new RoutingEngine();
    private final QualityTable quality = QualityTable.loadDefault();
    private final Clock clock;

    RoutingService(ClassifierService classifier, RoutableModels models, DecisionLog decisions,
                   RoutingProperties properties, RouterConfigService config, ModelHistory history,
                   Clock clock, RuleService rules) {
        this.classifier = classifier;
        this.models = models;
        this.decisions = decisions;
        this.properties = properties;
        this.config = config;
        this.history = history;
        this.clock = clock;
        this.rules = rules;
    }

    /** A request to route: what to classify, under which profile and constraints, for whom. */
    public record Command(ClassifyInput input, String profile, RouteConstraints constraints, boolean needsTools,
                          boolean needsStructuredOutput, String caller, RequestContext context) {

        public Command {
            context = context == null ? RequestContext.NONE : context;
        }

        public Command(ClassifyInput input, String profile, RouteConstraints constraints, boolean needsTools,
                       boolean needsStructuredOutput, String caller) {
            this(input, profile, constraints, needsTools, needsStructuredOutput, caller, RequestContext.NONE);
        }
    }

    /** Who and what a request is for, as routing rules see it ({@code context} of /api/v1/route); all optional. */
    public record RequestContext(Integer priority, List<String> labels, String user, String team, String space,
                                 String sessionId) {

        public static final RequestContext NONE = new RequestContext(null, List.of(), null, null, null, null);

        public RequestContext {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /** A decision with its id, the classification it used and how long it took. */
    public record Routed(String decisionId, Classification classification, RouteDecision decision,
                         long latencyMicros) {
    }

    @PermitAll
    public Routed route(Command command) {
        long start = System.nanoTime();
        RouterConfig settings = config.current();
        Profile profile = RouterConfigService.profile(command.profile() == null || command.profile().isBlank()
                ? settings.activeProfile() : command.profile());
        Classification classification = classifier.classify(command.input());
        String id = UUID.randomUUID().toString();
        RuleSet ruleSet = rules.snapshot();
        RuleOutcome outcome = ruleSet.isEmpty() ? RuleOutcome.NONE
                : ruleSet.evaluate(rules.input(classification, command.context(), profile.name(), id));
        if (outcome.is(Action.Type.DENY)) {
            throw denied(id, classification, profile, outcome, start, command.caller());
        }
        if (outcome.is(Action.Type.USE_PROFILE)) {
            profile = RouterConfigService.profile(outcome.decisive().action().value());
        }
        RouteRequest request = RouteRequest.from(classification, command.needsTools(),
                command.needsStructuredOutput(), withRuleModels(command.constraints(), outcome));
        Map<TaskLabel, String> overrides = outcome.is(Action.Type.USE_MODEL)
                ? Map.of(classification.task(), outcome.decisive().action().value())
                : settings.overridesOf(profile.name());
        RouteDecision decision = engine.route(request, profile, models.current(), quality, overrides,
                history.scores());
        if (outcome.matchedAny()) {
            decision = explainedByRules(decision, outcome);
        }
        long micros = (System.nanoTime() - start) / 1_000;
        decisions.offer(entry(id, classification, decision, micros, command.caller()));
        return new Routed(id, classification, decision, micros);
    }

    /** The built-in profiles, in order. */
    public List<Profile> profiles() {
        return Profile.BUILT_IN;
    }

    /** The profile of requests that name none: the active one. */
    public String defaultProfile() {
        return config.current().activeProfile();
    }

    /**
     * What each task would get under {@code profile} right now: the chosen model and its fallback
     * chain for a typical medium request (1,000 tokens in, 500 out), derived from the catalog.
     */
    @PermitAll
    public Map<TaskLabel, List<String>> taskChains(String profileName) {
        Profile profile = RouterConfigService.profile(profileName);
        Map<TaskLabel, List<String>> chains = new java.util.LinkedHashMap<>();
        for (TaskLabel task : TaskLabel.TASKS) {
            RouteDecision d = engine.route(RouteRequest.of(task, Complexity.MEDIUM, 1000, 500), profile,
                    models.current(), quality, config.current().overridesOf(profile.name()));
            List<String> chain = new java.util.ArrayList<>();
            if (d.routed()) {
                chain.add(d.chosen().model().id());
            }
            chain.addAll(d.fallbackChain());
            chains.put(task, List.copyOf(chain));
        }
        return chains;
    }

    /** How many decisions could not be logged because the writer's queue was full. */
    public long droppedDecisions() {
        return decisions.droppedCount();
    }

    /** add_models and exclude_models of matching rules join the request's own allowed and excluded models. */
    private static RouteConstraints withRuleModels(RouteConstraints c, RuleOutcome outcome) {
        RouteConstraints merged = c == null ? RouteConstraints.NONE : c;
        if (!outcome.allowedModels().isEmpty()) {
            merged = merged.withAllowedModels(plus(merged.allowedModels(), outcome.allowedModels()));
        }
        if (!outcome.excludedModels().isEmpty()) {
            merged = merged.withExcludedModels(plus(merged.excludedModels(), outcome.excludedModels()));
        }
        return merged;
    }

    private static List<String> plus(List<dev.routewise.routing.engine.ModelPattern> patterns, List<String> globs) {
        List<String> all = new ArrayList<>(patterns.size() + globs.size());
        patterns.forEach(p -> all.add(p.glob()));
        all.addAll(globs);
        return all;
    }

    /** The engine's decision, named after the rules that shaped it and with their reasons first. */
    private static RouteDecision explainedByRules(RouteDecision d, RuleOutcome outcome) {
        List<String> reasons = new ArrayList<>(outcome.reasons());
        reasons.addAll(d.reasons());
        return new RouteDecision(d.profile(), d.task(), d.complexity(), d.chosen(), d.candidates(), d.fallbackChain(),
                d.estimatedCostUsd(), outcome.label(), reasons);
    }

    /** Logs the refused request like any decision (no model) and returns the exception that answers 403. */
    private RuleDeniedException denied(String id, Classification c, Profile profile, RuleOutcome outcome, long start,
                                       String caller) {
        String rule = outcome.decisive().name();
        String message = outcome.decisive().action().value();
        List<String> reasons = new ArrayList<>(outcome.reasons());
        reasons.add("denied by rule '" + rule + "': " + message);
        RouteDecision refused = new RouteDecision(profile.name(), c.task(), c.complexity(), null, List.of(), List.of(),
                null, outcome.label(), reasons);
        decisions.offer(entry(id, c, refused, (System.nanoTime() - start) / 1_000, caller));
        return new RuleDeniedException(id, rule, message);
    }

    private DecisionLog.Entry entry(String id, Classification c, RouteDecision d, long micros, String caller) {
        return new DecisionLog.Entry(id, clock.millis(), d.profile(), c.task().id(), c.complexity().id(),
                c.confidence(), c.tier().id(), d.routed() ? d.chosen().model().id() : null, d.rule(),
                d.estimatedCostUsd() == null ? null : d.estimatedCostUsd().toPlainString(), micros, caller, d);
    }
}
