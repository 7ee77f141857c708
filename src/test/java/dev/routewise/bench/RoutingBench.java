package dev.routewise.bench;

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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decision latency of the routing engine alone (classification excluded) at 500 and 5,000
 * catalog models ({@link BenchCatalogs}: real model lists), one calling thread, after warm-up: a quick look.
 * The benchmark of record is {@link RoutingJmh}.
 * Run: {@code ./mvnw -q test-compile exec:java@routing-bench}.
 */
public final class RoutingBench {

    public static void main(String[] args) {
        RoutingEngine engine = new RoutingEngine();
        QualityTable quality = QualityTable.loadDefault();
        System.out.println("Routewise routing engine benchmark (" + Runtime.getRuntime().availableProcessors()
                + " cores, java " + System.getProperty("java.version") + "); targets p50 < 100 us, p99 < 1 ms");
        for (int size : new int[]{500, 5_000}) {
            List<RouteCandidate> models = PreparedCatalog.of(BenchCatalogs.candidates(size));
            RouteRequest plain = RouteRequest.of(TaskLabel.CODE, Complexity.MEDIUM, 1_200, 600);
            RouteRequest constrained = new RouteRequest(TaskLabel.ANALYSIS, Complexity.COMPLEX, 0.7, 20_000, 2_000,
                    Set.of(Modality.IMAGE), true, false, RouteConstraints.NONE.withMaxCostUsd(new BigDecimal("0.05"))
                    .withExcludedModels(List.of("openrouter/*")));
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

}
