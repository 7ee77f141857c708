package dev.routewise.spend;

import dev.routewise.catalog.CatalogChanged;
import dev.routewise.catalog.SourceRef;
import dev.routewise.routing.RoutingTestCatalog;
import dev.routewise.support.ApiClient;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * What downgrade suggestions are made from, set up for a test on a task id of its own (so other tests' records on
 * real tasks never mix in): priced catalog models, the models' hourly records on the task, and ledger entries.
 * {@link #cleanUp} removes all of it.
 */
public final class SuggestionEvidence {

    private final ApplicationContext context;
    private final JdbcClient jdbc;
    private final CostLedger ledger;
    private final Clock clock;
    private final ApiClient api;
    private final List<SourceRef> sources = new ArrayList<>();
    public final String task = "sug-" + UUID.randomUUID().toString().substring(0, 8);

    public SuggestionEvidence(ApplicationContext context, ApiClient api) {
        this.context = context;
        this.api = api;
        this.jdbc = context.getBean(JdbcClient.class);
        this.ledger = context.getBean(CostLedger.class);
        this.clock = context.getBean(Clock.class);
    }

    /** A catalog model at $price per million tokens in and out; its id. */
    public String model(String prefix, String modelId, String price) {
        SourceRef s = RoutingTestCatalog.create(context, prefix, "openai-compatible", modelId);
        sources.add(s);
        jdbc.sql("UPDATE catalog_model SET input_price = ?, output_price = ?, price_origin = 'manual' "
                + "WHERE source_id = ?").params(price, price, s.id()).update();
        context.publishEvent(new CatalogChanged(s.id()));
        return s.slug() + "/" + modelId;
    }

    /** The gateway's hourly record of the model's successes and failures on the task. */
    public void record(String model, int successes, int failures) {
        jdbc.sql("INSERT INTO model_observation (model, task, hour, successes, failures) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (model, task, hour) DO UPDATE SET successes = successes + excluded.successes, "
                        + "failures = failures + excluded.failures")
                .params(model, task, clock.millis() / 3_600_000L, successes, failures).update();
    }

    /** {@code calls} gateway calls of 1,000 input and 1,000 output tokens each, once the ledger wrote them. */
    public void spend(String model, int calls) {
        for (int i = 0; i < calls; i++) {
            ledger.record(new CostEntry(UUID.randomUUID().toString(), clock.millis(), CostSource.GATEWAY, model,
                    "test", task, "balanced", "ann", null, null, new TokenCounts(1000, 0, 0, 1000, 0), null,
                    new BigDecimal("0.02"), CostStatus.KNOWN));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM cost_entry WHERE model = ? "
                + "AND task = ?").params(model, task).query(Integer.class).single() == calls);
    }

    /** A routed decision of the task with a reported outcome rated {@code rating}. */
    public void outcome(String model, int rating) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO routing_decision (decision_id, created_at, profile, task, complexity, confidence, "
                + "classifier_tier, model, latency_micros, detail) VALUES (?, ?, 'balanced', ?, 'low', 0.9, 'signals', "
                + "?, 100, '{}')").params(id, clock.millis(), task, model).update();
        jdbc.sql("INSERT INTO decision_outcome (decision_id, reported_at, model, task, success, quality_rating) "
                + "VALUES (?, ?, ?, ?, 1, ?)").params(id, clock.millis(), model, task, rating).update();
    }

    public void cleanUp() {
        jdbc.sql("DELETE FROM model_observation WHERE task = ?").param(task).update();
        jdbc.sql("DELETE FROM cost_daily WHERE task = ?").param(task).update();
        jdbc.sql("DELETE FROM cost_monthly WHERE task = ?").param(task).update();
        jdbc.sql("DELETE FROM cost_entry WHERE task = ?").param(task).update();
        sources.forEach(s -> api.call("DELETE", "/api/v1/sources/" + s.id(), ApiClient.MASTER_KEY, null));
        sources.clear();
    }
}
