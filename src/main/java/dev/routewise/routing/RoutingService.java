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
import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Service;

import java.time.Clock;
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
    private final RoutingEngine engine = new RoutingEngine();
    private final QualityTable quality = QualityTable.loadDefault();
    private final Clock clock;

    RoutingService(ClassifierService classifier, RoutableModels models, DecisionLog decisions,
                   RoutingProperties properties, RouterConfigService config, ModelHistory history,
                   Clock clock) {
        this.classifier = classifier;
        this.models = models;
        this.decisions = decisions;
        this.properties = properties;
        this.config = config;
        this.history = history;
        this.clock = clock;
    }

    /** A request to route: what to classify, under which profile and constraints, for whom. */
    public record Command(ClassifyInput input, String profile, RouteConstraints constraints, boolean needsTools,
                          boolean needsStructuredOutput, String caller) {
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
        RouteRequest request = RouteRequest.from(classification, command.needsTools(),
                command.needsStructuredOutput(), command.constraints());
        RouteDecision decision = engine.route(request, profile, models.current(), quality,
                settings.overridesOf(profile.name()), history.scores());
        long micros = (System.nanoTime() - start) / 1_000;
        String id = UUID.randomUUID().toString();
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

    private DecisionLog.Entry entry(String id, Classification c, RouteDecision d, long micros, String caller) {
        return new DecisionLog.Entry(id, clock.millis(), d.profile(), c.task().id(), c.complexity().id(),
                c.confidence(), c.tier().id(), d.routed() ? d.chosen().model().id() : null, d.rule(),
                d.estimatedCostUsd() == null ? null : d.estimatedCostUsd().toPlainString(), micros, caller, d);
    }
}
