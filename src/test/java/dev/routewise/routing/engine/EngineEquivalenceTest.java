package dev.routewise.routing.engine;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine computes on primitive arrays and builds candidates lazily; the engine it replaced built every
 * candidate and sorted them all. On thousands of random catalogs and requests both must decide exactly alike:
 * same choice, scores to the last bit, reasons, exclusion texts, candidate order and fallback chain.
 */
class EngineEquivalenceTest {

    private static final QualityTable QUALITY = QualityTable.loadDefault();
    private static final String[] NAMES = {"gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet-20240620", "claude-3-haiku",
            "gemini-1.5-pro", "gemini-1.5-flash", "llama-3.1-70b", "Mixtral-8x7B", "qwen2.5-coder", "deepseek-v3",
            "o1-mini", "unknown-model", "GPT-4-Turbo"};
    private static final String[] PROVIDERS = {"openai", "anthropic", "google", "groq", "openrouter", "ollama"};
    private static final String[] PRICES = {"0", "0.075", "0.15", "0.6", "1", "1.25", "2.5", "3", "10", "15", "75",
            "0.0000001", "123456.789", "1E+1", "0.30", "2.50000", "2.9999900000000002", "15.000020000000002",
            "0.07500000000000001"};

    private final RoutingEngine engine = new RoutingEngine();
    private final ReferenceRoutingEngine reference = new ReferenceRoutingEngine();

    @Test
    void the_fast_engine_decides_exactly_as_the_reference_engine_on_random_catalogs_and_requests() {
        Random random = new Random(20_250_805L);
        for (int round = 0; round < 1_500; round++) {
            List<RouteCandidate> catalog = catalog(random, random.nextInt(round % 10 == 0 ? 400 : 40));
            PreparedCatalog prepared = PreparedCatalog.of(catalog);
            for (int r = 0; r < 4; r++) {
                RouteRequest request = request(random, catalog);
                Profile profile = profile(random);
                Map<TaskLabel, String> overrides = overrides(random, catalog, request.task());
                Map<String, Double> rates = rates(random, catalog);
                RouteDecision expected = reference.route(request, profile, catalog, QUALITY, overrides, rates);
                RouteDecision actual = engine.route(request, profile, random.nextBoolean() ? prepared : catalog,
                        QUALITY, overrides, rates);
                String where = "round " + round + "." + r + " " + request + " " + profile.name();
                // the cheap parts first: they are read without building the candidate list
                assertThat(actual.chosen()).as(where).isEqualTo(expected.chosen());
                assertThat(actual.reasons()).as(where).isEqualTo(expected.reasons());
                assertThat(actual.fallbackChain()).as(where).isEqualTo(expected.fallbackChain());
                assertThat(actual.rule()).as(where).isEqualTo(expected.rule());
                assertThat(actual.estimatedCostUsd()).as(where).isEqualTo(expected.estimatedCostUsd());
                assertThat(actual.candidates()).as(where).isEqualTo(expected.candidates());
                assertThat(actual.excludedByRule()).as(where).isEqualTo(expected.excludedByRule());
                assertThat(actual).as(where).isEqualTo(expected);
                if (actual.chosen() != null) {
                    assertThat(actual.candidates()).as(where).contains(actual.chosen());
                }
            }
        }
    }

    @Test
    void the_best_candidates_read_first_from_a_large_catalog_are_those_of_the_full_order() {
        Random random = new Random(7);
        for (int round = 0; round < 20; round++) {
            List<RouteCandidate> catalog = catalog(random, 3_000);
            RouteRequest request = request(random, catalog);
            Profile profile = profile(random);
            RouteDecision expected = reference.route(request, profile, catalog, QUALITY, Map.of(), Map.of());
            RouteDecision actual = engine.route(request, profile, PreparedCatalog.of(catalog), QUALITY, Map.of(),
                    Map.of());
            int first = Math.min(100, expected.candidates().size());
            // read as the API does: the first hundred, one by one, before anything else
            for (int k = 0; k < first; k++) {
                assertThat(actual.candidates().get(k)).as("round " + round + " position " + k)
                        .isEqualTo(expected.candidates().get(k));
            }
            assertThat(actual.candidates()).as("round " + round).isEqualTo(expected.candidates());
        }
    }

    @Test
    void a_cost_cap_equal_to_a_model_cost_or_just_below_it_is_decided_exactly() {
        RouteCandidate m = Models.chat("p/odd", CostTier.LOW, "0.1", "0.2", 100_000, Models.TEXT, Set.of());
        RouteRequest base = RouteRequest.of(TaskLabel.CODE, Complexity.MEDIUM, 3, 7);
        BigDecimal exact = m.estimateCostUsd(3, 7); // 0.0000017, not a binary fraction
        for (BigDecimal cap : List.of(exact, exact.subtract(new BigDecimal("1E-30")),
                exact.add(new BigDecimal("1E-30")))) {
            RouteRequest r = base.withConstraints(RouteConstraints.NONE.withMaxCostUsd(cap));
            boolean admitted = engine.route(r, Profile.BALANCED, List.of(m), QUALITY, Map.of()).routed();
            assertThat(admitted).as("cap " + cap.toPlainString()).isEqualTo(exact.compareTo(cap) <= 0);
        }
    }

