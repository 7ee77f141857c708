package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.catalog.Modality;
import dev.routewise.classify.ClassifierService;
import dev.routewise.classify.ClassifyInputs;
import dev.routewise.routing.engine.ExclusionRule;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.ScoredCandidate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code POST /api/v1/route} of ../shared/API.md: the chosen model, why, and every candidate. */
@RestController
@RequestMapping("/api/v1")
class RoutingApiController {

    record RouteBody(String prompt, List<JsonNode> messages, String profile, String task, Constraints constraints,
                     Context context, Boolean tools, Boolean structuredOutput) {
    }

    record Constraints(BigDecimal maxCostUsd, Double minQuality, Integer maxLatencyMs, List<String> modalities,
                       Integer minContextTokens, List<String> allowedModels, List<String> excludedModels) {
    }

    record Context(Integer priority, List<String> labels, String user, String team, String space, String sessionId,
                   String area, String model, String policy, String workflow, String stage) {
    }

    record ModelJson(String id, String provider, String modelId, String costTier) {
    }

    record CandidateJson(String model, double score, boolean eligible, String excludedBecause,
                         Map<String, Double> factors, BigDecimal estimatedCostUsd) {
    }

    record RouteResponse(String decisionId, ModelJson model, String profile, String task, String complexity,
                         double confidence, String tier, String rule, List<String> reasons,
                         List<CandidateJson> candidates, List<String> fallbackChain, BigDecimal estimatedCostUsd,
                         long latencyMicros, boolean cached) {
    }

    record ProfileJson(String name, String description, boolean builtIn, boolean edited, Map<String, Double> weights,
                       List<String> tierPreference, double tierWeight, List<String> pool, String fallbackModel) {
    }

    record ProfileConfigJson(String name, String description, boolean builtIn, boolean edited,
                             Map<String, Double> weights, List<String> tierPreference, double tierWeight,
                             List<String> pool, String fallbackModel, Map<String, String> overrides,
                             Map<String, List<String>> taskChains) {
    }

    record RouterJson(String activeProfile, boolean presets, List<ProfileConfigJson> profiles,
                      List<Workflow> workflows, RuleService.Rules rules, long droppedDecisions,
                      RoutingService.CacheStats cache) {
    }

    record WorkflowBody(List<Workflow.Stage> stages) {
    }

    record ProfileChange(String profile) {
    }

    record PresetsChange(Boolean enabled) {
    }

    record OverrideChange(String model) {
    }

    record DecisionPage(List<LoggedDecision> items, long total, long offset, int limit) {
    }

    private final RoutingService routing;
    private final RouterConfigService config;
    private final OutcomeService outcomes;
    private final DecisionHistory decisions;
    private final ClassifierService classifier;
    private final RuleService rules;

    RoutingApiController(RoutingService routing, RouterConfigService config, OutcomeService outcomes,
                         DecisionHistory decisions, ClassifierService classifier, RuleService rules) {
        this.rules = rules;
        this.routing = routing;
        this.config = config;
        this.outcomes = outcomes;
        this.decisions = decisions;
        this.classifier = classifier;
    }

    /** The decision log, newest first; filters by model, task, profile, caller and time. */
    @GetMapping("/decisions")
    DecisionPage decisions(@RequestParam(required = false) String model, @RequestParam(required = false) String task,
                           @RequestParam(required = false) String profile,
                           @RequestParam(required = false) String caller,
                           @RequestParam(required = false) java.time.Instant from,
                           @RequestParam(required = false) java.time.Instant to,
                           @RequestParam(defaultValue = "0") long offset,
                           @RequestParam(defaultValue = "50") int limit) {
        if (offset < 0) {
            throw new InvalidInputException("offset", "Offsets start at 0");
        }
        if (limit < 1 || limit > 500) {
            throw new InvalidInputException("limit", "Use a limit from 1 to 500");
        }
        DecisionFilter filter = new DecisionFilter(model, task, profile, caller, from, to);
        return new DecisionPage(decisions.find(filter, offset, limit), decisions.count(filter), offset, limit);
    }

