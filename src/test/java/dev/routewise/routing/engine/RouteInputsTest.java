package dev.routewise.routing.engine;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.SensitiveData;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.classify.engine.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouteInputsTest {

    @Test
    void a_candidate_built_from_a_catalog_model_keeps_what_routing_needs() {
        CatalogModel m = new CatalogModel(7, "anthropic/claude-3-5-sonnet-20240620", 1, "anthropic", "anthropic",
                "Anthropic", "claude-3-5-sonnet-20240620", "Claude 3.5 Sonnet", ModelKind.CHAT, CostTier.MEDIUM,
                "price", new BigDecimal("3"), new BigDecimal("15"), null, "catalog", 200_000, 8_192,
                Set.of(Modality.TEXT, Modality.IMAGE), Set.of(Capability.TOOLS, Capability.VISION), true, Set.of(),
                "discovered", "active", null, Instant.EPOCH, Instant.EPOCH, false);
        RouteCandidate c = RouteCandidate.from(m, false);
        assertThat(c.id()).isEqualTo("anthropic/claude-3-5-sonnet-20240620");
        assertThat(c.provider()).isEqualTo("anthropic");
        assertThat(c.costTier()).isEqualTo(CostTier.MEDIUM);
        assertThat(c.priced()).isTrue();
        assertThat(c.contextTokens()).isEqualTo(200_000);
        assertThat(c.accepts(Modality.IMAGE)).isTrue();
        assertThat(c.has(Capability.TOOLS)).isTrue();
        assertThat(c.sourceHealthy()).isFalse();
        assertThat(c.observedP50LatencyMs()).isNull();
        assertThat(c.withObservedLatency(900).observedP50LatencyMs()).isEqualTo(900);
    }

    @Test
    void a_candidate_refuses_a_negative_price() {
        assertThatThrownBy(() -> Models.chat("x/y", CostTier.LOW, "-1", "1", 1_000, Models.TEXT, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_request_built_from_a_classification_carries_task_complexity_tokens_and_modalities() {
        Classification c = new Classification(TaskLabel.DEBUGGING, 0.9, Complexity.COMPLEX, 0.7, Tier.SIGNALS, null,
                List.of(dev.routewise.classify.engine.Modality.TEXT, dev.routewise.classify.engine.Modality.IMAGE),
                800, 1_200, Map.of(), SensitiveData.NONE, false, null, List.of(), 10);
        RouteRequest r = RouteRequest.from(c, true, false, null);
        assertThat(r.task()).isEqualTo(TaskLabel.DEBUGGING);
        assertThat(r.complexity()).isEqualTo(Complexity.COMPLEX);
        assertThat(r.complexityScore()).isEqualTo(0.7);
        assertThat(r.estimatedInputTokens()).isEqualTo(800);
        assertThat(r.estimatedOutputTokens()).isEqualTo(1_200);
        assertThat(r.requiredModalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
        assertThat(r.needsTools()).isTrue();
        assertThat(r.constraints()).isEqualTo(RouteConstraints.NONE);
        assertThat(r.allRequiredModalities()).containsExactly(Modality.IMAGE);
    }

    @Test
    void constraints_refuse_impossible_values() {
        assertThatThrownBy(() -> RouteConstraints.NONE.withMaxCostUsd(new BigDecimal("-0.01")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteConstraints.NONE.withMinQuality(101.0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteConstraints.NONE.withMaxLatencyMs(0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RouteRequest.of(TaskLabel.CODE, Complexity.SIMPLE, -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void constraint_modalities_add_to_the_request_modalities() {
        RouteRequest r = RouteRequest.of(TaskLabel.CODE, Complexity.SIMPLE, 10, 10)
                .withModalities(Set.of(Modality.IMAGE))
                .withConstraints(RouteConstraints.NONE.withModalities(Set.of(Modality.TEXT, Modality.AUDIO)));
        assertThat(r.allRequiredModalities()).containsExactlyInAnyOrder(Modality.IMAGE, Modality.AUDIO);
    }
}
