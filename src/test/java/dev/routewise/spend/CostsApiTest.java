package dev.routewise.spend;

import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.gateway.StubModels;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code GET /api/v1/costs}, and the ledger fed by real gateway calls and reported outcomes (UTC, the default). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CostsApiTest {

    static final String COMPLETION = """
            {"id":"x","object":"chat.completion","created":1,"model":"up","choices":[{"index":0,
             "message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":100,"completion_tokens":50,"total_tokens":150}}""";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    CostLedger ledger;
    @Autowired
    CatalogService catalog;
    @Autowired
    ApiKeyService keys;
    @Autowired
    Clock clock;

    final JsonMapper json = JsonMapper.builder().build();
    final List<FakeProvider> fakes = new ArrayList<>();
    final List<SourceRef> sources = new ArrayList<>();
    final List<String> profiles = new ArrayList<>();
    ApiClient api;
    String user;
    String team;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        user = "costs-" + UUID.randomUUID();
        team = "team-" + UUID.randomUUID();
    }

    @AfterEach
    void cleanUp() {
        profiles.forEach(p -> api.call("DELETE", "/api/v1/router/profiles/" + p, ApiClient.MASTER_KEY, null));
        sources.forEach(s -> api.call("DELETE", "/api/v1/sources/" + s.id(), ApiClient.MASTER_KEY, null));
        fakes.forEach(FakeProvider::close);
    }

    private JsonNode read(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private void recordCalls() {
        long now = clock.millis();
        ledger.record(new CostEntry(UUID.randomUUID().toString(), now, CostSource.GATEWAY, "test/dear", "test",
                "code", "balanced", user, team, null, new TokenCounts(1000, 0, 0, 500, 0), new BigDecimal("0.02"),
                new BigDecimal("0.0125"), CostStatus.KNOWN));
        ledger.record(new CostEntry(UUID.randomUUID().toString(), now, CostSource.GATEWAY, "test/cheap", "test",
                "chat", "balanced", user, team, null, new TokenCounts(1000, 0, 0, 500, 0), new BigDecimal("0.001"),
                new BigDecimal("0.0005"), CostStatus.KNOWN));
        ledger.record(new CostEntry(UUID.randomUUID().toString(), now, CostSource.GATEWAY, "test/cheap", "test",
                "chat", "balanced", user, team, null, null, new BigDecimal("0.003"), null, CostStatus.UNKNOWN_USAGE));
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM cost_entry WHERE "
                + "user_name = ?").param(user).query(Long.class).single() == 3);
    }

    private static JsonNode row(JsonNode rows, String key) {
        for (JsonNode r : rows) {
            if (key.equals(r.path("key").asString(null))) {
                return r;
            }
        }
        throw new AssertionError("no row " + key + " in " + rows);
    }

    @Test
    void costs_are_reported_as_json_grouped_by_the_requested_dimension_with_unknown_costs_apart() {
        recordCalls();

        JsonNode byTeam = read(api.get("/api/v1/costs?period=day&groupBy=team"));
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        assertThat(byTeam.path("period").path("name").asString()).isEqualTo("day");
        assertThat(byTeam.path("period").path("from").asString()).isEqualTo(today.toString());
        assertThat(byTeam.path("groupBy").asString()).isEqualTo("team");
        JsonNode mine = row(byTeam.path("rows"), team);
        assertThat(mine.path("calls").asLong()).isEqualTo(3);
        assertThat(mine.path("knownCostUsd").decimalValue()).isEqualByComparingTo("0.013");
        assertThat(mine.path("unknownCostCalls").asLong()).isEqualTo(1);
        assertThat(mine.path("unknownCostEstimateUsd").decimalValue()).isEqualByComparingTo("0.003");
        assertThat(mine.path("tokens").path("input").asLong()).isEqualTo(2000);
        assertThat(row(byTeam.path("topTeams"), team).path("calls").asLong()).isEqualTo(3);
        assertThat(byTeam.path("totals").path("calls").asLong()).isGreaterThanOrEqualTo(3);
        assertThat(byTeam.path("daily")).hasSize(1);
        assertThat(byTeam.path("daily").get(0).path("date").asString()).isEqualTo(today.toString());
        assertThat(byTeam.path("savings").has("savedVsPremiumPercent")).isTrue();

        JsonNode byUser = read(api.get("/api/v1/costs?period=week&groupBy=user"));
        assertThat(byUser.path("daily")).hasSize(7);
        assertThat(row(byUser.path("rows"), user).path("knownCostUsd").decimalValue()).isEqualByComparingTo("0.013");
        assertThat(row(byUser.path("topUsers"), user).path("calls").asLong()).isEqualTo(3);

        JsonNode explicit = read(api.get("/api/v1/costs?from=" + today.minusDays(2) + "&to=" + today
                + "&groupBy=model"));
        assertThat(explicit.path("period").path("name").asString()).isEqualTo("custom");
        assertThat(row(explicit.path("rows"), "test/dear").path("calls").asLong()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void costs_download_as_csv_with_a_header_row() {
        recordCalls();

        HttpResponse<String> csv = api.get("/api/v1/costs?period=month&groupBy=user&format=csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment")
                .contains("routewise-costs-user-");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("user,calls,inputTokens,").contains("knownCostUsd,unknownCostCalls,"
                + "unknownCostEstimateUsd");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith(user + ",3,2000,0,0,1000,0,0.013,1,0.003,"));
    }

    @Test
    void bad_parameters_are_refused_naming_the_parameter() {
        assertInvalid("/api/v1/costs?period=year", "period");
        assertInvalid("/api/v1/costs?groupBy=colour", "groupBy");
        assertInvalid("/api/v1/costs?format=xml", "format");
        assertInvalid("/api/v1/costs?from=2026-13-01&to=2026-12-31", "from");
        assertInvalid("/api/v1/costs?from=2026-01-01", "to");
        assertInvalid("/api/v1/costs?from=2026-02-01&to=2026-01-01", "to");
        assertInvalid("/api/v1/costs?from=2024-01-01&to=2026-01-01", "to");
    }

    private void assertInvalid(String path, String field) {
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json.readTree(response.body()).path("errors").get(0).path("field").asString()).isEqualTo(field);
    }

    @Test
    void a_viewer_key_reads_costs_and_an_anonymous_caller_is_refused() {
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);
        assertThat(api.call("GET", "/api/v1/costs?period=month", viewer, null).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/costs?period=month&format=csv", viewer, null).statusCode())
                .isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/costs", null, null).statusCode()).isEqualTo(401);
    }

    /** A priced model on a fake provider, in a profile of its own. */
    private String model(String prefix, String modelId) {
        FakeProvider fake = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(COMPLETION));
        fakes.add(fake);
        SourceRef s = StubModels.create(context, prefix, fake, modelId, "2.00", "4.00");
        sources.add(s);
        String id = s.slug() + "/" + modelId;
        // the router's snapshot takes the prices a moment later: wait until it prices the model
        await().atMost(Duration.ofSeconds(20)).until(() -> json.readTree(api.post("/api/v1/route", "{\"prompt\":"
                + "\"hi\",\"constraints\":{\"allowedModels\":[\"" + id + "\"]}}").body()).path("estimatedCostUsd")
                .isNumber());
        return id;
    }

    private Map<String, Object> entry(String decisionId, String source) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM cost_entry WHERE "
                + "decision_id = ? AND source = ?").params(decisionId, source).query(Long.class).single() == 1);
        return jdbc.sql("SELECT * FROM cost_entry WHERE decision_id = ?").param(decisionId).query().singleRow();
    }

    private void awaitDecisionLogged(String decisionId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM routing_decision WHERE "
                + "decision_id = ?").param(decisionId).query(Long.class).single() == 1);
    }

    @Test
    void an_outcome_of_a_route_only_decision_is_counted_at_the_catalog_price_of_its_tokens() {
        String m = model("ro", "route-only");
        JsonNode routed = json.readTree(api.post("/api/v1/route", "{\"prompt\":\"Summarise this " + UUID.randomUUID()
                + "\",\"constraints\":{\"allowedModels\":[\"" + m + "\"]}}").body());
        String decisionId = routed.path("decisionId").asString();
        awaitDecisionLogged(decisionId);

        HttpResponse<String> reported = api.post("/api/v1/decisions/" + decisionId + "/outcome",
                "{\"success\":true,\"inputTokens\":1000,\"outputTokens\":500}");

        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(204);
        Map<String, Object> entry = entry(decisionId, "outcome");
        // 1,000 x $2 + 500 x $4 per million tokens
        assertThat(entry).containsEntry("model", m).containsEntry("actual_cost_usd", "0.004")
                .containsEntry("cost_status", "known").containsEntry("input_tokens", 1000)
                .containsEntry("output_tokens", 500);
        assertThat(entry.get("estimated_cost_usd")).isNotNull();
        JsonNode byModel = read(api.get("/api/v1/costs?period=day&groupBy=model"));
        assertThat(row(byModel.path("rows"), m).path("knownCostUsd").decimalValue()).isEqualByComparingTo("0.004");
    }

    @Test
    void a_gateway_call_is_counted_once_at_its_measured_cost_with_savings_baselines() {
        String m = model("gw", "gateway-model");
        String profile = "costs-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"" + profile
                + "\",\"pool\":[\"" + m + "\"]}").statusCode()).isLessThan(300);
        profiles.add(profile);

        HttpResponse<String> answer = api.post("/v1/chat/completions", "{\"model\":\"router/" + profile
                + "\",\"user\":\"" + user + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello\"}]}");
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        String decisionId = answer.headers().firstValue("x-routewise-decision-id").orElseThrow();
        awaitDecisionLogged(decisionId);
        // the client also reports the outcome of the call the gateway made: it must not count twice
        api.post("/api/v1/decisions/" + decisionId + "/outcome", "{\"success\":true,\"costUsd\":9.99}");

        Map<String, Object> entry = entry(decisionId, "gateway");
        // 100 x $2 + 50 x $4 per million tokens
        assertThat(entry).containsEntry("actual_cost_usd", "0.0004").containsEntry("user_name", user)
                .containsEntry("profile", profile).containsEntry("top_model", m)
                .containsEntry("top_model_usd", "0.0004");
        String premium = (String) entry.get("premium_model");
        assertThat(premium).isNotNull();
        BigDecimal premiumCost = catalog.byId(premium).orElseThrow().costUsd(100, 0, 0, 50);
        assertThat(entry.get("premium_usd")).isEqualTo(premiumCost == null ? null
                : premiumCost.stripTrailingZeros().toPlainString());
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> jdbc.sql(
                "SELECT source FROM cost_entry WHERE decision_id = ?").param(decisionId).query(String.class).single()
                .equals("gateway"));
        JsonNode byUser = read(api.get("/api/v1/costs?period=day&groupBy=user"));
        assertThat(row(byUser.path("rows"), user).path("calls").asLong()).isEqualTo(1);
        assertThat(row(byUser.path("rows"), user).path("knownCostUsd").decimalValue()).isEqualByComparingTo("0.0004");
    }
}
