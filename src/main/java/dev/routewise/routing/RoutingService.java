package dev.routewise.routing;

import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.ClassifyInput;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.ComplexityShift;
import dev.routewise.routing.engine.Forced;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.QualityTable;
import dev.routewise.routing.engine.RouteCandidate;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.RouteRequest;
import dev.routewise.routing.engine.RoutingEngine;
import dev.routewise.routing.rules.Action;
import dev.routewise.routing.rules.RuleOutcome;
import dev.routewise.routing.rules.RuleSet;
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
 * Routes one request: classifies it (unless the caller named the task), applies the workflow stage it names and
 * the routing rules, asks the engine to choose among the routable models under the profile and constraints, and
 * logs the decision without waiting for the database. Identical requests within a short time reuse the decision.
 */
@Service
public class RoutingService {

    private final ClassifierService classifier;
    private final RoutableModels models;
    private final DecisionLog decisions;
    private final RouterConfigService config;
    private final ModelHistory history;
    private final OutcomeService outcomes;
    private final RuleService rules;
    private final RoutingEngine engine = new RoutingEngine();
    private final ComplexityShift complexityShift = new ComplexityShift();
    private final PresetTable presets = PresetTable.loadDefault();
    private final QualityService qualities;
    private final DecisionCache<Command, Cached> cache;
    private final Clock clock;

