package dev.routewise.routing.engine;

import dev.routewise.catalog.CostTier;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProfileTest {

    @Test
    void weights_are_normalised_to_sum_one_whatever_scale_they_are_given_in() {
        Weights percent = new Weights(35, 20, 20, 15, 10);
        Weights fractions = new Weights(0.35, 0.2, 0.2, 0.15, 0.1);
        assertThat(percent.capability()).isCloseTo(fractions.capability(), within(1e-12));
        assertThat(percent.capability() + percent.cost() + percent.quality() + percent.latency()
                + percent.historical()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void negative_or_all_zero_weights_are_refused() {
        assertThatThrownBy(() -> new Weights(-1, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Weights(0, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Weights(Double.NaN, 1, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_built_in_profiles_prefer_the_tiers_of_the_seed_plan() {
        assertThat(Profile.ECO.tierPreference()).containsExactly(CostTier.LOW, CostTier.MEDIUM);
        assertThat(Profile.BALANCED.tierPreference()).containsExactly(CostTier.MEDIUM, CostTier.LOW, CostTier.HIGH);
        assertThat(Profile.PREMIUM.tierPreference()).containsExactly(CostTier.HIGH, CostTier.MEDIUM);
        assertThat(Profile.ECO.tierFit(CostTier.LOW)).isEqualTo(1.0);
        assertThat(Profile.ECO.tierFit(CostTier.MEDIUM)).isEqualTo(0.5);
        assertThat(Profile.ECO.tierFit(CostTier.HIGH)).isZero();
        assertThat(Profile.ECO.tierFit(null)).isZero();
    }

    @Test
    void eco_weighs_cost_most_and_premium_weighs_quality_most() {
        assertThat(Profile.ECO.weights().cost()).isGreaterThan(Profile.BALANCED.weights().cost());
        assertThat(Profile.PREMIUM.weights().quality()).isGreaterThan(Profile.BALANCED.weights().quality());
        assertThat(Profile.PREMIUM.weights().cost()).isLessThan(Profile.BALANCED.weights().cost());
    }

    @Test
    void built_in_profiles_are_found_by_name_ignoring_case() {
        assertThat(Profile.builtIn(" Premium ")).contains(Profile.PREMIUM);
        assertThat(Profile.builtIn("turbo")).isEmpty();
        assertThat(Profile.builtIn(null)).isEmpty();
    }

    @Test
    void a_profile_refuses_a_tier_twice_and_a_tier_weight_outside_zero_to_one() {
        Weights w = new Weights(1, 1, 1, 1, 1);
        assertThatThrownBy(() -> new Profile("x", "", w, List.of(CostTier.LOW, CostTier.LOW), 0.2, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Profile("x", "", w, List.of(), 1.5, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void an_empty_pool_admits_every_model_and_a_pool_only_its_matches() {
        assertThat(Profile.BALANCED.inPool("openai/gpt-4o")).isTrue();
        Profile pooled = Profile.BALANCED.withPool(ModelPattern.all(List.of("anthropic/*", "*/gpt-4o*")));
        assertThat(pooled.inPool("openrouter/openai/gpt-4o")).isTrue();
        assertThat(pooled.inPool("google/gemini-1.5-pro")).isFalse();
        assertThat(pooled.weights()).isEqualTo(Profile.BALANCED.weights());
    }
}
