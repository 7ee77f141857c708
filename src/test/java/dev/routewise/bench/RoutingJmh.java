package dev.routewise.bench;

import dev.routewise.catalog.Modality;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.PreparedCatalog;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.QualityTable;
import dev.routewise.routing.engine.RouteCandidate;
import dev.routewise.routing.engine.RouteConstraints;
import dev.routewise.routing.engine.RouteDecision;
import dev.routewise.routing.engine.RouteRequest;
import dev.routewise.routing.engine.RoutingEngine;
import dev.routewise.routing.engine.ScoredCandidate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Routing decision latency (issue 5, item 13), classification excluded: the engine choosing among 500 and 5,000
 * real catalog models ({@link BenchCatalogs}) prepared once, as the app prepares each catalog snapshot. Sample-time
 * mode, so JMH reports p50, p90, p99 per benchmark. Targets: p50 &lt; 100 us, p99 &lt; 1 ms.
 * <ul>
 *   <li>{@code plain}: a code request, 1,200 tokens in, 600 out, balanced profile, no constraints;</li>
 *   <li>{@code constrained}: an analysis request with an image, tools, 20,000 tokens in and a $0.05 cost cap;</li>
 *   <li>{@code plainTop100}: {@code plain}, then the 100 best candidates read with their factors, as the
 *       /api/v1/route answer and the test bench show them (the rest of the list stays unbuilt).</li>
 * </ul>
 * Each operation consumes what a caller of the decision reads: the chosen model, fallback chain and reasons.
 * Run: {@code ./mvnw -q test-compile exec:exec@routing-jmh} (one fork, 3 x 3 s warm-up, 5 x 3 s measurement per
 * benchmark; JSON in target/routing-jmh.json). JMH options can be given instead: see the pom.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RoutingJmh {

    @Param({"500", "5000"})
    public int models;

    private final RoutingEngine engine = new RoutingEngine();
    private QualityTable quality;
    private List<RouteCandidate> catalog;
    private RouteRequest plain;
    private RouteRequest constrained;

    @Setup
    public void setUp() {
        quality = QualityTable.loadDefault();
        catalog = PreparedCatalog.of(BenchCatalogs.candidates(models));
        plain = RouteRequest.of(TaskLabel.CODE, Complexity.MEDIUM, 1_200, 600);
        constrained = new RouteRequest(TaskLabel.ANALYSIS, Complexity.COMPLEX, 0.7, 20_000, 2_000,
                Set.of(Modality.IMAGE), true, false,
                RouteConstraints.NONE.withMaxCostUsd(new BigDecimal("0.05")));
        if (!engine.route(plain, Profile.BALANCED, catalog, quality, Map.of()).routed()
                || !engine.route(constrained, Profile.BALANCED, catalog, quality, Map.of()).routed()) {
            throw new IllegalStateException("the benchmark requests must find a model in the catalog");
        }
    }

    @Benchmark
    public void plain(Blackhole bh) {
        consume(engine.route(plain, Profile.BALANCED, catalog, quality, Map.of()), bh);
    }

    @Benchmark
    public void constrained(Blackhole bh) {
        consume(engine.route(constrained, Profile.BALANCED, catalog, quality, Map.of()), bh);
    }

    @Benchmark
    public void plainTop100(Blackhole bh) {
        RouteDecision d = engine.route(plain, Profile.BALANCED, catalog, quality, Map.of());
        consume(d, bh);
        List<ScoredCandidate> candidates = d.candidates();
        for (int k = 0; k < Math.min(100, candidates.size()); k++) {
            ScoredCandidate c = candidates.get(k);
            bh.consume(c.factors());
            bh.consume(c.excludedBecause());
        }
    }

    private static void consume(RouteDecision d, Blackhole bh) {
        bh.consume(d.chosen());
        bh.consume(d.fallbackChain());
        bh.consume(d.reasons());
    }
}