    /** What happened after a decision: success, rating, latency, tokens, cost, and a model the user switched to. */
    @PostMapping("/decisions/{decisionId}/outcome")
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NO_CONTENT)
    void outcome(@PathVariable String decisionId, @RequestBody(required = false) Outcome outcome) {
        outcomes.report(decisionId, outcome);
    }

    /** The active profile, and per profile its weights, tier preference, overrides and derived task chains. */
    @GetMapping("/router")
    RouterJson router() {
        RouterConfig current = config.current();
        List<ProfileConfigJson> profiles = new ArrayList<>();
        for (ProfileSettings s : current.profiles()) {
            Profile p = s.profile();
            Map<String, String> overrides = new LinkedHashMap<>();
            current.overridesOf(p.name()).forEach((task, model) -> overrides.put(task.id(), model));
            Map<String, List<String>> chains = new LinkedHashMap<>();
            routing.taskChains(p.name()).forEach((task, chain) -> chains.put(task.id(), chain));
            profiles.add(new ProfileConfigJson(p.name(), p.description(), s.builtIn(), s.edited(), weights(p),
                    tiers(p), p.tierWeight(), pool(p), s.fallbackModel(), overrides, chains));
        }
        return new RouterJson(current.activeProfile(), current.presets(), profiles, List.copyOf(current.workflows().values()),
                rules.list(), routing.droppedDecisions(), routing.cacheStats());
    }

    /** Turns seed 000's task presets of the built-in profiles on or off. */
    @PutMapping("/router/presets")
    RouterJson setPresets(@RequestBody(required = false) PresetsChange change) {
        if (change == null || change.enabled() == null) {
            throw new InvalidInputException("enabled", "Send {\"enabled\": true} or {\"enabled\": false}");
        }
        config.setPresets(change.enabled());
        return router();
    }

    @PostMapping("/router/profiles")
    ResponseEntity<ProfileJson> createProfile(@RequestBody(required = false) ProfileDraft draft) {
        return ResponseEntity.status(HttpStatus.CREATED).body(profile(config.createProfile(draft)));
    }

    @PutMapping("/router/profiles/{name}")
    ProfileJson updateProfile(@PathVariable String name, @RequestBody(required = false) ProfileDraft draft) {
        return profile(config.updateProfile(name, draft));
    }

    @org.springframework.web.bind.annotation.PatchMapping("/router/profiles/{name}/weights")
    ProfileJson updateWeights(@PathVariable String name, @RequestBody(required = false) Map<String, Double> weights) {
        return profile(config.updateWeights(name, weights));
    }

    /** Deletes a custom profile; a built-in one is reset to its shipped settings. */
    @DeleteMapping("/router/profiles/{name}")
    RouterJson deleteProfile(@PathVariable String name) {
        config.deleteProfile(name);
        return router();
    }

    @PutMapping("/router/workflows/{name}")
    Workflow saveWorkflow(@PathVariable String name, @RequestBody(required = false) WorkflowBody body) {
        return config.saveWorkflow(name, body == null ? null : body.stages());
    }

    @DeleteMapping("/router/workflows/{name}")
    @org.springframework.web.bind.annotation.ResponseStatus(HttpStatus.NO_CONTENT)
    void deleteWorkflow(@PathVariable String name) {
        config.deleteWorkflow(name);
    }

    /** Forgets cached decisions and learned per-model history (model reset in the CLI). */
    @PostMapping("/router/reset")
    RoutingService.ResetResult reset() {
        return routing.reset();
    }

    @PutMapping("/router/profile")
    RouterJson setProfile(@RequestBody ProfileChange change) {
        config.setActiveProfile(change == null ? null : change.profile());
        return router();
    }

    @PutMapping("/router/tasks/{task}/override")
    RouterJson setOverride(@PathVariable String task, @RequestParam(required = false) String profile,
                           @RequestBody OverrideChange change) {
        config.setOverride(profile, task, change == null ? null : change.model());
        return router();
    }

    @DeleteMapping("/router/tasks/{task}/override")
    RouterJson clearOverride(@PathVariable String task, @RequestParam(required = false) String profile) {
        config.clearOverride(profile, task);
        return router();
    }

    @PostMapping("/route")
    ResponseEntity<?> route(@RequestBody(required = false) RouteBody body,
                            @RequestParam(name = "candidates", defaultValue = "" + LISTED) int listed,
                            Authentication caller) {
        if (listed < 0 || listed > MAX_LISTED) {
            throw new InvalidInputException("candidates", "List from 0 to " + MAX_LISTED + " candidates");
        }
        if (body == null) {
            throw new InvalidInputException("prompt", "Send a JSON body with \"prompt\" or \"messages\"");
        }
        Context c = body.context();
        ClassifyInputs.Context context = c == null ? null
                : new ClassifyInputs.Context(null, c.space(), c.area(), c.model(), c.policy());
        var input = ClassifyInputs.from(body.prompt(), body.messages(), body.task(), context,
                classifier.maxPromptChars());
        RoutingService.Routed routed = routing.route(new RoutingService.Command(input, body.profile(),
                constraints(body.constraints()), Boolean.TRUE.equals(body.tools()),
                Boolean.TRUE.equals(body.structuredOutput()), caller.getName(), c == null ? null
                : new RoutingService.RequestContext(c.priority(), c.labels(), c.user(), c.team(), c.space(),
                        c.sessionId(), c.workflow(), c.stage())));
        RouteDecision d = routed.decision();
        if (!d.routed()) {
            return ResponseEntity.unprocessableEntity().body(noEligibleModel(d));
        }
        var chosen = d.chosen().model();
        return ResponseEntity.ok(new RouteResponse(routed.decisionId(),
                new ModelJson(chosen.id(), chosen.provider(), chosen.id().substring(chosen.provider().length() + 1),
                        chosen.costTier() == null ? null : chosen.costTier().key()),
                d.profile(), routed.classification().task().id(), routed.classification().complexity().id(),
                routed.classification().confidence(), routed.classification().tier().id(), d.rule(), d.reasons(),
                listed(d, listed), d.fallbackChain(),
                d.estimatedCostUsd(), routed.latencyMicros(), routed.cached()));
    }

    @GetMapping("/router/profiles")
    List<ProfileJson> profiles() {
        return config.current().profiles().stream().map(RoutingApiController::profile).toList();
    }

    private static ProfileJson profile(ProfileSettings s) {
        Profile p = s.profile();
        return new ProfileJson(p.name(), p.description(), s.builtIn(), s.edited(), weights(p), tiers(p),
                p.tierWeight(), pool(p), s.fallbackModel());
    }

    private static List<String> pool(Profile p) {
        return p.pool().stream().map(dev.routewise.routing.engine.ModelPattern::glob).toList();
    }

    static Map<String, Double> weights(Profile p) {
        return RouterConfigService.weightMap(p.weights(), 1, 4);
    }

    private static List<String> tiers(Profile p) {
        return p.tierPreference().stream().map(t -> t.key()).toList();
    }

    /** Candidates an answer lists unless {@code ?candidates=} says otherwise: enough to see the choice. */
    static final int LISTED = 20;
    static final int MAX_LISTED = 1000;

    /**
     * The candidates the answer lists, read from the decision's lazily built list only as far as needed: with
     * many eligible models this stops after the first {@link #LISTED}, so the rest are never built.
     */
    private static List<CandidateJson> listed(RouteDecision d, int limit) {
        if (limit == 0) {
            return List.of();
        }
        List<ScoredCandidate> main = new ArrayList<>(limit);
        List<ScoredCandidate> deferred = new ArrayList<>();
        for (ScoredCandidate s : d.candidates()) {
            if (listingRank(s) < 2) {
                main.add(s);
                if (main.size() == limit) {
                    break;
                }
            } else if (deferred.size() < limit) {
                deferred.add(s);
            }
        }
        List<CandidateJson> out = new ArrayList<>(limit);
        for (ScoredCandidate s : main) {
            out.add(candidate(s));
        }
        for (int i = 0; i < deferred.size() && out.size() < limit; i++) {
            out.add(candidate(deferred.get(i)));
        }
        return out;
    }

    /**
     * Order of the candidates listed, stable within a rank: eligible ones, then models
     * excluded for a reason worth reading, last those outside the caller's own allowedModels (whatever else
     * excludes them: the caller did not ask about them),
     * which in a large catalog would otherwise crowd the others out of the list.
     */
    private static int listingRank(ScoredCandidate s) {
        if (s.eligible()) {
            return 0;
        }
        boolean scopedOut = s.exclusions().stream()
                .anyMatch(e -> e.rule() == dev.routewise.routing.engine.ExclusionRule.NOT_ALLOWED);
        return scopedOut ? 2 : 1;
    }

    private static CandidateJson candidate(ScoredCandidate s) {
        Map<String, Double> factors = null;
        if (s.factors() != null) {
            // in the contract's order: capability, cost, quality, latency, historical
            factors = new LinkedHashMap<>();
            factors.put("capability", round(s.factors().capability()));
            factors.put("cost", round(s.factors().cost()));
            factors.put("quality", round(s.factors().quality()));
            factors.put("latency", round(s.factors().latency()));
            factors.put("historical", round(s.factors().historical()));
        }
        return new CandidateJson(s.model().id(), round(s.score()), s.eligible(), s.excludedBecause(), factors,
                s.estimatedCostUsd());
    }

    private static ProblemDetail noEligibleModel(RouteDecision d) {
        Map<String, Object> byConstraint = new LinkedHashMap<>();
        for (Map.Entry<ExclusionRule, List<String>> e : d.excludedByRule().entrySet()) {
            byConstraint.put(e.getKey().constraint(), Map.of("excluded", e.getValue().size(),
                    "examples", e.getValue().stream().limit(5).toList()));
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
                "No model fits this request: " + String.join("; ", d.reasons()));
        problem.setTitle("No eligible model");
        problem.setProperty("excludedBy", byConstraint);
        return problem;
    }

    private static RouteConstraints constraints(Constraints c) {
        if (c == null) {
            return RouteConstraints.NONE;
        }
        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        if (c.modalities() != null) {
            for (String m : c.modalities()) {
                try {
                    modalities.add(Modality.fromKey(m));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException("constraints.modalities", "Unknown modality '" + m + "'");
                }
            }
        }
        try {
            return RouteConstraints.NONE.withMaxCostUsd(c.maxCostUsd()).withMinQuality(c.minQuality())
                    .withMaxLatencyMs(c.maxLatencyMs()).withModalities(modalities)
                    .withMinContextTokens(c.minContextTokens())
                    .withAllowedModels(c.allowedModels() == null ? List.of() : c.allowedModels())
                    .withExcludedModels(c.excludedModels() == null ? List.of() : c.excludedModels());
        } catch (IllegalArgumentException e) {
            String field = e.getMessage() == null ? "constraints" : "constraints." + e.getMessage().split(" ")[0];
            throw new InvalidInputException(field, e.getMessage());
        }
    }


    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