    RoutingService(ClassifierService classifier, RoutableModels models, DecisionLog decisions,
                   RoutingProperties properties, RouterConfigService config, ModelHistory history,
                   OutcomeService outcomes, RuleService rules, QualityService qualities, Clock clock) {
        this.classifier = classifier;
        this.models = models;
        this.decisions = decisions;
        this.config = config;
        this.history = history;
        this.outcomes = outcomes;
        this.rules = rules;
        this.qualities = qualities;
        this.clock = clock;
        this.cache = new DecisionCache<>(properties.cacheTtl().toNanos(), properties.cacheSize());
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

    /**
     * Who and what a request is for ({@code context} of /api/v1/route), as routing rules see it, and the workflow
     * stage it belongs to; all optional.
     */
    public record RequestContext(Integer priority, List<String> labels, String user, String team, String space,
                                 String sessionId, String workflow, String stage) {

        public static final RequestContext NONE = new RequestContext(null, List.of(), null, null, null, null, null,
                null);

        public RequestContext {
            labels = labels == null ? List.of() : List.copyOf(labels);
        }
    }

    /** A decision with its id, the classification it used, how long it took and whether it came from the cache. */
    public record Routed(String decisionId, Classification classification, RouteDecision decision,
                         long latencyMicros, boolean cached) {
    }

    /**
     * Candidates a cached or queued-for-logging decision keeps: the engine's full candidate list holds arrays as
     * long as the catalog, too much to keep thousands of. The answer lists this many by default, so they are
     * built anyway (the list memoises what it built).
     */
    static final int CACHED_CANDIDATES = 20;

    /** The decision with only its best candidates, for the cache. */
    private static RouteDecision compact(RouteDecision d) {
        List<dev.routewise.routing.engine.ScoredCandidate> best = new ArrayList<>(CACHED_CANDIDATES);
        for (var c : d.candidates()) {
            if (best.size() == CACHED_CANDIDATES) {
                break;
            }
            best.add(c);
        }
        return new RouteDecision(d.profile(), d.task(), d.complexity(), d.chosen(), best, d.fallbackChain(),
                d.estimatedCostUsd(), d.rule(), d.reasons());
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
        return route(command, true);
    }

    /**
     * Routes without the decision cache, so the decision carries every candidate: for the test bench, where a
     * person inspects the whole table.
     */
    @PermitAll
    public Routed explain(Command command) {
        return route(command, false);
    }

    private Routed route(Command command, boolean useCache) {
        long start = System.nanoTime();
        RouterConfig settings = config.current();
        List<RouteCandidate> snapshot = models.current();
        ModelHistory.Learned learned = history.current();
        RuleSet ruleSet = rules.snapshot();
        QualityTable quality = qualities.current();
        Cached hit = useCache ? cache.get(command, start, settings, snapshot, learned, ruleSet, quality) : null;
        boolean cached = hit != null;
        // made first: the A/B bucket of a request without session, user or team falls back to it
        String id = UUID.randomUUID().toString();
        if (!cached) {
            hit = decide(command, settings, snapshot, learned, ruleSet, id, start);
            if (useCache && hit.decision().routed()) {
                cache.put(command, new Cached(hit.classification(), compact(hit.decision())), start, settings,
                        snapshot, learned, ruleSet, quality);
            }
        }
        long micros = (System.nanoTime() - start) / 1_000;
        // the queue holds what the writer needs, not the engine's catalog-long arrays
        decisions.offer(entry(id, hit.classification(), cached ? hit.decision() : compact(hit.decision()), micros,
                command.caller()));
        return new Routed(id, hit.classification(), hit.decision(), micros, cached);
    }

    private Cached decide(Command command, RouterConfig settings, List<RouteCandidate> snapshot,
                          ModelHistory.Learned learned, RuleSet ruleSet, String id, long start) {
        Workflow.Stage stage = stage(command.context());
        String profileName = command.profile() == null || command.profile().isBlank()
                ? settings.activeProfile() : command.profile();
        if (stage != null && stage.profile() != null) {
            profileName = stage.profile();
        }
        ProfileSettings profile = config.settings(profileName);
        Classification classification = classifier.classify(command.input());
        RuleOutcome outcome = ruleSet.isEmpty() ? RuleOutcome.NONE
                : ruleSet.evaluate(rules.input(classification, command.context(), profile.name(), id));
        if (outcome.is(Action.Type.DENY)) {
            throw denied(id, classification, profile.name(), outcome, start, command.caller());
        }
        if (outcome.is(Action.Type.USE_PROFILE)) {
            profile = config.settings(outcome.decisive().action().value());
        }
        RouteRequest request = RouteRequest.from(classification, command.needsTools(),
                command.needsStructuredOutput(), withRuleModels(command.constraints(), outcome));
        Forced forced;
        if (outcome.is(Action.Type.USE_MODEL)) {
            String model = outcome.decisive().action().value();
            String rule = "model of rule '" + outcome.decisive().name() + "'";
            forced = new Forced(model, outcome.label(), rule + ": " + model, rule);
        } else if (stage != null && stage.model() != null) {
            String rule = "model of stage " + stage.name();
            forced = new Forced(stage.model(), stageName(command.context(), stage), rule + ": " + stage.model(), rule);
        } else {
            forced = override(settings, profile, request.task());
        }
        RouteDecision decision = choose(request, profile, complexityShift.apply(profile.profile(),
                classification.complexity()), snapshot, forced, learned.forTask(request.task()), settings);
        decision = withComplexityReason(decision, classification.complexity());
        if (stage != null) {
            decision = byStage(decision, command.context(), stage);
        }
        if (outcome.matchedAny()) {
            decision = explainedByRules(decision, outcome);
        }
        decision = withFallbackModel(decision, fallbackModel(profile, settings, snapshot));
        return new Cached(classification, decision);
    }

    /** The team's per-task override of this profile, as the engine words it, or null. */
    private static Forced override(RouterConfig settings, ProfileSettings profile, TaskLabel task) {
        String model = settings.overridesOf(profile.name()).get(task);
        return model == null ? null : new Forced(model, "override", "override for " + task + " in profile "
                + profile.name() + ": " + model, "override");
    }

    /**
     * The engine's choice, preceded by seed 000's preset for built-in profiles: the first model of the task's
     * preset chain that is in the catalog and fits the request is taken, unless a model is already forced.
     */
    private RouteDecision choose(RouteRequest request, ProfileSettings profile, Profile scoring,
                                 List<RouteCandidate> snapshot, Forced forced, Map<String, Double> history,
                                 RouterConfig settings) {
        QualityTable quality = qualities.current();
        if (forced == null && profile.builtIn() && settings.presets()) {
            List<String> chain = presets.resolve(snapshot).chain(profile.name(), request.task());
            if (!chain.isEmpty()) {
                RouteDecision first = engine.route(request, scoring, snapshot, quality,
                        preset(profile.name(), request.task(), chain.getFirst()), history);
                if (first.routed() && first.chosen().id().equals(chain.getFirst())) {
                    return first;
                }
                // the first decision tells which of the other preset models fit: at most one more run; when
                // none does, it is already the scored decision, with the reason why the preset was not taken
                for (String model : chain.subList(1, chain.size())) {
                    if (first.isEligible(model)) {
                        return engine.route(request, scoring, snapshot, quality,
                                preset(profile.name(), request.task(), model), history);
                    }
                }
                return first;
            }
        }
        return engine.route(request, scoring, snapshot, quality, forced, history);
    }

    private Forced preset(String profile, TaskLabel task, String model) {
        return new Forced(model, "preset", "seed preset for " + task + " in profile " + profile + ": " + model
                + " (" + String.join(" > ", presets.names(profile, task)) + ")", "seed preset");
    }

    /** The profile's own fallback model, else for a built-in profile its seed preset one while presets are on. */
    private String fallbackModel(ProfileSettings profile, RouterConfig settings, List<RouteCandidate> snapshot) {
        if (profile.fallbackModel() != null || !profile.builtIn() || !settings.presets()) {
            return profile.fallbackModel();
        }
        return presets.resolve(snapshot).fallbacks().get(profile.name());
    }

    /** Says how the prompt's complexity moved the weights, after the reason for the choice. */
    private static RouteDecision withComplexityReason(RouteDecision d, Complexity complexity) {
        String why = ComplexityShift.explain(complexity);
        if (why == null || !d.routed()) {
            return d;
        }
        List<String> reasons = new ArrayList<>(d.reasons());
        reasons.add(Math.min(1, reasons.size()), why);
        return new RouteDecision(d.profile(), d.task(), d.complexity(), d.chosen(), d.candidates(), d.fallbackChain(),
                d.estimatedCostUsd(), d.rule(), reasons);
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
    private RuleDeniedException denied(String id, Classification c, String profile, RuleOutcome outcome, long start,
                                       String caller) {
        String rule = outcome.decisive().name();
        String message = outcome.decisive().action().value();
        List<String> reasons = new ArrayList<>(outcome.reasons());
        reasons.add("denied by rule '" + rule + "': " + message);
        RouteDecision refused = new RouteDecision(profile, c.task(), c.complexity(), null, List.of(), List.of(),
                null, outcome.label(), reasons);
        decisions.offer(entry(id, c, refused, (System.nanoTime() - start) / 1_000, caller));
        return new RuleDeniedException(id, rule, message);
    }

    private Workflow.Stage stage(RequestContext context) {
        if (context.workflow() == null || context.workflow().isBlank()) {
            if (context.stage() != null && !context.stage().isBlank()) {
                throw new dev.routewise.base.InvalidInputException("context.workflow",
                        "A stage needs its workflow: name the workflow too");
            }
            return null;
        }
        Workflow workflow = config.workflow(context.workflow());
        String wanted = context.stage() == null || context.stage().isBlank()
                ? workflow.stages().getFirst().name() : context.stage().trim();
        Workflow.Stage stage = workflow.stage(wanted);
        if (stage == null) {
            throw new dev.routewise.base.InvalidInputException("context.stage", "Workflow '" + workflow.name()
                    + "' has no stage '" + wanted + "': use " + String.join(", ",
                    workflow.stages().stream().map(Workflow.Stage::name).toList()));
        }
        return stage;
    }

    /** Names the workflow stage in the decision's reasons, and as its rule when the stage chose the profile. */
    private static RouteDecision byStage(RouteDecision d, RequestContext context, Workflow.Stage stage) {
        String name = stageName(context, stage);
        List<String> reasons = new ArrayList<>(d.reasons().size() + 1);
        reasons.add(name + ": " + (stage.model() != null ? "use model " + stage.model()
                : "use profile " + stage.profile()));
        reasons.addAll(d.reasons());
        // a stage model that was taken already named the rule (see Forced); a stage profile always decides
        String rule = stage.profile() != null ? name : d.rule();
        return new RouteDecision(d.profile(), d.task(), d.complexity(), d.chosen(), d.candidates(),
                d.fallbackChain(), d.estimatedCostUsd(), rule, reasons);
    }

    private static String stageName(RequestContext context, Workflow.Stage stage) {
        return "workflow:" + context.workflow().trim().toLowerCase(java.util.Locale.ROOT) + "/" + stage.name();
    }

    /** The profile's model of last resort joins the end of the chain when it is eligible and not already in it. */
    private static RouteDecision withFallbackModel(RouteDecision d, String fallback) {
        if (fallback == null || !d.routed() || d.chosen().id().equals(fallback) || d.fallbackChain().contains(fallback)) {
            return d;
        }
        if (!d.isEligible(fallback)) {
            return d;
        }
        List<String> chain = new ArrayList<>(d.fallbackChain());
        chain.add(fallback);
        return new RouteDecision(d.profile(), d.task(), d.complexity(), d.chosen(), d.candidates(), chain,
                d.estimatedCostUsd(), d.rule(), d.reasons());
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
            RouterConfig settings = config.current();
            List<RouteCandidate> snapshot = models.current();
            RouteDecision d = withFallbackModel(choose(RouteRequest.of(task, Complexity.MEDIUM, 1000, 500), profile,
                    profile.profile(), snapshot, override(settings, profile, task), Map.of(), settings),
                    fallbackModel(profile, settings, snapshot));
            List<String> chain = new ArrayList<>();
            if (d.routed()) {
                chain.add(d.chosen().model().id());
            }
            chain.addAll(d.fallbackChain());
            chains.put(task, List.copyOf(chain));
        }
        return chains;
    }

    /**
     * The profile's top model for a task (docs/spend.md "Savings"): what this service picks under the profile for a
     * plain text request of the task (1,000 tokens in, 500 out, medium complexity) with the profile's cost weight
     * set to zero, so no cost pressure; within the profile's pool and tier preference, honouring the team's
     * per-task override and, for built-in profiles, the seed presets; no rules, constraints or learned history.
     * Null when no model fits. For the spend ledger's savings baselines.
     */
    String topModel(String profileName, TaskLabel task) {
        ProfileSettings profile = config.settings(profileName);
        RouterConfig settings = config.current();
        Profile p = profile.profile();
        dev.routewise.routing.engine.Weights w = p.weights();
        Profile noCostPressure = w.cost() == 0 || w.capability() + w.quality() + w.latency() + w.historical() <= 0 ? p
                : new Profile(p.name(), p.description(), new dev.routewise.routing.engine.Weights(w.capability(), 0,
                w.quality(), w.latency(), w.historical()), p.tierPreference(), p.tierWeight(), p.pool());
        RouteDecision d = choose(RouteRequest.of(task, Complexity.MEDIUM, 1000, 500), profile, noCostPressure,
                models.current(), override(settings, profile, task), Map.of(), settings);
        return d.routed() ? d.chosen().model().id() : null;
    }

    /** The snapshot {@link #topModel} reads: it changes whenever the catalog or the router's settings do. */
    List<Object> snapshotVersion() {
        return List.of(models.current(), config.current(), qualities.current());
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
