package dev.routewise.catalog;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PriceCatalogTest {

    static PriceCatalog catalog;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("..", "shared", "data", "catalogs",
                "litellm_model_prices.json"))) {
            catalog = PriceCatalog.parse(in, "test");
        }
    }

    @Test
    void the_real_litellm_snapshot_has_all_its_entries() {
        assertThat(catalog.size()).isEqualTo(2595);
    }

    @Test
    void prices_per_token_become_exact_prices_per_million_tokens() {
        PriceEntry gpt4o = catalog.lookup("openai", "gpt-4o").orElseThrow();

        assertThat(gpt4o.inputPerMTok()).isEqualByComparingTo("2.5");
        assertThat(gpt4o.outputPerMTok()).isEqualByComparingTo("10");
        assertThat(gpt4o.inputPerMTok().toPlainString()).isEqualTo("2.5");
        assertThat(gpt4o.maxInputTokens()).isEqualTo(128_000);
        assertThat(gpt4o.vision()).isTrue();
        assertThat(gpt4o.tools()).isTrue();
    }

    @Test
    void gemini_ids_are_found_under_litellms_gemini_prefix() {
        PriceEntry flash = catalog.lookup("google", "gemini-2.0-flash").orElseThrow();

        assertThat(flash.key()).isEqualTo("gemini/gemini-2.0-flash");
        assertThat(flash.inputPerMTok()).isEqualByComparingTo(new BigDecimal("0.1"));
        assertThat(flash.deprecationDate()).isEqualTo(LocalDate.parse("2026-03-31"));
    }

    @Test
    void gateway_ids_fall_back_to_the_vendors_own_name() {
        assertThat(catalog.lookup("openrouter", "openai/gpt-4o-mini")).hasValueSatisfying(
                e -> assertThat(e.outputPerMTok()).isEqualByComparingTo("0.6"));
    }

    @Test
    void ollama_models_and_unknown_ids_have_no_entry() {
        assertThat(catalog.lookup("ollama", "llama3.2:latest")).isEmpty();
        assertThat(catalog.lookup("openai", "a-model-nobody-knows")).isEmpty();
    }

    @Test
    void garbage_is_refused_with_a_reason() {
        assertThatThrownBy(() -> PriceCatalog.parse(stream("<html>oops</html>"), "x"))
                .isInstanceOf(InvalidPriceCatalogException.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> PriceCatalog.parse(stream("[1,2]"), "x"))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> PriceCatalog.parse(stream("{\"a\":{\"mode\":\"embedding\"}}"), "x"))
                .hasMessageContaining("no priced chat model");
        assertThatThrownBy(() -> PriceCatalog.parse(stream("{\"gpt-4o\": {\"mode\": \"chat\", \"input_cost"), "x"))
                .hasMessageContaining("not valid JSON");
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }
}
