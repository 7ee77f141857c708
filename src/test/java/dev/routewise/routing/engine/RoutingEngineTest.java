package dev.routewise.routing.engine;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static dev.routewise.routing.engine.Models.*;
import static org.assertj.core.api.Assertions.assertThat;

class RoutingEngineTest {

    private static final QualityTable QUALITY = QualityTable.loadDefault();
    private final RoutingEngine engine = new RoutingEngine();

    private static RouteRequest code() {
        return RouteRequest.of(TaskLabel.CODE, Complexity.MEDIUM, 1_000, 1_000);
    }

    private RouteDecision route(RouteRequest request, Profile profile, List<RouteCandidate> models) {
        return engine.route(request, profile, models, QUALITY, Map.of());
    }

    private ScoredCandidate candidate(RouteDecision d, RouteCandidate m) {
        return d.candidates().stream().filter(c -> c.id().equals(m.id())).findFirst().orElseThrow();
    }

    private ScoredCandidate only(RouteRequest request, RouteCandidate m) {
        return candidate(route(request, Profile.BALANCED, List.of(m)), m);
    }

    // --- profiles and tiers

    @Test
    void eco_balanced_and_premium_pick_low_medium_and_high_tier_models_from_the_same_catalog() {
        RouteDecision eco = route(code(), Profile.ECO, CATALOG);
        RouteDecision balanced = route(code(), Profile.BALANCED, CATALOG);
        RouteDecision premium = route(code(), Profile.PREMIUM, CATALOG);

        assertThat(eco.chosen().model().costTier()).isEqualTo(CostTier.LOW);
        assertThat(balanced.chosen().model().costTier()).isEqualTo(CostTier.MEDIUM);
        assertThat(premium.chosen().model().costTier()).isEqualTo(CostTier.HIGH);
        assertThat(balanced.chosen().id()).isEqualTo(SONNET.id());
        assertThat(balanced.reasons()).contains("best code score among medium-tier models; medium is the first tier"
                + " of profile balanced");
        assertThat(balanced.rule()).isNull();
    }

