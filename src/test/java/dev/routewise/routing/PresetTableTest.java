package dev.routewise.routing;

import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.RouteCandidate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PresetTableTest {

    final PresetTable presets = PresetTable.loadDefault();

    static RouteCandidate model(String id) {
        return new RouteCandidate(id, id.substring(0, id.indexOf('/')), ModelKind.CHAT, CostTier.MEDIUM, null, null,
                128_000, null, Set.of(Modality.TEXT), Set.of(), true, "active", true, null);
    }

    @Test
    void seed_names_resolve_to_the_catalog_ids_of_their_models_dated_or_not() {
        List<RouteCandidate> catalog = List.of(model("anthropic/claude-sonnet-4-5-20250929"),
                model("openrouter/anthropic/claude-sonnet-4.5"), model("openai/gpt-4o-mini"), model("openai/gpt-4o"),
                model("google/gemini-2.0-flash-001"), model("ollama/llama3.1:70b"));

        PresetTable.Resolved r = presets.resolve(catalog);

        assertThat(r.chain("balanced", TaskLabel.CODE)).containsExactly("openrouter/anthropic/claude-sonnet-4.5",
                "openai/gpt-4o", "google/gemini-2.0-flash-001");
        assertThat(r.chain("eco", TaskLabel.DEBUGGING)).containsExactly("google/gemini-2.0-flash-001",
                "openai/gpt-4o-mini", "ollama/llama3.1:70b");
        assertThat(r.chain("balanced", TaskLabel.GENERAL)).containsExactly("openai/gpt-4o");
        assertThat(r.fallbacks()).containsEntry("eco", "openai/gpt-4o-mini").containsEntry("premium",
                "openrouter/anthropic/claude-sonnet-4.5");
    }

    @Test
    void an_exact_name_beats_a_dated_one_and_a_mini_is_not_the_full_model() {
        List<RouteCandidate> catalog = List.of(model("openai/gpt-4o-mini"), model("openai/gpt-4o-2024-08-06"),
                model("azure/gpt-4o"));

        PresetTable.Resolved r = presets.resolve(catalog);

        assertThat(r.chain("balanced", TaskLabel.GENERAL)).containsExactly("azure/gpt-4o");
        assertThat(r.chain("premium", TaskLabel.GENERAL)).containsExactly("azure/gpt-4o");
    }

    @Test
    void a_chain_whose_models_are_absent_resolves_to_nothing_and_the_snapshot_result_is_reused() {
        List<RouteCandidate> catalog = List.of(model("mistral/mistral-large-latest"));

        PresetTable.Resolved r = presets.resolve(catalog);

        assertThat(r.chain("premium", TaskLabel.CODE)).isEmpty();
        assertThat(presets.resolve(catalog)).isSameAs(r);
        assertThat(presets.names("premium", TaskLabel.CODE)).containsExactly("claude-opus-4.5", "gpt-4o", "o3");
    }
}
