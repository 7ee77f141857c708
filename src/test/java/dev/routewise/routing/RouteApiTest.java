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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouteApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    SourceRef source;
    final JsonMapper json = JsonMapper.builder().build();

    @BeforeEach
    void catalogOfOneSource() {
        api = new ApiClient(port);
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "route", "openai", "text-embedding-3-small",
                "gpt-4o-mini", "gpt-4o", "gpt-4", "gpt-3.5-turbo");
    }

    private JsonNode route(String profile, String prompt, String extraConstraints) {
        HttpResponse<String> response = call(profile, prompt, extraConstraints);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> call(String profile, String prompt, String extraConstraints) {
        String body = """
                {"prompt": %s, "profile": "%s",
                 "constraints": {"allowedModels": ["%s/*"]%s}}"""
                .formatted(json.writeValueAsString(prompt), profile, source.slug(), extraConstraints);
        return api.post("/api/v1/route", body);
    }

    @Test
    void a_coding_prompt_is_routed_with_reasons_candidates_factors_and_a_fallback_chain() {
        JsonNode decision = route("balanced", "Write a Python function that parses ISO-8601 durations "
                + "and returns the number of seconds, with unit tests.",
                ", \"excludedModels\": [\"" + source.slug() + "/gpt-4\"]");

        assertThat(decision.path("task").asString()).isEqualTo("code");
        assertThat(decision.path("model").path("id").asString()).startsWith(source.slug() + "/");
        assertThat(decision.path("model").path("costTier").asString()).isIn("low", "medium");
        assertThat(decision.path("decisionId").asString()).hasSize(36);
        assertThat(decision.path("reasons").size()).isPositive();
        assertThat(decision.path("fallbackChain").size()).isPositive();
        JsonNode excluded = find(decision.path("candidates"), source.slug() + "/gpt-4");
        assertThat(excluded.path("eligible").asBoolean()).isFalse();
        assertThat(excluded.path("excludedBecause").asString()).contains("excludedModels");
        assertThat(decision.toString()).doesNotContain("text-embedding-3-small");
        JsonNode chosen = find(decision.path("candidates"), decision.path("model").path("id").asString());
        assertThat(chosen.path("factors").path("capability").isNumber()).isTrue();
        assertThat(decision.path("estimatedCostUsd").decimalValue()).isPositive();
    }

    @Test
    void eco_and_premium_choose_different_tiers_from_the_same_catalog() {
        String prompt = "Explain the difference between TCP and UDP.";

        JsonNode eco = route("eco", prompt, "");
        JsonNode premium = route("premium", prompt, "");

        assertThat(eco.path("model").path("costTier").asString()).isEqualTo("low");
        assertThat(premium.path("model").path("costTier").asString()).isEqualTo("high");
    }

    @Test
    void an_image_request_only_goes_to_a_model_that_reads_images() {
        String body = """
                {"messages": [{"role": "user", "content": [
                   {"type": "text", "text": "What is written on this sign?"},
                   {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]}],
                 "profile": "eco", "constraints": {"allowedModels": ["%s/*"]}}""".formatted(source.slug());

        JsonNode decision = json.readTree(api.post("/api/v1/route", body).body());

        assertThat(decision.path("model").path("id").asString()).isEqualTo(source.slug() + "/gpt-4o-mini");
        assertThat(find(decision.path("candidates"), source.slug() + "/gpt-3.5-turbo").path("excludedBecause")
                .asString()).contains("image");
    }

    @Test
    void a_cost_cap_nobody_meets_is_a_422_naming_the_constraint() {
        HttpResponse<String> response = call("balanced", "Summarize the plot of Hamlet in three sentences.",
                ", \"maxCostUsd\": 0.0000001");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("maxCostUsd").contains("No eligible model");
    }

    @Test
    void an_unknown_profile_is_refused_on_its_field_and_a_missing_key_is_401() {
        HttpResponse<String> badProfile = call("cheapest", "hello", "");
        HttpResponse<String> anonymous = api.call("POST", "/api/v1/route", null, "{\"prompt\":\"hi\"}");

        assertThat(badProfile.statusCode()).isEqualTo(400);
        assertThat(badProfile.body()).contains("\"field\":\"profile\"");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    @Test
    void every_decision_is_logged_off_the_request_thread() {
        String id = route("balanced", "Translate 'good morning' into Italian.", "").path("decisionId").asString();

        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM routing_decision WHERE decision_id = ?").param(id).query(Long.class).single() == 1);
        String model = jdbc.sql("SELECT model FROM routing_decision WHERE decision_id = ?").param(id)
                .query(String.class).single();
        assertThat(model).startsWith(source.slug() + "/");
    }

    private static JsonNode find(JsonNode candidates, String id) {
        for (JsonNode c : candidates) {
            if (c.path("model").asString().equals(id)) {
                return c;
            }
        }
        throw new AssertionError("no candidate " + id + " in " + candidates);
    }
}