    @Test
    void balanced_uses_the_seed_weights_and_every_score_stays_between_zero_and_one() {
        Weights w = Profile.BALANCED.weights();
        assertThat(List.of(w.capability(), w.cost(), w.quality(), w.latency(), w.historical()))
                .containsExactly(0.35, 0.2, 0.2, 0.15, 0.1);
        RouteDecision d = route(code(), Profile.PREMIUM, CATALOG);
        assertThat(d.eligible()).allSatisfy(c -> {
            assertThat(c.score()).isBetween(0.0, 1.0);
            assertThat(c.factors()).isNotNull();
        });
        assertThat(d.eligible()).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void candidates_list_the_eligible_by_score_then_the_excluded_with_their_reasons() {
        RouteDecision d = route(code(), Profile.BALANCED, CATALOG);
        assertThat(d.candidates()).hasSize(CATALOG.size());
        ScoredCandidate embedding = d.candidates().getLast();
        assertThat(embedding.id()).isEqualTo(EMBEDDING.id());
        assertThat(embedding.eligible()).isFalse();
        assertThat(embedding.factors()).isNull();
        assertThat(embedding.excludedBecause()).isEqualTo("not a chat model (embedding)");
    }

    // --- eligibility, one rule at a time

    @Test
    void a_model_that_is_not_a_chat_model_is_excluded_with_only_that_reason() {
        ScoredCandidate c = only(code().withTools(true, true), EMBEDDING);
        assertThat(c.exclusions()).extracting(Exclusion::rule).containsExactly(ExclusionRule.NOT_CHAT);
    }

    @Test
    void a_disabled_model_is_excluded() {
        ScoredCandidate c = only(code(), disabled(GPT_4O));
        assertThat(c.exclusions()).extracting(Exclusion::rule).containsExactly(ExclusionRule.DISABLED);
        assertThat(c.excludedBecause()).isEqualTo("disabled in the catalog");
    }

    @Test
    void missing_and_deprecated_models_are_excluded() {
        assertThat(only(code(), withStatus(GPT_4O, "missing")).excludedBecause()).isEqualTo("status is missing");
        assertThat(only(code(), withStatus(GPT_4O, "deprecated")).excludedBecause())
                .isEqualTo("status is deprecated");
        assertThat(only(code(), withStatus(GPT_4O, "active")).eligible()).isTrue();
    }

    @Test
    void a_model_of_an_unhealthy_source_is_excluded() {
        assertThat(only(code(), unhealthy(SONNET)).excludedBecause()).isEqualTo("source anthropic is unhealthy");
    }

    @Test
    void a_model_without_a_required_modality_is_excluded() {
        RouteRequest audio = code().withModalities(Set.of(Modality.TEXT, Modality.AUDIO));
        assertThat(only(audio, GPT_4O).excludedBecause()).isEqualTo("does not accept audio input");
        assertThat(only(audio, FLASH).eligible()).isTrue();
    }

    @Test
    void a_model_whose_context_window_cannot_hold_input_plus_output_is_excluded() {
        RouteRequest big = RouteRequest.of(TaskLabel.SUMMARIZATION, Complexity.MEDIUM, 7_000, 2_000);
        assertThat(only(big, LLAMA_LOCAL).excludedBecause())
                .isEqualTo("context window 8192 tokens < 9000 needed (estimated input + output)");
        RouteRequest fits = RouteRequest.of(TaskLabel.SUMMARIZATION, Complexity.MEDIUM, 6_000, 2_000);
        assertThat(only(fits, LLAMA_LOCAL).eligible()).isTrue();
    }

    @Test
    void min_context_tokens_excludes_smaller_windows_and_unknown_ones() {
        RouteRequest r = code().withConstraints(RouteConstraints.NONE.withMinContextTokens(150_000));
        assertThat(only(r, GPT_4O).excludedBecause()).isEqualTo("context window 128000 tokens < minContextTokens 150000");
        assertThat(only(r, SONNET).eligible()).isTrue();
        RouteCandidate unknownWindow = chat("acme/mystery", CostTier.LOW, "1", "1", null, TEXT, Set.of());
        assertThat(only(r, unknownWindow).excludedBecause()).isEqualTo("context window unknown < minContextTokens 150000");
        assertThat(only(code(), unknownWindow).eligible()).isTrue();
    }

    @Test
    void tools_and_structured_output_exclude_models_without_them() {
        RouteRequest tools = code().withTools(true, false);
        RouteRequest json = code().withTools(false, true);
        assertThat(only(tools, LLAMA_LOCAL).excludedBecause()).isEqualTo("no tool calling, the request declares tools");
        assertThat(only(tools, SONNET).eligible()).isTrue();
        assertThat(only(json, SONNET).excludedBecause())
                .isEqualTo("no structured output, the request asks for a JSON answer");
        assertThat(only(json, GPT_4O).eligible()).isTrue();
    }

    @Test
    void allowed_and_excluded_models_filter_by_pattern() {
        RouteRequest r = code().withConstraints(RouteConstraints.NONE.withAllowedModels(List.of("anthropic/*"))
                .withExcludedModels(List.of("*/claude-3-opus*")));
        RouteDecision d = route(r, Profile.PREMIUM, CATALOG);
        assertThat(d.eligible()).extracting(ScoredCandidate::id).containsExactlyInAnyOrder(SONNET.id(), HAIKU.id());
        assertThat(candidate(d, GPT_4O).excludedBecause()).isEqualTo("not matched by allowedModels [anthropic/*]");
        assertThat(candidate(d, OPUS).excludedBecause()).isEqualTo("matched by excludedModels [*/claude-3-opus*]");
    }

    @Test
    void a_profile_pool_keeps_the_profile_to_its_models() {
        Profile anthropicOnly = Profile.BALANCED.withPool(List.of(ModelPattern.of("anthropic/*")));
        RouteDecision d = route(code(), anthropicOnly, CATALOG);
        assertThat(d.chosen().model().provider()).isEqualTo("anthropic");
        assertThat(candidate(d, GPT_4O).excludedBy(ExclusionRule.OUTSIDE_POOL)).isTrue();
        assertThat(candidate(d, GPT_4O).excludedBecause()).isEqualTo("outside the pool of profile balanced [anthropic/*]");
    }

    @Test
    void max_cost_excludes_models_whose_estimate_is_over_the_cap() {
        // 1000 in + 1000 out: gpt-4o costs exactly $0.0125, sonnet $0.018.
        RouteRequest r = code().withConstraints(RouteConstraints.NONE.withMaxCostUsd(new BigDecimal("0.0125")));
        assertThat(only(r, GPT_4O).eligible()).isTrue();
        assertThat(only(r, SONNET).excludedBecause()).isEqualTo("estimated cost $0.018 > maxCostUsd 0.0125");
    }

    @Test
    void an_unpriced_model_is_excluded_under_a_cost_cap_and_never_counted_as_free() {
        RouteRequest capped = code().withConstraints(RouteConstraints.NONE.withMaxCostUsd(new BigDecimal("1")));
        ScoredCandidate c = only(capped, LLAMA_LOCAL);
        assertThat(c.exclusions()).extracting(Exclusion::rule).containsExactly(ExclusionRule.UNPRICED_UNDER_COST_CAP);
        assertThat(c.excludedBecause()).isEqualTo("unpriced, so its cost cannot be held under maxCostUsd 1");

        RouteDecision uncapped = route(code(), Profile.ECO, List.of(LLAMA_LOCAL, GPT_4_TURBO));
        assertThat(candidate(uncapped, LLAMA_LOCAL).factors().cost()).isZero();
        assertThat(candidate(uncapped, GPT_4_TURBO).factors().cost()).isEqualTo(1.0);
        assertThat(candidate(uncapped, LLAMA_LOCAL).estimatedCostUsd()).isNull();
    }

    @Test
    void min_quality_excludes_models_below_it_using_the_quality_table() {
        RouteRequest r = code().withConstraints(RouteConstraints.NONE.withMinQuality(70.0));
        assertThat(only(r, HAIKU).excludedBecause()).isEqualTo("quality 41.5 < minQuality 70.0");
        assertThat(only(r, GPT_4O).eligible()).isTrue();
    }

    @Test
    void max_latency_uses_the_observed_latency_else_the_tier_default() {
        RouteRequest r = code().withConstraints(RouteConstraints.NONE.withMaxLatencyMs(2_000));
        assertThat(only(r, OPUS).excludedBecause()).isEqualTo("p50 latency 3000 ms (tier default) > maxLatencyMs 2000");
        assertThat(only(r, OPUS.withObservedLatency(1_800)).eligible()).isTrue();
        assertThat(only(r, GPT_4O_MINI.withObservedLatency(2_500)).excludedBecause())
                .isEqualTo("p50 latency 2500 ms > maxLatencyMs 2000");
    }

    @Test
    void a_model_failing_several_rules_lists_every_reason() {
        RouteRequest r = code().withTools(true, false)
                .withConstraints(RouteConstraints.NONE.withExcludedModels(List.of("ollama/*")));
        ScoredCandidate c = only(r, disabled(LLAMA_LOCAL));
        assertThat(c.exclusions()).extracting(Exclusion::rule)
                .containsExactly(ExclusionRule.DISABLED, ExclusionRule.TOOLS, ExclusionRule.EXCLUDED);
    }

    // --- cost

    @Test
    void the_cost_estimate_is_exact_to_the_last_decimal() {
        RouteCandidate m = chat("openai/gpt-4o", CostTier.MEDIUM, "2.50", "10.00", 128_000, TEXT, Set.of());
        assertThat(m.estimateCostUsd(1_234, 567)).isEqualByComparingTo("0.008755");
        RouteCandidate odd = chat("x/odd", CostTier.LOW, "0.1", "0.2", 128_000, TEXT, Set.of());
        // 3 x 0.1 + 3 x 0.2 is 0.9 per MTok, not 0.9000000000000001 as in binary floating point.
        assertThat(odd.estimateCostUsd(3, 3)).isEqualTo(new BigDecimal("9E-7"));
        RouteDecision d = route(RouteRequest.of(TaskLabel.CODE, Complexity.MEDIUM, 1_234, 567), Profile.BALANCED,
                List.of(m));
        assertThat(d.estimatedCostUsd()).isEqualByComparingTo("0.008755");
    }

    // --- modalities

    @Test
    void an_image_request_picks_a_vision_model_and_says_how_many_were_excluded() {
        RouteCandidate textOnlyCoder = chat("deepseek/deepseek-coder-v2", CostTier.LOW, "0.14", "0.28", 128_000,
                TEXT, Set.of());
        RouteCandidate textOnlyMini = chat("groq/llama-3.1-8b-instruct", CostTier.LOW, "0.05", "0.08", 128_000,
                TEXT, Set.of());
        List<RouteCandidate> catalog = List.of(textOnlyCoder, textOnlyMini, GPT_4O_MINI, LLAMA_LOCAL);
        RouteRequest image = code().withModalities(Set.of(Modality.TEXT, Modality.IMAGE));

        assertThat(route(code(), Profile.ECO, catalog).chosen().id()).isNotEqualTo(GPT_4O_MINI.id());
        RouteDecision d = route(image, Profile.ECO, catalog);
        assertThat(d.chosen().id()).isEqualTo(GPT_4O_MINI.id());
        assertThat(d.reasons()).contains("excluded 3 models without image input");
    }

    @Test
    void the_vision_capability_counts_as_image_input() {
        RouteCandidate vision = chat("acme/seer", CostTier.LOW, "1", "1", 32_000, TEXT, Set.of(Capability.VISION));
        RouteRequest image = code().withModalities(Set.of(Modality.IMAGE));
        assertThat(only(image, vision).eligible()).isTrue();
    }

    // --- fallback chain

    @Test
    void the_fallback_chain_prefers_other_providers_then_the_same_provider_by_score() {
        RouteDecision d = route(code(), Profile.BALANCED, List.of(SONNET, OPUS, HAIKU, GPT_4O, FLASH));
        assertThat(d.chosen().id()).isEqualTo(SONNET.id());
        List<String> others = d.eligible().stream().filter(c -> !c.model().provider().equals("anthropic"))
                .map(ScoredCandidate::id).toList();
        assertThat(d.fallbackChain()).hasSize(RoutingEngine.MAX_FALLBACKS);
        assertThat(d.fallbackChain().subList(0, 2)).containsExactlyElementsOf(others);
        assertThat(d.fallbackChain().get(2)).startsWith("anthropic/");
        assertThat(d.fallbackChain()).doesNotContain(SONNET.id());
    }

    @Test
    void the_fallback_chain_holds_only_eligible_models() {
        RouteDecision d = route(code(), Profile.BALANCED, List.of(SONNET, disabled(GPT_4O), unhealthy(FLASH), HAIKU));
        assertThat(d.fallbackChain()).containsExactly(HAIKU.id());
    }

    // --- overrides

    @Test
    void a_per_task_override_wins_when_its_model_is_eligible() {
        RouteDecision d = engine.route(code(), Profile.BALANCED, CATALOG, QUALITY,
                Map.of(TaskLabel.CODE, HAIKU.id()));
        assertThat(d.chosen().id()).isEqualTo(HAIKU.id());
        assertThat(d.rule()).isEqualTo("override");
        assertThat(d.reasons()).first().isEqualTo("override for code in profile balanced: " + HAIKU.id());
        assertThat(d.fallbackChain()).doesNotContain(HAIKU.id()).first().asString().doesNotStartWith("anthropic/");
    }

    @Test
    void an_override_for_another_task_changes_nothing() {
        RouteDecision d = engine.route(code(), Profile.BALANCED, CATALOG, QUALITY,
                Map.of(TaskLabel.CREATIVE, HAIKU.id()));
        assertThat(d.chosen().id()).isEqualTo(SONNET.id());
        assertThat(d.rule()).isNull();
    }

    @Test
    void an_ineligible_override_is_explained_and_scoring_decides() {
        RouteRequest json = code().withTools(false, true);
        RouteDecision d = engine.route(json, Profile.BALANCED, CATALOG, QUALITY, Map.of(TaskLabel.CODE, SONNET.id()));
        assertThat(d.chosen().id()).isNotEqualTo(SONNET.id());
        assertThat(d.rule()).isNull();
        assertThat(d.reasons()).first().isEqualTo("override " + SONNET.id() + " for code ignored: no structured output,"
                + " the request asks for a JSON answer; scored instead");

        RouteDecision unknown = engine.route(code(), Profile.BALANCED, CATALOG, QUALITY,
                Map.of(TaskLabel.CODE, "acme/gone"));
        assertThat(unknown.reasons()).first().isEqualTo("override acme/gone for code ignored: not in the catalog;"
                + " scored instead");
        assertThat(unknown.chosen().id()).isEqualTo(SONNET.id());
    }

    // --- nothing eligible

    @Test
    void no_eligible_model_gives_no_choice_and_the_list_of_exclusions() {
        RouteRequest r = code().withModalities(Set.of(Modality.VIDEO))
                .withConstraints(RouteConstraints.NONE.withMaxCostUsd(new BigDecimal("0.001")));
        RouteDecision d = route(r, Profile.BALANCED, CATALOG);
        assertThat(d.routed()).isFalse();
        assertThat(d.choice()).isEmpty();
        assertThat(d.estimatedCostUsd()).isNull();
        assertThat(d.fallbackChain()).isEmpty();
        assertThat(d.eligible()).isEmpty();
        Map<ExclusionRule, List<String>> byRule = d.excludedByRule();
        assertThat(byRule.get(ExclusionRule.MODALITY)).hasSize(CATALOG.size() - 1);
        assertThat(byRule.get(ExclusionRule.NOT_CHAT)).containsExactly(EMBEDDING.id());
        assertThat(byRule.get(ExclusionRule.UNPRICED_UNDER_COST_CAP)).containsExactly(LLAMA_LOCAL.id());
        assertThat(byRule.get(ExclusionRule.MAX_COST)).contains(SONNET.id(), OPUS.id()).doesNotContain(FLASH.id());
        assertThat(ExclusionRule.MAX_COST.constraint()).isEqualTo("maxCostUsd");
        assertThat(d.reasons()).containsExactly("no eligible model among 10",
                "excluded 9 models without video input",
                "excluded 6 models over maxCostUsd",
                "excluded 1 model not made for chat",
                "excluded 1 model unpriced under a cost cap");
    }

    @Test
    void an_empty_catalog_routes_nowhere_without_failing() {
        RouteDecision d = route(code(), Profile.ECO, List.of());
        assertThat(d.routed()).isFalse();
        assertThat(d.candidates()).isEmpty();
    }

    // --- determinism, history

    @Test
    void ties_are_broken_by_id_whatever_the_catalog_order() {
        RouteCandidate a = chat("p1/twin", CostTier.MEDIUM, "1", "2", 64_000, TEXT, Set.of());
        RouteCandidate b = chat("p2/twin", CostTier.MEDIUM, "1", "2", 64_000, TEXT, Set.of());
        List<RouteCandidate> models = new ArrayList<>(List.of(b, a));
        assertThat(route(code(), Profile.BALANCED, models).chosen().id()).isEqualTo("p1/twin");
        Collections.reverse(models);
        assertThat(route(code(), Profile.BALANCED, models).chosen().id()).isEqualTo("p1/twin");
    }

    @Test
    void a_poor_success_rate_moves_a_model_down_and_unknown_history_is_neutral() {
        RouteCandidate a = chat("p1/twin", CostTier.MEDIUM, "1", "2", 64_000, TEXT, Set.of());
        RouteCandidate b = chat("p2/twin", CostTier.MEDIUM, "1", "2", 64_000, TEXT, Set.of());
        RouteDecision d = engine.route(code(), Profile.BALANCED, List.of(a, b), QUALITY, Map.of(),
                Map.of("p1/twin", 0.2));
        assertThat(d.chosen().id()).isEqualTo("p2/twin");
        assertThat(d.chosen().factors().historical()).isEqualTo(RoutingEngine.NEUTRAL_HISTORY);
        assertThat(candidate(d, a).factors().historical()).isEqualTo(0.2);
    }

    @Test
    void one_engine_and_table_give_the_same_decision_on_many_threads_at_once() throws Exception {
        QualityTable fresh = QualityTable.loadDefault();
        RouteDecision expected = route(code(), Profile.BALANCED, CATALOG);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
            List<java.util.concurrent.Future<RouteDecision>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(pool.submit(() -> engine.route(code(), Profile.BALANCED, CATALOG, fresh, Map.of())));
            }
            for (var f : futures) {
                RouteDecision d = f.get();
                assertThat(d.chosen().id()).isEqualTo(expected.chosen().id());
                assertThat(d.fallbackChain()).isEqualTo(expected.fallbackChain());
            }
        }
    }
}
