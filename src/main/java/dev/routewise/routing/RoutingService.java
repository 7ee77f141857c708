package dev.routewise.routing;

import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.QualityTable;
import dev.routewise.routing.engine.RouteCandidate;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.RouteRequest;
import dev.routewise.routing.engine.RoutingEngine;
import dev.routewise.routing.engine.ScoredCandidate;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Routes one request: classifies it (unless the caller named the task), applies the workflow stage it names, asks
 * the engine to choose among the routable models under the profile and constraints, and logs the decision without
 * waiting for the database. Identical requests within a short time reuse the decision.
 */
@Service
public class RoutingService {

    private final ClassifierService classifier;
    private final RoutableModels models;
    private final DecisionLog decisions;
    private final RouterConfigService config;
    private final ModelHistory history;
    private final OutcomeService outcomes;
    private final RoutingEngine engine = new RoutingEngine();
    private final QualityTable quality = QualityTable.loadDefault();
    private final DecisionCache<Command, Cached> cache;
    private final Clock clock;

    RoutingService(ClassifierService classifier, RoutableModels models, DecisionLog decisions,
                   RoutingProperties properties, RouterConfigService config, ModelHistory history,
                   OutcomeService outcomes, Clock clock) {
        this.classifier = classifier;
        this.models = models;
        this.decisions = decisions;
        this.config = config;
        this.history = history;
        this.outcomes = outcomes;
        this.clock = clock;
        this.cache = new DecisionCache<>(properties.cacheTtl().toNanos(), properties.cacheSize());
    }

    /**
     * A request to route: what to classify, under which profile and constraints, for whom, and optionally the
     * workflow stage it belongs to.
     */
    public record Command(ClassifyInput input, String profile, RouteConstraints constraints, boolean needsTools,
                          boolean needsStructuredOutput, String caller, String workflow, String stage) {

        public Command(ClassifyInput input, String profile, RouteConstraints constraints, boolean needsTools,
                       boolean needsStructuredOutput, String caller) {
            this(input, profile, constraints, needsTools, needsStructuredOutput, caller, null, null);
        }
    }

    /** A decision with its id, the classification it used, how long it took and whether it came from the cache. */
    public record Routed(String decisionId, Classification classification, RouteDecision decision,
                         long latencyMicros, boolean cached) {
    }

    private record Cached(Classification classification, RouteDecision decision) {
    }

    /** How the decision cache is doing. */
    public record CacheStats(boolean enabled, int entries, long hits, long misses) {
    }

    /** What {@link #reset()} cleared. */
    public record ResetResult(int cacheEntriesCleared, int learnedStatsCleared) {
    }

    @PermitAll
    public Routed route(Command command) {
        long start = System.nanoTime();
        RouterConfig settings = config.current();
        List<RouteCandidate> snapshot = models.current();
        Map<String, Double> scores = history.scores();
        Cached hit = cache.get(command, start, settings, snapshot, scores);
        boolean cached = hit != null;
        if (!cached) {
            hit = decide(command, settings, snapshot, scores);
            cache.put(command, hit, start, settings, snapshot, scores);
        }
        long micros = (System.nanoTime() - start) / 1_000;
        String id = UUID.randomUUID().toString();
        decisions.offer(entry(id, hit.classification(), hit.decision(), micros, command.caller()));
        return new Routed(id, hit.classification(), hit.decision(), micros, cached);
    }

    private Cached decide(Command command, RouterConfig settings, List<RouteCandidate> snapshot, Map<String, Double> scores) {
        Workflow.Stage stage = stage(command);
        String profileName = command.profile() == null || command.profile().isBlank()
                ? settings.activeProfile() : command.profile();
        if (stage != null && stage.profile() != null) {
            profileName = stage.profile();
        }
        ProfileSettings profile = config.settings(profileName);
        Classification classification = classifier.classify(command.input());
        RouteRequest request = RouteRequest.from(classification, command.needsTools(),
                command.needsStructuredOutput(), command.constraints());
        Map<TaskLabel, String> overrides = settings.overridesOf(profile.name());
        if (stage != null && stage.model() != null) {
            overrides = Map.of(request.task(), stage.model());
        }
        RouteDecision decision = engine.route(request, profile.profile(), snapshot, quality, overrides, scores);
        if (stage != null) {
            decision = byStage(decision, command, stage);
        }
        decision = withFallbackModel(decision, profile);
        return new Cached(classification, decision);
    }