    private static List<RouteCandidate> catalog(Random random, int size) {
        List<RouteCandidate> models = new ArrayList<>(size);
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < size; i++) {
            String provider = PROVIDERS[random.nextInt(PROVIDERS.length)];
            String id = provider + "/" + NAMES[random.nextInt(NAMES.length)] + (random.nextInt(4) == 0 ? "" : "-" + i);
            if (!ids.add(id)) {
                continue;
            }
            boolean priced = random.nextInt(8) != 0;
            CostTier[] tiers = CostTier.values();
            CostTier tier = random.nextInt(6) == 0 ? null : tiers[random.nextInt(tiers.length)];
            Set<Modality> modalities = EnumSet.noneOf(Modality.class);
            for (Modality mod : Modality.values()) {
                if (random.nextInt(3) == 0) {
                    modalities.add(mod);
                }
            }
            Set<Capability> caps = EnumSet.noneOf(Capability.class);
            for (Capability cap : Capability.values()) {
                if (random.nextBoolean()) {
                    caps.add(cap);
                }
            }
            ModelKind kind = random.nextInt(12) == 0 ? ModelKind.values()[random.nextInt(ModelKind.values().length)]
                    : ModelKind.CHAT;
            String status = switch (random.nextInt(10)) {
                case 0 -> "Missing";
                case 1 -> "deprecated";
                default -> "active";
            };
            models.add(new RouteCandidate(id, provider, kind, tier,
                    priced ? new BigDecimal(PRICES[random.nextInt(PRICES.length)]) : null,
                    priced ? new BigDecimal(PRICES[random.nextInt(PRICES.length)]) : null,
                    random.nextInt(7) == 0 ? null : 4_096 << random.nextInt(9), 4_096, modalities, caps,
                    random.nextInt(15) != 0, status, random.nextInt(15) != 0,
                    random.nextInt(4) == 0 ? random.nextInt(5_000) : null));
        }
        if (!models.isEmpty() && random.nextInt(4) == 0) {
            // the same models through other gateways: long runs of equal scores, broken by id
            int copies = 1 + random.nextInt(80);
            for (int k = 0; k < copies; k++) {
                RouteCandidate m = models.get(random.nextInt(Math.min(3, models.size())));
                String provider = "mirror-" + k % 5;
                if (ids.add(provider + "/" + m.id())) {
                    models.add(new RouteCandidate(provider + "/" + m.id(), provider, m.kind(), m.costTier(),
                            m.inputPricePerMTok(), m.outputPricePerMTok(), m.contextTokens(), m.maxOutputTokens(),
                            m.modalities(), m.capabilities(), m.enabled(), m.status(), m.sourceHealthy(),
                            m.observedP50LatencyMs()));
                }
            }
        }
        return models;
    }

    private static RouteRequest request(Random random, List<RouteCandidate> catalog) {
        TaskLabel task = TaskLabel.values()[random.nextInt(TaskLabel.values().length)];
        int in = random.nextInt(4) == 0 ? random.nextInt(2_000_000) : random.nextInt(20_000);
        int out = random.nextInt(8_000);
        Set<Modality> modalities = random.nextInt(3) == 0 ? Set.of(Modality.IMAGE) : Set.of();
        RouteConstraints c = RouteConstraints.NONE;
        if (random.nextInt(3) == 0) {
            BigDecimal cap;
            RouteCandidate some = catalog.isEmpty() ? null : catalog.get(random.nextInt(catalog.size()));
            BigDecimal itsCost = some == null ? null : some.estimateCostUsd(in, out);
            if (itsCost != null && random.nextBoolean()) {
                cap = itsCost; // exactly on a model's cost
            } else {
                cap = new BigDecimal(random.nextInt(10_000)).movePointLeft(random.nextInt(6));
            }
            c = c.withMaxCostUsd(cap);
        }
        if (random.nextInt(5) == 0) {
            c = c.withMinQuality((double) random.nextInt(90));
        }
        if (random.nextInt(5) == 0) {
            c = c.withMaxLatencyMs(500 + random.nextInt(3_000));
        }
        if (random.nextInt(5) == 0) {
            c = c.withModalities(Set.of(Modality.values()[random.nextInt(Modality.values().length)]));
        }
        if (random.nextInt(6) == 0) {
            c = c.withMinContextTokens(random.nextInt(300_000));
        }
        if (random.nextInt(6) == 0) {
            c = c.withAllowedModels(List.of(PROVIDERS[random.nextInt(PROVIDERS.length)] + "/*", "*MINI*"));
        }
        if (random.nextInt(6) == 0) {
            c = c.withExcludedModels(List.of("*/claude*", "openai/gpt-4o-" + random.nextInt(40)));
        }
        return new RouteRequest(task, Complexity.values()[random.nextInt(Complexity.values().length)],
                random.nextDouble(), in, out, modalities, random.nextInt(4) == 0, random.nextInt(5) == 0, c);
    }

    private static Profile profile(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> Profile.ECO;
            case 1 -> Profile.PREMIUM;
            case 2 -> Profile.BALANCED.withPool(List.of(ModelPattern.of("anthropic/*"), ModelPattern.of("*flash*")));
            case 3 -> new Profile("custom", "", new Weights(random.nextInt(5), 1, random.nextInt(5), 0, 2),
                    List.of(CostTier.HIGH), random.nextDouble(), List.of());
            default -> Profile.BALANCED;
        };
    }

    private static Map<TaskLabel, String> overrides(Random random, List<RouteCandidate> catalog, TaskLabel task) {
        int pick = random.nextInt(5);
        if (pick == 0 && !catalog.isEmpty()) {
            return Map.of(task, catalog.get(random.nextInt(catalog.size())).id());
        }
        return pick == 1 ? Map.of(task, "acme/gone") : Map.of();
    }

    private static Map<String, Double> rates(Random random, List<RouteCandidate> catalog) {
        Map<String, Double> rates = new HashMap<>();
        if (random.nextBoolean()) {
            for (RouteCandidate m : catalog) {
                if (random.nextInt(3) == 0) {
                    rates.put(m.id(), random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 1.2 - 0.1);
                }
            }
        }
        return rates;
    }
}
