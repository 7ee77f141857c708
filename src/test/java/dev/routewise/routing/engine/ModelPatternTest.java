package dev.routewise.routing.engine;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelPatternTest {

    @Test
    void a_provider_glob_matches_every_model_of_that_provider_and_no_other() {
        ModelPattern p = ModelPattern.of("anthropic/*");
        assertThat(p.matches("anthropic/claude-3-5-sonnet-20240620")).isTrue();
        assertThat(p.matches("openai/gpt-4o")).isFalse();
        assertThat(p.matches("openrouter/anthropic/claude-3.5-sonnet")).isFalse();
    }

    @Test
    void a_leading_star_matches_a_model_name_under_any_source_including_gateway_prefixes() {
        ModelPattern p = ModelPattern.of("*/gpt-4o*");
        assertThat(p.matches("openai/gpt-4o")).isTrue();
        assertThat(p.matches("openai/gpt-4o-mini-2024-07-18")).isTrue();
        assertThat(p.matches("openrouter/openai/gpt-4o")).isTrue();
        assertThat(p.matches("openai/gpt-4-turbo")).isFalse();
        assertThat(p.matches("gpt-4o")).isFalse();
    }

    @Test
    void an_exact_id_matches_only_itself_ignoring_case() {
        ModelPattern p = ModelPattern.of("openai/o3");
        assertThat(p.matches("openai/o3")).isTrue();
        assertThat(p.matches("OpenAI/O3")).isTrue();
        assertThat(p.matches("openai/o3-mini")).isFalse();
        assertThat(p.matches("xopenai/o3")).isFalse();
    }

    @Test
    void stars_in_the_middle_and_repeated_stars_match_like_a_shell_glob() {
        assertThat(ModelPattern.of("*claude*sonnet*").matches("anthropic/claude-3-5-sonnet-20240620")).isTrue();
        assertThat(ModelPattern.of("**").matches("")).isTrue();
        assertThat(ModelPattern.of("a*b").matches("ab")).isTrue();
        assertThat(ModelPattern.of("a*b").matches("abc")).isFalse();
        assertThat(ModelPattern.of("*").matches("anything/at-all")).isTrue();
    }

    @Test
    void a_pathological_pattern_still_answers_quickly() {
        String id = "a".repeat(5_000);
        ModelPattern p = ModelPattern.of("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        long start = System.nanoTime();
        assertThat(p.matches(id)).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
    }

    @Test
    void any_matches_is_false_for_an_empty_list_and_blank_patterns_are_refused() {
        assertThat(ModelPattern.anyMatches(List.of(), "openai/gpt-4o")).isFalse();
        assertThat(ModelPattern.anyMatches(ModelPattern.all(List.of("google/*", "openai/*")), "openai/gpt-4o"))
                .isTrue();
        assertThatThrownBy(() -> ModelPattern.of("  ")).isInstanceOf(IllegalArgumentException.class);
    }
}
