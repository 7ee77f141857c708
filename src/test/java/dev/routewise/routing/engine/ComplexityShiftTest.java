package dev.routewise.routing.engine;

import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComplexityShiftTest {

    final ComplexityShift shift = new ComplexityShift();
    final RoutingEngine engine = new RoutingEngine();
    final QualityTable quality = QualityTable.loadDefault();
    final List<RouteCandidate> catalog = List.of(Models.GPT_4O_MINI, Models.GPT_4O, Models.SONNET, Models.HAIKU,
            Models.FLASH, Models.OPUS, Models.GPT_4_TURBO);

    private String choice(Complexity complexity) {
        RouteRequest request = RouteRequest.of(TaskLabel.CODE, complexity, 2_000, 1_500);
        return engine.route(request, shift.apply(Profile.BALANCED, complexity), catalog, quality, Map.of())
                .chosen().id();
    }

    private double quality(String id) {
        return quality.quality(id, null);
    }

    @Test
    void medium_prompts_keep_the_profile_as_configured() {
        assertThat(shift.apply(Profile.BALANCED, Complexity.MEDIUM)).isSameAs(Profile.BALANCED);
        assertThat(ComplexityShift.explain(Complexity.MEDIUM)).isNull();
    }

    @Test
    void harder_prompts_weigh_quality_more_and_cost_less_within_the_same_profile() {
        Profile critical = shift.apply(Profile.BALANCED, Complexity.CRITICAL);
        Profile simple = shift.apply(Profile.BALANCED, Complexity.SIMPLE);

        assertThat(critical.name()).isEqualTo("balanced");
        assertThat(critical.weights().quality()).isGreaterThan(Profile.BALANCED.weights().quality());
        assertThat(critical.weights().cost()).isLessThan(Profile.BALANCED.weights().cost());
        assertThat(simple.weights().cost()).isGreaterThan(Profile.BALANCED.weights().cost());
        assertThat(ComplexityShift.explain(Complexity.CRITICAL)).isEqualTo(
                "complexity critical: quality weight x2, cost weight x0.5");
    }

    @Test
    void a_critical_code_prompt_gets_a_model_at_least_as_strong_as_a_simple_one() {
        String simple = choice(Complexity.SIMPLE);
        String critical = choice(Complexity.CRITICAL);

        assertThat(quality(critical)).isGreaterThan(quality(simple));
    }

    @Test
    void shifted_profiles_are_made_once_and_reused() {
        assertThat(shift.apply(Profile.ECO, Complexity.COMPLEX)).isSameAs(shift.apply(Profile.ECO, Complexity.COMPLEX));
    }
}