    private Workflow.Stage stage(Command command) {
        if (command.workflow() == null || command.workflow().isBlank()) {
            if (command.stage() != null && !command.stage().isBlank()) {
                throw new dev.routewise.base.InvalidInputException("context.workflow",
                        "A stage needs its workflow: name the workflow too");
            }
            return null;
        }
        Workflow workflow = config.workflow(command.workflow());
        String wanted = command.stage() == null || command.stage().isBlank()
                ? workflow.stages().getFirst().name() : command.stage().trim();
        Workflow.Stage stage = workflow.stage(wanted);
        if (stage == null) {
            throw new dev.routewise.base.InvalidInputException("context.stage", "Workflow '" + workflow.name()
                    + "' has no stage '" + wanted + "': use " + String.join(", ",
                    workflow.stages().stream().map(Workflow.Stage::name).toList()));
        }
        return stage;
    }

    /** Names the workflow stage in the decision: as its rule when its model was used, in the reasons always. */
    private static RouteDecision byStage(RouteDecision d, Command command, Workflow.Stage stage) {
        String name = "workflow:" + command.workflow().trim().toLowerCase(java.util.Locale.ROOT) + "/" + stage.name();
        List<String> reasons = new ArrayList<>();
        boolean forced = stage.model() != null && d.routed() && d.chosen().id().equals(stage.model());
        for (String r : d.reasons()) {
            // the engine words a forced model as an override; here it is the stage's model
            reasons.add(r.startsWith("override ") ? r.replaceFirst("^override( for \\S+ in profile \\S+)?",
                    "model of stage " + stage.name()) : r);
        }
        reasons.addFirst(name + ": " + (stage.model() != null ? "use model " + stage.model()
                : "use profile " + stage.profile()));
        String rule = forced || stage.profile() != null ? name : d.rule();
        return new RouteDecision(d.profile(), d.task(), d.complexity(), d.chosen(), d.candidates(),
                d.fallbackChain(), d.estimatedCostUsd(), rule, reasons);
    }

    /** The profile's model of last resort joins the end of the chain when it is eligible and not already in it. */
    private static RouteDecision withFallbackModel(RouteDecision d, ProfileSettings profile) {
        String fallback = profile.fallbackModel();
        if (fallback == null || !d.routed() || d.chosen().id().equals(fallback) || d.fallbackChain().contains(fallback)) {
            return d;
        }
        for (ScoredCandidate c : d.candidates()) {
            if (c.id().equals(fallback)) {
                if (!c.eligible()) {
                    return d;
                }
                List<String> chain = new ArrayList<>(d.fallbackChain());
                chain.add(fallback);
                return new RouteDecision(d.profile(), d.task(), d.complexity(), d.chosen(), d.candidates(), chain,
                        d.estimatedCostUsd(), d.rule(), d.reasons());
            }
        }
        return d;
    }

    /** Every profile, built-in ones first. */
    public List<Profile> profiles() {
        return config.current().profiles().stream().map(ProfileSettings::profile).toList();
    }

    /** Ids of the enabled chat models the router can pick, sorted: for model pickers. */
    public List<String> modelIds() {
        return models.current().stream().filter(RouteCandidate::enabled).map(RouteCandidate::id).sorted().toList();
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
        ProfileSettings profile = config.settings(profileName);
        Map<TaskLabel, List<String>> chains = new LinkedHashMap<>();
        for (TaskLabel task : TaskLabel.TASKS) {
            RouteDecision d = withFallbackModel(engine.route(RouteRequest.of(task, Complexity.MEDIUM, 1000, 500),
                    profile.profile(), models.current(), quality, config.current().overridesOf(profile.name())),
                    profile);
            List<String> chain = new ArrayList<>();
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

    public CacheStats cacheStats() {
        return new CacheStats(cache.enabled(), cache.size(), cache.hits(), cache.misses());
    }

    /** Forgets cached decisions and what was learned from outcomes so far (the outcomes themselves stay). */
    @RolesAllowed(AppRoles.ADMIN)
    public ResetResult reset() {
        int learned = outcomes.resetLearned();
        return new ResetResult(cache.clear(), learned);
    }

    private DecisionLog.Entry entry(String id, Classification c, RouteDecision d, long micros, String caller) {
        return new DecisionLog.Entry(id, clock.millis(), d.profile(), c.task().id(), c.complexity().id(),
                c.confidence(), c.tier().id(), d.routed() ? d.chosen().model().id() : null, d.rule(),
                d.estimatedCostUsd() == null ? null : d.estimatedCostUsd().toPlainString(), micros, caller, d);
    }
}
