package dev.routewise.routing.engine;

import dev.routewise.catalog.CostTier;
import dev.routewise.classify.engine.TaskLabel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class QualityTableTest {

    private final QualityTable table = QualityTable.loadDefault();

    @Test
    void the_default_table_carries_the_arena_hard_figures() {
        assertThat(table.size()).isGreaterThan(10);
        assertThat(table.lookup("openai/gpt-4o").orElseThrow().quality()).isEqualTo(79.2);
        assertThat(table.lookup("openai/gpt-4o").orElseThrow().source()).isEqualTo("arena-hard");
        assertThat(table.quality("anthropic/claude-3-5-sonnet-20240620", CostTier.MEDIUM)).isEqualTo(79.4);
    }

    @Test
    void dated_and_gateway_prefixed_ids_find_their_model() {
        assertThat(table.lookup("openai/gpt-4o-2024-08-06").orElseThrow().key()).isEqualTo("gpt-4o");
        assertThat(table.lookup("openrouter/openai/gpt-4o").orElseThrow().key()).isEqualTo("gpt-4o");
        assertThat(table.lookup("openrouter/anthropic/claude-3.5-sonnet").orElseThrow().key())
                .isEqualTo("claude-3-5-sonnet");
    }

    @Test
    void the_longest_key_wins_and_a_key_only_matches_at_a_word_boundary() {
        assertThat(table.lookup("openai/gpt-4o-mini").orElseThrow().key()).isEqualTo("gpt-4o-mini");
        assertThat(table.lookup("openai/gpt-4").isPresent()).isFalse();
        assertThat(table.lookup("openai/gpt-4oz").isPresent()).isFalse();
    }

    @Test
    void unknown_models_get_a_default_by_cost_tier() {
        assertThat(table.quality("acme/brand-new", CostTier.HIGH)).isEqualTo(78.0);
        assertThat(table.quality("acme/brand-new", CostTier.LOW)).isEqualTo(50.0);
        assertThat(table.quality("acme/brand-new", null)).isEqualTo(50.0);
        assertThat(table.taskFit("acme/brand-new", CostTier.MEDIUM, TaskLabel.CODE)).isCloseTo(0.65, within(1e-9));
    }

    @Test
    void task_fit_is_the_listed_value_else_quality_over_one_hundred() {
        QualityTable t = QualityTable.parse("""
                # comment
                model,quality,source,task_fit
                coder-x,60,test,code=0.9;math=0.7
                """);
        assertThat(t.taskFit("acme/coder-x-7b", CostTier.LOW, TaskLabel.CODE)).isEqualTo(0.9);
        assertThat(t.taskFit("acme/coder-x-7b", CostTier.LOW, TaskLabel.CREATIVE)).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void a_table_with_an_out_of_range_figure_or_unknown_task_is_refused() {
        assertThatThrownBy(() -> QualityTable.parse("model,quality,source,task_fit\nx,101,test,\n"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> QualityTable.parse("model,quality,source,task_fit\nx,50,test,cooking=0.5\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cooking");
    }
}
