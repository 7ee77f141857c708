package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
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
    private final RoutingEngine engine = new RoutingEngine();
    private final QualityTable quality = QualityTable.loadDefault();
    private final Clock clock;

    RoutingService(ClassifierService classifier, RoutableModels models, DecisionLog decisions,
                   RoutingProperties properties, Clock clock) {
        this.classifier = classifier;
        this.models = models;
        this.decisions = decisions;
        this.properties = properties;
        this.clock = clock;
        profile(properties.defaultProfile());
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
        Profile profile = profile(command.profile() == null || command.profile().isBlank()
                ? properties.defaultProfile() : command.profile());
        Classification classification = classifier.classify(command.input());
        RouteRequest request = RouteRequest.from(classification, command.needsTools(),
                command.needsStructuredOutput(), command.constraints());
        RouteDecision decision = engine.route(request, profile, models.current(), quality, Map.of());
        long micros = (System.nanoTime() - start) / 1_000;
        String id = UUID.randomUUID().toString();
        decisions.offer(entry(id, classification, decision, micros, command.caller()));
        return new Routed(id, classification, decision, micros);
    }

    /** The built-in profiles, in order. */
    public List<Profile> profiles() {
        return Profile.BUILT_IN;
    }

    public String defaultProfile() {
        return properties.defaultProfile();
    }

    /** How many decisions could not be logged because the writer's queue was full. */
    public long droppedDecisions() {
        return decisions.droppedCount();
    }

    private static Profile profile(String name) {
        return Profile.builtIn(name.trim().toLowerCase(java.util.Locale.ROOT)).orElseThrow(() ->
                new InvalidInputException("profile", "Unknown profile '" + name + "': use eco, balanced or premium"));
    }

    private DecisionLog.Entry entry(String id, Classification c, RouteDecision d, long micros, String caller) {
        return new DecisionLog.Entry(id, clock.millis(), d.profile(), c.task().id(), c.complexity().id(),
                c.confidence(), c.tier().id(), d.routed() ? d.chosen().model().id() : null, d.rule(),
                d.estimatedCostUsd() == null ? null : d.estimatedCostUsd().toPlainString(), micros, caller, d);
    }
}
