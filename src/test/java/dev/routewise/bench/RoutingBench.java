package dev.routewise.bench;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.CostTier;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.Modality;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.PreparedCatalog;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.QualityTable;
import dev.routewise.routing.engine.RouteCandidate;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteRequest;
import dev.routewise.routing.engine.RoutingEngine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decision latency of the routing engine alone (classification excluded) at 500 and 5,000
 * catalog models, one calling thread, after warm-up. Synthetic catalogs of realistic shape
 * (mixed providers, tiers, prices, modalities), for this measurement only.
 * Run: {@code ./mvnw -q test-compile exec:java@routing-bench}.
 */
public final class RoutingBench {

    public static void main(String[] args) {
        RoutingEngine engine = new RoutingEngine();
        QualityTable quality = QualityTable.loadDefault();
        System.out.println("Routewise routing engine benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, java " + System.getProperty("java.version") + "); targets p50 < 100 us, p99 < 1 ms");
        for (int size : new int[]{500, 5_000}) {
            List<RouteCandidate> models = PreparedCatalog.of(catalog(size));
            RouteRequest plain = RouteRequest.of(TaskLabel.CODE, Complexity.MEDIUM, 1_200, 600);
            RouteRequest constrained = new RouteRequest(TaskLabel.ANALYSIS, Complexity.COMPLEX, 0.7, 20_000, 2_000,
                    Set.of(Modality.IMAGE), true, false, RouteConstraints.NONE.withMaxCostUsd(new BigDecimal("0.05"))
                    .withExcludedModels(List.of("p3/*")));
            for (Profile profile : List.of(Profile.BALANCED, Profile.ECO)) {
                report(size + " models, " + profile.name() + ", plain code request", engine, plain, profile,
                        models, quality);
            }
            report(size + " models, balanced, image + tools + cost cap", engine, constrained, Profile.BALANCED,
                    models, quality);
        }
    }

    private static void report(String label, RoutingEngine engine, RouteRequest request, Profile profile,
                               List<RouteCandidate> models, QualityTable quality) {
        int warmup = models.size() > 1000 ? 300 : 3_000;
        int runs = models.size() > 1000 ? 1_000 : 10_000;
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += engine.route(request, profile, models, quality, Map.of()).fallbackChain().size();
        }
        long[] micros = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            sink += engine.route(request, profile, models, quality, Map.of()).fallbackChain().size();
            micros[i] = (System.nanoTime() - start) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("  %-52s p50 %6d us   p99 %6d us   (%d runs%s)%n", label, micros[runs / 2],
                micros[(int) (runs * 0.99)], runs, sink == 42 ? "" : "");
    }

    private static List<RouteCandidate> catalog(int size) {
        List<RouteCandidate> models = new ArrayList<>(size);
        CostTier[] tiers = CostTier.values();
        for (int i = 0; i < size; i++) {
            CostTier tier = tiers[i % 3];
            boolean priced = i % 17 != 0;
            BigDecimal in = priced ? BigDecimal.valueOf(5 + (i % 300), 2) : null;
            BigDecimal out = priced ? BigDecimal.valueOf(20 + (i % 900), 2) : null;
            Set<Modality> modalities = i % 2 == 0 ? Set.of(Modality.TEXT, Modality.IMAGE) : Set.of(Modality.TEXT);
            Set<Capability> caps = i % 3 == 0 ? Set.of(Capability.TOOLS, Capability.STREAMING)
                    : Set.of(Capability.STREAMING);
            models.add(new RouteCandidate("p" + (i % 7) + "/model-" + i, "p" + (i % 7),
                    i % 23 == 0 ? ModelKind.EMBEDDING : ModelKind.CHAT, tier, in, out, 8_192 << (i % 6), 4_096,
                    modalities, caps, i % 31 != 0, i % 41 == 0 ? "missing" : "active", true, null));
        }
        return List.copyOf(models);
    }
}
