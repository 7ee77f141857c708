package dev.routewise.routing;

import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OutcomeApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    ModelHistory history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    OutcomeService outcomes;

    ApiClient api;
    SourceRef source;

    @BeforeEach
    void catalog() {
        api = new ApiClient(port);
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "outcome", "openai", "gpt-4o-mini", "gpt-4o");
    }

    private String routeAndWaitForLog() {
        String body = api.post("/api/v1/route", "{\"prompt\":\"Name three prime numbers.\",\"profile\":\"eco\","
                + "\"constraints\":{\"allowedModels\":[\"" + source.slug() + "/*\"]}}").body();
        String id = body.replaceAll(".*\"decisionId\":\"([^\"]+)\".*", "$1");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM routing_decision WHERE decision_id = ?").param(id).query(Long.class).single() == 1);
        return id;
    }

    @Test
    void an_outcome_is_recorded_against_its_decision() {
        String id = routeAndWaitForLog();

        HttpResponse<String> reported = api.post("/api/v1/decisions/" + id + "/outcome",
                "{\"success\":true,\"qualityRating\":4,\"latencyMs\":900,\"inputTokens\":800,\"outputTokens\":1100,"
                        + "\"costUsd\":0.01}");

        assertThat(reported.statusCode()).isEqualTo(204);
        assertThat(jdbc.sql("SELECT cost_usd FROM decision_outcome WHERE decision_id = ?").param(id)
                .query(String.class).single()).isEqualTo("0.01");
    }

    @Test
    void unknown_decisions_and_bad_ratings_are_refused() {
        String id = routeAndWaitForLog();

        assertThat(api.post("/api/v1/decisions/no-such-decision/outcome", "{\"success\":true}").statusCode())
                .isEqualTo(404);
        HttpResponse<String> rating = api.post("/api/v1/decisions/" + id + "/outcome",
                "{\"success\":true,\"qualityRating\":9}");
        assertThat(rating.statusCode()).isEqualTo(400);
        assertThat(rating.body()).contains("\"field\":\"qualityRating\"");
        assertThat(api.post("/api/v1/decisions/" + id + "/outcome", "{}").body()).contains("\"field\":\"success\"");
    }

    @Test
    void frequent_overrides_shift_the_history_after_the_minimum_sample_size() {
        String routedModel = null;
        String other = null;
        for (int i = 0; i < ModelHistory.MIN_SAMPLES; i++) {
            String id = routeAndWaitForLog();
            routedModel = jdbc.sql("SELECT model FROM routing_decision WHERE decision_id = ?").param(id)
                    .query(String.class).single();
            other = routedModel.endsWith("/gpt-4o") ? source.slug() + "/gpt-4o-mini" : source.slug() + "/gpt-4o";
            if (i == 0) {
                history.recompute();
                assertThat(history.scores()).doesNotContainKey(routedModel);
            }
            api.post("/api/v1/decisions/" + id + "/outcome", "{\"success\":true,\"overriddenTo\":\"" + other + "\"}");
        }
        history.recompute();

        assertThat(history.scores().get(routedModel)).isEqualTo(0.0);
        assertThat(history.scores().get(other)).isEqualTo(1.0);
    }

    @Test
    void a_model_record_on_a_task_counts_for_that_task_and_its_overall_record_elsewhere() {
        String id = routeAndWaitForLog();
        String model = source.slug() + "/per-task-model";
        for (int i = 0; i < ModelHistory.MIN_SAMPLES; i++) {
            for (String[] outcome : new String[][] {{"math", "1"}, {"creative", "0"}}) {
                jdbc.sql("INSERT INTO decision_outcome (decision_id, reported_at, model, task, success) "
                                + "VALUES (?, ?, ?, ?, ?)")
                        .params(id, System.currentTimeMillis(), model, outcome[0], Integer.parseInt(outcome[1]))
                        .update();
            }
        }
        history.recompute();

        ModelHistory.Learned learned = history.current();
        assertThat(learned.forTask(dev.routewise.classify.engine.TaskLabel.MATH).get(model)).isEqualTo(1.0);
        assertThat(learned.forTask(dev.routewise.classify.engine.TaskLabel.CREATIVE).get(model)).isEqualTo(0.0);
        assertThat(learned.forTask(dev.routewise.classify.engine.TaskLabel.TRANSLATION).get(model))
                .isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void observed_latencies_of_successful_calls_replace_the_tier_default_once_there_are_enough() {
        String id = routeAndWaitForLog();
        String model = jdbc.sql("SELECT model FROM routing_decision WHERE decision_id = ?").param(id)
                .query(String.class).single();
        int[] latencies = {400, 500, 450, 9000, 420};
        for (int latency : latencies) {
            api.post("/api/v1/decisions/" + id + "/outcome", "{\"success\":true,\"latencyMs\":" + latency + "}");
        }
        history.recompute();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(routable.current().stream()
                .filter(m -> m.id().equals(model)).findFirst().orElseThrow().observedP50LatencyMs()).isEqualTo(450));
        String body = api.post("/api/v1/route", "{\"prompt\":\"Name three prime numbers.\",\"profile\":\"eco\","
                + "\"constraints\":{\"maxLatencyMs\":460,\"allowedModels\":[\"" + model + "\"]}}").body();
        // the tier default (800 ms or more) would exclude it; its observed 450 ms fits
        assertThat(body).contains("\"id\":\"" + model + "\"");
    }

    @Test
    void the_gateways_observations_teach_the_history_like_outcomes_without_a_rating() {
        String good = source.slug() + "/gpt-4o-mini";
        String flaky = source.slug() + "/gpt-4o";
        long now = System.currentTimeMillis();
        List<Observation> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // latencies are sampled at most once a second per model; later seconds, not earlier ones, so that a
            // reset of the learned history by another test a moment ago does not forget them
            seen.add(new Observation(now + i * 1000L, good, "qa", true, 300 + i * 10));
            seen.add(new Observation(now + i * 1000L, flaky, "qa", i == 0, null));
        }

        outcomes.observe(seen);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(history.scores()).containsEntry(good, 1.0);
            assertThat(history.scores().get(flaky)).isLessThan(0.5);
            assertThat(history.current().p50LatencyMs()).containsEntry(good, 320);
        });
    }

    @Test
    void logged_decisions_are_listed_newest_first_and_filtered() {
        String id = routeAndWaitForLog();
        String model = jdbc.sql("SELECT model FROM routing_decision WHERE decision_id = ?").param(id)
                .query(String.class).single();

        HttpResponse<String> page = api.get("/api/v1/decisions?model=" + model + "&limit=5");
        HttpResponse<String> bad = api.get("/api/v1/decisions?limit=5000");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("\"decisionId\":\"" + id + "\"").contains("\"model\":\"" + model + "\"")
                .contains("\"profile\":\"eco\"");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"limit\"");
    }
}
