package dev.routewise.catalog;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogMergeTest {

    static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    final CatalogMerge merge = new CatalogMerge(new CatalogProperties(new BigDecimal("2.00"), new BigDecimal("8.00")));
    final SourceRef openai = new SourceRef(1, "openai", "openai");

    static PriceEntry entry(String in, String out) {
        return new PriceEntry("gpt-x", "openai", "chat", 128_000, 16_384, in == null ? null : new BigDecimal(in),
                out == null ? null : new BigDecimal(out), null, true, true, true, false, false, false, null);
    }

    @Test
    void an_id_only_listing_is_priced_and_described_from_the_price_catalog() {
        ModelRow row = merge.merge(null, openai, DiscoveredModel.idOnly("gpt-x", null),
                Optional.of(entry("2.5", "10")), false, 7L, NOW);

        assertThat(row.inputPrice()).isEqualByComparingTo("2.5");
        assertThat(row.priceOrigin()).isEqualTo("catalog");
        assertThat(row.contextTokens()).isEqualTo(128_000);
        assertThat(row.modalities()).isEqualTo("image,text");
        assertThat(row.capabilities()).isEqualTo("streaming,structured_output,tools,vision");
        assertThat(row.costTier()).isEqualTo("medium");
        assertThat(row.firstSeenRunId()).isEqualTo(7L);
    }

    @Test
    void a_model_nobody_prices_stays_unpriced_and_has_no_tier() {
        ModelRow row = merge.merge(null, openai, DiscoveredModel.idOnly("mystery-1", null), Optional.empty(),
                false, null, NOW);

        assertThat(row.inputPrice()).isNull();
        assertThat(row.outputPrice()).isNull();
        assertThat(row.priceOrigin()).isNull();
        assertThat(row.costTier()).isNull();
    }

    @Test
    void local_ollama_models_are_known_to_be_free() {
        ModelRow row = merge.merge(null, new SourceRef(2, "ollama", "ollama"),
                DiscoveredModel.idOnly("llama3.2:latest", null), Optional.empty(), false, null, NOW);

        assertThat(row.inputPrice()).isEqualByComparingTo("0");
        assertThat(row.priceOrigin()).isEqualTo("local");
        assertThat(row.costTier()).isEqualTo("low");
    }

    @Test
    void the_providers_own_prices_win_over_the_catalog() {
        DiscoveredModel listed = new DiscoveredModel("gpt-x", "GPT X", 200_000, null, new BigDecimal("1"),
                new BigDecimal("4"), null, Set.of(Modality.TEXT), Set.of(Capability.TOOLS), ModelKind.CHAT, false, null);

        ModelRow row = merge.merge(null, openai, listed, Optional.of(entry("2.5", "10")), false, null, NOW);

        assertThat(row.inputPrice()).isEqualByComparingTo("1");
        assertThat(row.priceOrigin()).isEqualTo("provider");
        assertThat(row.contextTokens()).isEqualTo(200_000);
        assertThat(row.costTier()).isEqualTo("low");
    }

    @Test
    void hand_edits_survive_a_new_listing() {
        ModelRow first = merge.merge(null, openai, DiscoveredModel.idOnly("gpt-x", null),
                Optional.of(entry("2.5", "10")), false, null, NOW);
        ModelRow edited = new ModelRow(5L, 1, "gpt-x", "My GPT", "chat", "high", "manual", new BigDecimal("9"),
                new BigDecimal("9"), null, "manual", first.contextTokens(), first.maxOutputTokens(),
                first.contextOrigin(), first.modalities(), first.capabilities(), first.capabilitiesOrigin(), false,
                "display_name,tier,prices,enabled", "discovered", "active", null, null, NOW, NOW, null);

        ModelRow again = merge.merge(edited, openai, DiscoveredModel.idOnly("gpt-x", null),
                Optional.of(entry("3", "12")), false, null, NOW.plusSeconds(60));

        assertThat(again.displayName()).isEqualTo("My GPT");
        assertThat(again.costTier()).isEqualTo("high");
        assertThat(again.inputPrice()).isEqualByComparingTo("9");
        assertThat(again.enabled()).isFalse();
        assertThat(again.id()).isEqualTo(5L);
        assertThat(again.firstSeenAt()).isEqualTo(NOW);
    }

    @Test
    void non_chat_models_start_disabled() {
        ModelRow embedding = merge.merge(null, openai, DiscoveredModel.idOnly("text-embedding-3-small", null),
                Optional.empty(), false, null, NOW);
        ModelRow image = merge.merge(null, openai, DiscoveredModel.idOnly("dall-e-3", null), Optional.empty(),
                false, null, NOW);

        assertThat(embedding.kind()).isEqualTo("embedding");
        assertThat(embedding.enabled()).isFalse();
        assertThat(image.kind()).isEqualTo("image");
        assertThat(image.enabled()).isFalse();
    }

    @Test
    void a_model_past_its_deprecation_date_is_marked_deprecated() {
        PriceEntry old = new PriceEntry("gemini/gemini-1.5-pro", "gemini", "chat", 2_000_000, 8192,
                new BigDecimal("3.5"), new BigDecimal("10.5"), null, true, true, null, null, null, null,
                java.time.LocalDate.parse("2025-09-29"));

        ModelRow row = merge.merge(null, new SourceRef(3, "google", "google"),
                DiscoveredModel.idOnly("gemini-1.5-pro", null), Optional.of(old), false, null, NOW);

        assertThat(row.status()).isEqualTo("deprecated");
    }

    @Test
    void tiers_follow_the_blended_price_thresholds() {
        CatalogProperties tiers = new CatalogProperties(new BigDecimal("2.00"), new BigDecimal("8.00"));

        assertThat(tiers.tierFor(new BigDecimal("0.15"), new BigDecimal("0.6"))).isEqualTo(CostTier.LOW);
        assertThat(tiers.tierFor(new BigDecimal("1"), new BigDecimal("5"))).isEqualTo(CostTier.LOW);
        assertThat(tiers.tierFor(new BigDecimal("3"), new BigDecimal("15"))).isEqualTo(CostTier.MEDIUM);
        assertThat(tiers.tierFor(new BigDecimal("5"), new BigDecimal("25"))).isEqualTo(CostTier.HIGH);
        assertThat(tiers.tierFor(null, new BigDecimal("25"))).isNull();
    }
}
