package dev.routewise.routing.engine;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A small catalog of real model ids and list prices (USD per MTok) for engine tests. */
final class Models {

    static final Set<Modality> TEXT = Set.of(Modality.TEXT);
    static final Set<Modality> VISION = Set.of(Modality.TEXT, Modality.IMAGE);
    static final Set<Capability> TOOLS_JSON = Set.of(Capability.TOOLS, Capability.STRUCTURED_OUTPUT,
            Capability.STREAMING);

    static final RouteCandidate GPT_4O_MINI = chat("openai/gpt-4o-mini-2024-07-18", CostTier.LOW, "0.15", "0.60",
            128_000, VISION, TOOLS_JSON);
    static final RouteCandidate GPT_4O = chat("openai/gpt-4o-2024-08-06", CostTier.MEDIUM, "2.50", "10.00", 128_000,
            VISION, TOOLS_JSON);
    static final RouteCandidate GPT_4_TURBO = chat("openai/gpt-4-turbo-2024-04-09", CostTier.HIGH, "10", "30",
            128_000, VISION, TOOLS_JSON);
    static final RouteCandidate SONNET = chat("anthropic/claude-3-5-sonnet-20240620", CostTier.MEDIUM, "3", "15",
            200_000, VISION, Set.of(Capability.TOOLS));
    static final RouteCandidate OPUS = chat("anthropic/claude-3-opus-20240229", CostTier.HIGH, "15", "75", 200_000,
            VISION, Set.of(Capability.TOOLS));
    static final RouteCandidate HAIKU = chat("anthropic/claude-3-haiku-20240307", CostTier.LOW, "0.25", "1.25",
            200_000, VISION, Set.of(Capability.TOOLS));
    static final RouteCandidate FLASH = chat("google/gemini-1.5-flash", CostTier.LOW, "0.075", "0.30", 1_000_000,
            Set.of(Modality.TEXT, Modality.IMAGE, Modality.AUDIO), TOOLS_JSON);
    static final RouteCandidate GEMINI_PRO = chat("google/gemini-1.5-pro", CostTier.MEDIUM, "1.25", "5", 2_000_000,
            Set.of(Modality.TEXT, Modality.IMAGE, Modality.AUDIO), TOOLS_JSON);
    static final RouteCandidate LLAMA_LOCAL = chat("ollama/llama3:8b", null, null, null, 8_192, TEXT, Set.of());
    static final RouteCandidate EMBEDDING = new RouteCandidate("openai/text-embedding-3-small", "openai",
            ModelKind.EMBEDDING, CostTier.LOW, new BigDecimal("0.02"), BigDecimal.ZERO, 8_191, null,
            Set.of(Modality.EMBEDDING), Set.of(), true, "active", true, null);

    static final List<RouteCandidate> CATALOG = List.of(GPT_4O_MINI, GPT_4O, GPT_4_TURBO, SONNET, OPUS, HAIKU, FLASH,
            GEMINI_PRO, LLAMA_LOCAL, EMBEDDING);

    static RouteCandidate chat(String id, CostTier tier, String in, String out, Integer context,
                               Set<Modality> modalities, Set<Capability> capabilities) {
        return new RouteCandidate(id, id.substring(0, id.indexOf('/')), ModelKind.CHAT, tier,
                in == null ? null : new BigDecimal(in), out == null ? null : new BigDecimal(out), context, 16_384,
                modalities, capabilities.isEmpty() ? Set.of() : EnumSet.copyOf(capabilities), true, "active", true,
                null);
    }

    static RouteCandidate disabled(RouteCandidate m) {
        return new RouteCandidate(m.id(), m.provider(), m.kind(), m.costTier(), m.inputPricePerMTok(),
                m.outputPricePerMTok(), m.contextTokens(), m.maxOutputTokens(), m.modalities(), m.capabilities(),
                false, m.status(), m.sourceHealthy(), m.observedP50LatencyMs());
    }

    static RouteCandidate withStatus(RouteCandidate m, String status) {
        return new RouteCandidate(m.id(), m.provider(), m.kind(), m.costTier(), m.inputPricePerMTok(),
                m.outputPricePerMTok(), m.contextTokens(), m.maxOutputTokens(), m.modalities(), m.capabilities(),
                m.enabled(), status, m.sourceHealthy(), m.observedP50LatencyMs());
    }

    static RouteCandidate unhealthy(RouteCandidate m) {
        return new RouteCandidate(m.id(), m.provider(), m.kind(), m.costTier(), m.inputPricePerMTok(),
                m.outputPricePerMTok(), m.contextTokens(), m.maxOutputTokens(), m.modalities(), m.capabilities(),
                m.enabled(), m.status(), false, m.observedP50LatencyMs());
    }

    private Models() {
    }
}
