package dev.routewise.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns what a provider listed, what the price catalog knows and what an operator set by hand
 * into one catalog row. Hand-set fields always win; then the provider; then the price catalog;
 * a price nobody knows stays null (unpriced), never zero.
 */
final class CatalogMerge {

    static final String MANUAL_DISPLAY_NAME = "display_name";
    static final String MANUAL_TIER = "tier";
    static final String MANUAL_PRICES = "prices";
    static final String MANUAL_ENABLED = "enabled";

    private final CatalogProperties tiers;

    CatalogMerge(CatalogProperties tiers) {
        this.tiers = tiers;
    }

    ModelRow merge(ModelRow existing, SourceRef source, DiscoveredModel listed, Optional<PriceEntry> catalogEntry,
                   boolean fallback, Long runId, Instant now) {
        PriceEntry entry = catalogEntry.orElse(null);
        Set<String> manual = existing == null ? Set.of() : manualFields(existing.manualFields());
        boolean local = "ollama".equals(source.providerKey());

        ModelKind kind = listed.kind() != null ? listed.kind() : kindOf(entry, listed.modelId());

        String displayName = manual.contains(MANUAL_DISPLAY_NAME) ? existing.displayName()
                : listed.displayName() != null && !listed.displayName().isBlank() ? listed.displayName().strip()
                : prettify(listed.modelId());

        BigDecimal input;
        BigDecimal output;
        BigDecimal cacheRead;
        String priceOrigin;
        if (manual.contains(MANUAL_PRICES)) {
            input = existing.inputPrice();
            output = existing.outputPrice();
            cacheRead = existing.cacheReadPrice();
            priceOrigin = "manual";
        } else if (listed.inputPricePerMTok() != null && listed.outputPricePerMTok() != null) {
            input = listed.inputPricePerMTok();
            output = listed.outputPricePerMTok();
            cacheRead = listed.cacheReadPricePerMTok();
            priceOrigin = local ? "local" : fallback ? "fallback" : "provider";
        } else if (entry != null && entry.priced()) {
            input = entry.inputPerMTok();
            output = entry.outputPerMTok();
            cacheRead = entry.cacheReadPerMTok();
            priceOrigin = "catalog";
        } else if (local) {
            input = BigDecimal.ZERO;
            output = BigDecimal.ZERO;
            cacheRead = null;
            priceOrigin = "local";
        } else {
            input = null;
            output = null;
            cacheRead = null;
            priceOrigin = null;
        }

        Integer context = listed.contextTokens();
        Integer maxOutput = listed.maxOutputTokens();
        String contextOrigin = context != null ? (fallback ? "fallback" : "provider") : null;
        if (context == null && entry != null && entry.maxInputTokens() != null) {
            context = entry.maxInputTokens();
            contextOrigin = "catalog";
        }
        if (maxOutput == null && entry != null) {
            maxOutput = entry.maxOutputTokens();
        }

        Set<Modality> modalities = EnumSet.noneOf(Modality.class);
        modalities.addAll(listed.modalities());
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        capabilities.addAll(listed.capabilities());
        String capabilitiesOrigin = listed.capabilities().isEmpty() && listed.modalities().isEmpty() ? null
                : fallback ? "fallback" : "provider";
        if (entry != null) {
            boolean fromCatalog = false;
            if (listed.modalities().isEmpty()) {
                if (Boolean.TRUE.equals(entry.vision())) {
                    modalities.add(Modality.IMAGE);
                    fromCatalog = true;
                }
                if (Boolean.TRUE.equals(entry.audioInput())) {
                    modalities.add(Modality.AUDIO);
                    fromCatalog = true;
                }
                if (Boolean.TRUE.equals(entry.pdfInput())) {
                    modalities.add(Modality.FILE);
                    fromCatalog = true;
                }
            }
            fromCatalog |= addIf(capabilities, entry.tools(), Capability.TOOLS);
            fromCatalog |= addIf(capabilities, entry.structuredOutput(), Capability.STRUCTURED_OUTPUT);
            fromCatalog |= addIf(capabilities, entry.reasoning(), Capability.REASONING);
            if (fromCatalog && capabilitiesOrigin == null) {
                capabilitiesOrigin = "catalog";
            }
        }
        if (kind == ModelKind.EMBEDDING) {
            modalities.add(Modality.EMBEDDING);
        }
        modalities.add(Modality.TEXT);
        if (modalities.contains(Modality.IMAGE)) {
            capabilities.add(Capability.VISION);
        }
        if (kind == ModelKind.CHAT) {
            // every provider API Routewise speaks streams chat completions
            capabilities.add(Capability.STREAMING);
        }
        if (capabilitiesOrigin == null) {
            capabilitiesOrigin = "inferred";
        }

        String costTier;
        String tierOrigin;
        if (manual.contains(MANUAL_TIER)) {
            costTier = existing.costTier();
            tierOrigin = "manual";
        } else {
            CostTier tier = tiers.tierFor(input, output);
            costTier = tier == null ? null : tier.key();
            tierOrigin = tier == null ? null : "inferred";
        }

        // only chat models are routed, so other kinds start disabled; afterwards only a hand edit changes it
        boolean enabled = existing != null ? existing.enabled() : kind == ModelKind.CHAT;

        boolean deprecated = listed.deprecated()
                || (entry != null && entry.deprecationDate() != null
                && entry.deprecationDate().isBefore(LocalDate.ofInstant(now, java.time.ZoneOffset.UTC)));
        String status = deprecated ? "deprecated" : "active";

        return new ModelRow(existing == null ? null : existing.id(), source.id(), listed.modelId(), displayName,
                kind.key(), costTier, tierOrigin, input, output, cacheRead, priceOrigin, context, maxOutput,
                contextOrigin, keys(modalities.stream().map(Modality::key)),
                keys(capabilities.stream().map(Capability::key)), capabilitiesOrigin, enabled,
                existing == null ? "" : existing.manualFields(), fallback ? "fallback" : "discovered", status, null,
                listed.createdAt(), existing == null ? now : existing.firstSeenAt(), now,
                existing == null ? runId : existing.firstSeenRunId());
    }

