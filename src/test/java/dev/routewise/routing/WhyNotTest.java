package dev.routewise.routing;

import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.ModelKind;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.Exclusion;
import dev.routewise.routing.engine.ExclusionRule;
import dev.routewise.routing.engine.Factors;
import dev.routewise.routing.engine.RouteCandidate;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.ScoredCandidate;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class WhyNotTest {

    private static RouteCandidate model(String id, CostTier tier) {
        return new RouteCandidate(id, "p", ModelKind.CHAT, tier, BigDecimal.ONE, BigDecimal.TWO, 128_000, 4_096,
                Set.of(), Set.of(), true, "active", true, null);
    }

    private static ScoredCandidate eligible(String id, double score, double tierFit, Factors f) {
        return new ScoredCandidate(model(id, CostTier.MEDIUM), true, List.of(), f, tierFit, score,
                new BigDecimal("0.001"), 80, 900, true);
    }

    private static final ScoredCandidate BEST = eligible("p/best", 0.80, 1.0, new Factors(0.9, 0.6, 0.9, 0.7, 0.5));
    private static final ScoredCandidate CHEAP = eligible("p/cheap", 0.70, 1.0, new Factors(0.9, 0.9, 0.6, 0.5, 0.5));
    private static final ScoredCandidate TWIN = eligible("p/twin", 0.75, 0.5, new Factors(0.9, 0.6, 0.9, 0.7, 0.5));
    private static final ScoredCandidate BLIND = new ScoredCandidate(model("p/blind", CostTier.LOW), false,
            List.of(new Exclusion(ExclusionRule.MODALITY, "does not accept image input", null),
                    new Exclusion(ExclusionRule.MAX_COST, "costs more than maxCostUsd", null)),
            null, 0.5, 0, null, 60, 500, true);

    private static RouteDecision decision(ScoredCandidate chosen, String rule, ScoredCandidate... all) {
        return new RouteDecision("balanced", TaskLabel.CODE, Complexity.values()[0], chosen, List.of(all),
                List.of(), null, rule, List.of("because"));
    }

    @Test
    void an_excluded_model_is_explained_by_every_exclusion_reason() {
        String why = WhyNot.explain(decision(BEST, null, BEST, CHEAP, BLIND), "p/blind");

        assertThat(why).isEqualTo("p/blind was excluded: does not accept image input; costs more than maxCostUsd.");
    }

    @Test
    void an_eligible_model_names_the_factors_where_it_trails_the_chosen_one_largest_gap_first() {
        String why = WhyNot.explain(decision(BEST, null, BEST, CHEAP, BLIND), "p/cheap");

        assertThat(why).isEqualTo("p/cheap scored 0.70 vs the chosen model's 0.80: lower on quality, latency.");
        assertThat(why).doesNotContain("cost").doesNotContain("capability");
    }

    @Test
    void equal_factors_fall_back_to_the_profile_tier_fit() {
        String why = WhyNot.explain(decision(BEST, null, BEST, TWIN), "p/twin");

        assertThat(why).isEqualTo("p/twin scored 0.75 vs the chosen model's 0.80: its cost tier fits the balanced "
                + "profile less well.");
    }

    @Test
    void the_chosen_model_an_unknown_model_and_an_override_get_their_own_sentence() {
        RouteDecision d = decision(BEST, null, BEST, CHEAP);

        assertThat(WhyNot.explain(d, "p/best")).isEqualTo("p/best is the chosen model.");
        assertThat(WhyNot.explain(d, "p/nope")).isEqualTo("p/nope was not a candidate for this request.");
        assertThat(WhyNot.explain(decision(CHEAP, "override", BEST, CHEAP), "p/best"))
                .isEqualTo("A per-task override chose p/cheap; p/best scored 0.80.");
    }

    @Test
    void when_nothing_is_eligible_an_excluded_model_still_gets_its_reasons() {
        String why = WhyNot.explain(decision(null, null, BLIND), "p/blind");

        assertThat(why).startsWith("p/blind was excluded: does not accept image input");
    }
}
