package dev.routewise.spend;

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
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BudgetsApiTest {

    static final String BUDGETS = "/api/v1/budgets";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApiKeyService keys;

    final JsonMapper json = JsonMapper.builder().build();
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void noBudgetsLeft() {
        jdbc.sql("DELETE FROM budget_spend").update();
        jdbc.sql("DELETE FROM budget").update();
    }

    private JsonNode read(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    private void assertInvalid(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(read(response).get("errors").get(0).get("field").asString()).isEqualTo(field);
    }

    @Test
    void an_operator_creates_changes_lists_and_deletes_a_budget() {
        HttpResponse<String> created = api.post(BUDGETS, """
                {"scope": "team", "scopeId": "research", "period": "day", "limitUsd": 10.00,
                 "policy": "block", "warnAt": [0.9, 0.75]}""");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode budget = read(created);
        long id = budget.get("id").asLong();
        assertThat(budget.get("scope").asString()).isEqualTo("team");
        assertThat(budget.get("scopeId").asString()).isEqualTo("research");
        assertThat(budget.get("limitUsd").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(budget.get("warnAt").toString()).isEqualTo("[0.75,0.9]");

        HttpResponse<String> changed = api.call("PUT", BUDGETS + "/" + id, ApiClient.MASTER_KEY, """
                {"scope": "team", "scopeId": "research", "period": "month", "limitUsd": 200,
                 "policy": "degrade", "warnAt": []}""");
        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        assertThat(read(changed).get("policy").asString()).isEqualTo("degrade");

        JsonNode list = read(api.get(BUDGETS));
        assertThat(list).hasSize(1);
        assertThat(list.get(0).get("period").asString()).isEqualTo("month");

        JsonNode status = read(api.get("/api/v1/budget"));
        assertThat(status.get(0).get("budget").get("id").asLong()).isEqualTo(id);
        assertThat(status.get(0).get("spentUsd").decimalValue()).isEqualByComparingTo("0");
        assertThat(status.get(0).get("remainingUsd").decimalValue()).isEqualByComparingTo("200");
        assertThat(status.get(0).get("exhausted").asBoolean()).isFalse();

        assertThat(api.call("DELETE", BUDGETS + "/" + id, ApiClient.MASTER_KEY, null).statusCode()).isEqualTo(204);
        assertThat(read(api.get(BUDGETS))).isEmpty();
        HttpResponse<String> gone = api.call("PUT", BUDGETS + "/" + id, ApiClient.MASTER_KEY, """
                {"scope": "global", "period": "day", "limitUsd": 1, "policy": "block"}""");
        assertThat(gone.statusCode()).isEqualTo(404);
    }

    @Test
    void invalid_budgets_are_refused_naming_the_field() {
        assertInvalid(api.post(BUDGETS, """
                {"scope": "planet", "period": "day", "limitUsd": 1, "policy": "block"}"""), "scope");
        assertInvalid(api.post(BUDGETS, """
                {"scope": "team", "period": "day", "limitUsd": 1, "policy": "block"}"""), "scopeId");
        assertInvalid(api.post(BUDGETS, """
                {"scope": "global", "scopeId": "x", "period": "day", "limitUsd": 1, "policy": "block"}"""), "scopeId");
        assertInvalid(api.post(BUDGETS, """
                {"scope": "key", "scopeId": "abc", "period": "day", "limitUsd": 1, "policy": "block"}"""), "scopeId");
        assertInvalid(api.post(BUDGETS, """
                {"scope": "global", "period": "week", "limitUsd": 1, "policy": "block"}"""), "period");
        assertInvalid(api.post(BUDGETS, """
                {"scope": "global", "period": "day", "limitUsd": 0, "policy": "block"}"""), "limitUsd");
        assertInvalid(api.post(BUDGETS, """
                {"scope": "global", "period": "day", "limitUsd": 1, "policy": "warn"}"""), "policy");
        assertInvalid(api.post(BUDGETS, """
                {"scope": "global", "period": "day", "limitUsd": 1, "policy": "block", "warnAt": [1.5]}"""),
                "warnAt");
        assertInvalid(api.post(BUDGETS, null), "scope");

        assertThat(api.post(BUDGETS, """
                {"scope": "global", "period": "day", "limitUsd": 1, "policy": "block"}""").statusCode())
                .isEqualTo(201);
        assertInvalid(api.post(BUDGETS, """
                {"scope": "global", "period": "day", "limitUsd": 2, "policy": "degrade"}"""), "period");
        assertThat(read(api.get(BUDGETS))).hasSize(1);
    }

    @Test
    void a_viewer_reads_budgets_but_cannot_change_them() {
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);
        HttpResponse<String> refused = api.call("POST", BUDGETS, viewer, """
                {"scope": "global", "period": "day", "limitUsd": 1, "policy": "block"}""");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(api.call("GET", BUDGETS, viewer, null).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/budget", viewer, null).statusCode()).isEqualTo(200);
        assertThat(read(api.get(BUDGETS))).isEmpty();
    }
}
