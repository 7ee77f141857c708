package dev.routewise.routing.engine;

import dev.routewise.catalog.Modality;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RouteDecisionTest {

    @Test
    void a_decision_tells_whether_a_model_passed_the_filters() {
        RouteRequest image = RouteRequest.of(TaskLabel.ANALYSIS, Complexity.MEDIUM, 1_000, 500)
                .withModalities(Set.of(Modality.IMAGE));

        RouteDecision d = new RoutingEngine().route(image, Profile.BALANCED, Models.CATALOG, QualityTable.loadDefault(),
                Map.of());

        assertThat(d.isEligible(Models.GPT_4O.id())).isTrue();
        assertThat(d.isEligible(Models.LLAMA_LOCAL.id())).isFalse();
        assertThat(d.isEligible("nowhere/no-such-model")).isFalse();
        assertThat(d.isEligible(Models.GPT_4O.id())).isEqualTo(d.candidates().stream()
                .filter(c -> c.id().equals(Models.GPT_4O.id())).findFirst().orElseThrow().eligible());
    }
}
