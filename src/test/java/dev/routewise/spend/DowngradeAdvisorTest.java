package dev.routewise.spend;

import dev.routewise.catalog.CatalogChanged;
import dev.routewise.catalog.SourceRef;
import dev.routewise.routing.RoutingTestCatalog;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Downgrade suggestions from real ledger aggregates, catalog prices and the models' records on a task. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DowngradeAdvisorTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CostLedger ledger;
    @Autowired
    Clock clock;

    final JsonMapper json = JsonMapper.builder().build();
    final List<SourceRef> sources = new ArrayList<>();
    final List<String> models = new ArrayList<>();
    ApiClient api;
    String task;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        // a task id of its own, so other tests' records on real tasks never mix in
        task = "sug-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("DELETE FROM model_observation WHERE task = ?").param(task).update();
        jdbc.sql("DELETE FROM cost_daily WHERE task = ?").param(task).update();
        jdbc.sql("DELETE FROM cost_monthly WHERE task = ?").param(task).update();
        jdbc.sql("DELETE FROM cost_entry WHERE task = ?").param(task).update();
        sources.forEach(s -> api.call("DELETE", "/api/v1/sources/" + s.id(), ApiClient.MASTER_KEY, null));
    }

    /** A catalog model at $price per million tokens in and out. */
    private String model(String prefix, String modelId, String price) {
        SourceRef s = RoutingTestCatalog.create(context, prefix, "openai-compatible", modelId);
        sources.add(s);
        jdbc.sql("UPDATE catalog_model SET input_price = ?, output_price = ?, price_origin = 'manual' "
                + "WHERE source_id = ?").params(price, price, s.id()).update();
        context.publishEvent(new CatalogChanged(s.id()));
        return s.slug() + "/" + modelId;
    }

    private void record(String model, int successes, int failures) {
        jdbc.sql("INSERT INTO model_observation (model, task, hour, successes, failures) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (model, task, hour) DO UPDATE SET successes = successes + excluded.successes, "
                        + "failures = failures + excluded.failures")
                .params(model, task, clock.millis() / 3_600_000L, successes, failures).update();
    }

    /** {@code calls} gateway calls of 1,000 input and 1,000 output tokens each. */
    private void spend(String model, int calls) {
        for (int i = 0; i < calls; i++) {
            ledger.record(new CostEntry(UUID.randomUUID().toString(), clock.millis(), CostSource.GATEWAY, model,
                    "test", task, "balanced", "ann", null, null, new TokenCounts(1000, 0, 0, 1000, 0), null,
                    new BigDecimal("0.02"), CostStatus.KNOWN));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM cost_entry WHERE model = ? "
                + "AND task = ?").params(model, task).query(Integer.class).single() == calls);
    }

    private List<JsonNode> suggestionsForTask() {
        HttpResponse<String> r = api.get("/api/v1/costs/suggestions");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<JsonNode> mine = new ArrayList<>();
        json.readTree(r.body()).forEach(s -> {
            if (task.equals(s.path("task").asString())) {
                mine.add(s);
            }
        });
        return mine;
    }

    @Test
    void a_cheaper_model_with_equal_success_on_the_task_is_suggested_with_the_monthly_saving() {
        String dear = model("sgd", "dear", "10.00");
        String cheap = model("sgc", "cheap", "1.00");
        String worse = model("sgw", "worse", "0.10");
        record(dear, 49, 1);
        record(cheap, 30, 0);
        record(worse, 20, 10);
        spend(dear, 10);

        List<JsonNode> suggestions = suggestionsForTask();

        assertThat(suggestions).hasSize(1);
        JsonNode s = suggestions.getFirst();
        assertThat(s.path("currentModel").asString()).isEqualTo(dear);
        assertThat(s.path("suggestedModel").asString()).as("the cheapest is less successful").isEqualTo(cheap);
        // 10 calls x 2,000 tokens at $10/M = $0.20; at $1/M = $0.02
        assertThat(s.path("currentCostUsd").decimalValue()).isEqualByComparingTo("0.2");
        assertThat(s.path("suggestedCostUsd").decimalValue()).isEqualByComparingTo("0.02");
        assertThat(s.path("monthlySavingUsd").decimalValue()).isEqualByComparingTo("0.18");
        assertThat(s.path("savingShare").asDouble()).isEqualTo(0.9);
        assertThat(s.path("evidence").asString()).contains("success 100.0 % over 30 calls vs 98.0 % over 50")
                .contains("no ratings reported");
    }

    @Test
    void nothing_is_suggested_without_enough_calls_or_when_the_cheaper_model_is_rated_worse() {
        String dear = model("sgr", "rated", "10.00");
        String cheap = model("sgl", "lowrated", "1.00");
        record(dear, 40, 0);
        record(cheap, 15, 0);
        spend(dear, 5);
        assertThat(suggestionsForTask()).as("15 calls are too few to tell").isEmpty();

        record(cheap, 25, 0);
        for (int i = 0; i < 5; i++) {
            outcome(dear, 5);
            outcome(cheap, 3);
        }
        assertThat(suggestionsForTask()).as("equal success, but rated 3 against 5").isEmpty();
    }

    private void outcome(String model, int rating) {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO routing_decision (decision_id, created_at, profile, task, complexity, confidence, "
                + "classifier_tier, model, latency_micros, detail) VALUES (?, ?, 'balanced', ?, 'low', 0.9, 'signals', "
                + "?, 100, '{}')").params(id, clock.millis(), task, model).update();
        jdbc.sql("INSERT INTO decision_outcome (decision_id, reported_at, model, task, success, quality_rating) "
                + "VALUES (?, ?, ?, ?, 1, ?)").params(id, clock.millis(), model, task, rating).update();
    }

    @Test
    void a_candidate_within_the_tolerances_counts_as_good_as_the_current_model() {
        ModelTaskRecord current = new ModelTaskRecord("a", "code", 95, 5, 10, 42);
        assertThat(DowngradeAdvisor.asGood(new ModelTaskRecord("b", "code", 93, 7, 10, 41), current)).isTrue();
        assertThat(DowngradeAdvisor.asGood(new ModelTaskRecord("b", "code", 92, 8, 10, 42), current))
                .as("3 points less successful").isFalse();
        assertThat(DowngradeAdvisor.asGood(new ModelTaskRecord("b", "code", 95, 5, 10, 40), current))
                .as("rated 4.0 against 4.2").isFalse();
        assertThat(DowngradeAdvisor.asGood(new ModelTaskRecord("b", "code", 95, 5, 0, 0), current))
                .as("no ratings against a rated model").isFalse();
        assertThat(DowngradeAdvisor.asGood(new ModelTaskRecord("b", "code", 19, 0, 0, 0),
                new ModelTaskRecord("a", "code", 50, 0, 0, 0))).as("too few calls").isFalse();
    }
}