    private static boolean addIf(Set<Capability> set, Boolean flag, Capability capability) {
        return Boolean.TRUE.equals(flag) && set.add(capability);
    }

    static Set<String> manualFields(String csv) {
        if (csv == null || csv.isBlank()) {
            return Set.of();
        }
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String keys(java.util.stream.Stream<String> keys) {
        return keys.sorted().collect(Collectors.joining(","));
    }

    /** What a model is for, from the price catalog's mode or else from its name. */
    static ModelKind kindOf(PriceEntry entry, String modelId) {
        if (entry != null && entry.mode() != null) {
            switch (entry.mode()) {
                case "chat", "completion", "responses":
                    return ModelKind.CHAT;
                case "embedding":
                    return ModelKind.EMBEDDING;
                case "image_generation", "image_edit":
                    return ModelKind.IMAGE;
                case "audio_transcription", "audio_speech":
                    return ModelKind.AUDIO;
                case "moderation":
                    return ModelKind.MODERATION;
                default:
                    return ModelKind.OTHER;
            }
        }
        String id = modelId.toLowerCase(Locale.ROOT);
        if (id.contains("embed")) {
            return ModelKind.EMBEDDING;
        }
        if (id.contains("whisper") || id.contains("tts") || id.contains("transcribe") || id.startsWith("audio")) {
            return ModelKind.AUDIO;
        }
        if (id.contains("dall-e") || id.contains("gpt-image") || id.contains("imagen") || id.contains("sora")) {
            return ModelKind.IMAGE;
        }
        if (id.contains("moderation") || id.contains("guard")) {
            return ModelKind.MODERATION;
        }
        return ModelKind.CHAT;
    }

    /** Model-name words as vendors write them: GPT, TTS, DALL·E stay upper case; o1/o3/o4 stay lower case. */
    private static String word(String w) {
        String lower = w.toLowerCase(Locale.ROOT);
        if (Set.of("gpt", "tts", "dall", "e", "ai", "vl", "it").contains(lower)) {
            return lower.toUpperCase(Locale.ROOT);
        }
        if (lower.matches("o\\d.*") || lower.matches("\\d.*")) {
            return lower;
        }
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

    /** "claude-3-5-sonnet-20241022" -> "Claude 3 5 Sonnet 20241022"; good enough when the provider gives no name. */
    static String prettify(String modelId) {
        String base = modelId.contains("/") ? modelId.substring(modelId.lastIndexOf('/') + 1) : modelId;
        return Arrays.stream(base.split("[-_:\\s]+")).filter(s -> !s.isEmpty())
                .map(CatalogMerge::word)
                .collect(Collectors.joining(" "));
    }
}
