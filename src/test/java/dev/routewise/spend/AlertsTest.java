package dev.routewise.spend;

import com.sun.net.httpserver.HttpServer;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Budget alerts as the gateway's settlements raise them: one per threshold and window, posted to a webhook (a local
 * JDK HttpServer) with retries, the webhook URL kept secret, and the REST API's roles.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AlertsTest {

    static final Instant CREATED = Instant.parse("2026-11-01T08:00:00Z");
    static final Instant NOV_22 = Instant.parse("2026-11-22T00:00:00Z");
    static final Instant NOV_23 = Instant.parse("2026-11-23T00:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    AlertService alerts;
    @Autowired
    BudgetService budgets;
    @Autowired
    ApiKeyService keys;

    final JsonMapper json = JsonMapper.builder().build();
    ApiClient api;
    HttpServer hook;
    /** Statuses the webhook answers, in order; 200 once they are used up. */
    final Deque<Integer> answers = new ArrayDeque<>();
    final List<String> received = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        api = new ApiClient(port);
        SecurityContextHolder.getContext().setAuthentication(TestUsers.asAdmin());
        hook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hook", exchange -> {
            received.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Integer status;
            synchronized (answers) {
                status = answers.poll();
            }
            byte[] body = (status == null || status == 200 ? "ok" : "invalid_payload").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status == null ? 200 : status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        hook.start();
    }

    @AfterEach
    void tearDown() {
        hook.stop(0);
        jdbc.sql("DELETE FROM spend_alert").update();
        jdbc.sql("DELETE FROM alert_webhook").update();
        jdbc.sql("DELETE FROM budget_spend").update();
        jdbc.sql("DELETE FROM budget").update();
        SecurityContextHolder.clearContext();
    }

    private String hookUrl() {
        return "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
    }

    @Test
    void amounts_below_a_dollar_keep_the_digits_that_matter_in_the_message() {
        Budget small = new Budget(1, BudgetScope.KEY, "7", BudgetPeriod.MONTH, new BigDecimal("0.0005"),
                BudgetPolicy.BLOCK, List.of(), CREATED, CREATED);
        assertThat(AlertService.message(small, new BigDecimal("0.5"), new BigDecimal("0.00025")))
                .endsWith("monthly budget $0.0005: 50 % used ($0.00025)");
        assertThat(AlertService.message(teamBudget(1), BigDecimal.ONE, new BigDecimal("10.1234")))
                .isEqualTo("Team 'ml' daily budget $10.00 exhausted ($10.12 spent)");
    }

    private static Budget teamBudget(long id) {
        return new Budget(id, BudgetScope.TEAM, "ml", BudgetPeriod.DAY, new BigDecimal("10.00"), BudgetPolicy.BLOCK,
                List.of(new BigDecimal("0.9"), BigDecimal.ONE), CREATED, CREATED);
    }

    private List<Alert> alertsOf(long budgetId) {
        return alerts.list(false, 0, 100).items().stream().filter(a -> a.budgetId() == budgetId).toList();
    }

    @Test
    void the_same_threshold_twice_in_a_window_raises_one_alert_and_the_next_window_a_new_one() {
        Budget ml = teamBudget(901);
        events.publishEvent(new ThresholdCrossed(ml, new BigDecimal("0.9"), NOV_22, new BigDecimal("9.12")));
        // e.g. after a restart, or the limit was raised and crossed again: the same threshold of the same window
        events.publishEvent(new ThresholdCrossed(ml, new BigDecimal("0.90"), NOV_22, new BigDecimal("9.50")));
        events.publishEvent(new ThresholdCrossed(ml, new BigDecimal("0.9"), NOV_23, new BigDecimal("9.01")));

        // one writer stores them in order: once the next window's alert is there, the repeat has been handled
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOf(901).size() >= 2);
        List<Alert> raised = alertsOf(901);
        assertThat(raised).extracting(Alert::windowStart).containsExactly(NOV_23, NOV_22);
        Alert first = raised.get(1);
        assertThat(first.message()).isEqualTo("Team 'ml' daily budget $10.00: 90 % used ($9.12)");
        assertThat(first.spentUsd()).isEqualByComparingTo("9.12");
        assertThat(first.open()).isTrue();
        assertThat(first.delivery()).as("no webhook is configured").isEqualTo(AlertDelivery.NONE);
    }

    @Test
    void settled_calls_that_cross_a_warning_and_the_whole_limit_raise_alerts_worded_for_people() {
        Budget ml = budgets.create(new BudgetDraft("team", "ml", "day", new BigDecimal("1.00"), "block",
                List.of(new BigDecimal("0.5"), BigDecimal.ONE)));
        Scope caller = new Scope("alice", "ml", null);
        budgets.settle(budgets.reserve(caller, new BigDecimal("0.50")), new BigDecimal("0.60"));
        budgets.settle(budgets.reserve(caller, new BigDecimal("0.30")), new BigDecimal("0.40"));

        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOf(ml.id()).size() == 2);
        assertThat(alertsOf(ml.id())).extracting(Alert::message).containsExactly(
                "Team 'ml' daily budget $1.00 exhausted ($1.00 spent)",
                "Team 'ml' daily budget $1.00: 50 % used ($0.60)");
        assertThat(alertsOf(ml.id()).getFirst().exhausted()).isTrue();
    }

    @Test
    void a_webhook_that_fails_twice_with_500_gets_the_alert_on_the_third_attempt() {
        answers.addAll(List.of(500, 500, 200));
        alerts.saveWebhook(new WebhookInput(hookUrl(), true));

        events.publishEvent(new ThresholdCrossed(teamBudget(902), BigDecimal.ONE, NOV_22, new BigDecimal("10.05")));

        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOf(902).stream()
                .anyMatch(a -> a.delivery() == AlertDelivery.SENT));
        Alert sent = alertsOf(902).getFirst();
        assertThat(sent.attempts()).isEqualTo(3);
        assertThat(sent.lastError()).isNull();
        assertThat(received).hasSize(3);
        JsonNode body = json.readTree(received.getLast());
        assertThat(body.get("text").asString()).contains("Team 'ml' daily budget $10.00 exhausted ($10.05 spent)");
        assertThat(body.get("alert").get("budgetId").asLong()).isEqualTo(902);
        assertThat(body.get("alert").get("threshold").decimalValue()).isEqualByComparingTo("1");
        assertThat(body.get("alert").get("exhausted").asBoolean()).isTrue();
        assertThat(alerts.webhook().lastDelivery()).isEqualTo("sent");
    }

    @Test
    void a_webhook_that_answers_400_is_not_retried_and_the_alert_shows_why() {
        answers.add(400);
        alerts.saveWebhook(new WebhookInput(hookUrl(), true));

        events.publishEvent(new ThresholdCrossed(teamBudget(903), new BigDecimal("0.9"), NOV_22,
                new BigDecimal("9.12")));

        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOf(903).stream()
                .anyMatch(a -> a.delivery() == AlertDelivery.FAILED));
        Alert failed = alertsOf(903).getFirst();
        assertThat(failed.attempts()).isEqualTo(1);
        assertThat(failed.lastError()).isEqualTo("HTTP 400: invalid_payload");
        assertThat(received).hasSize(1);
    }

    @Test
    void the_webhook_url_is_stored_encrypted_and_never_returned() {
        String secretUrl = "https://hooks.slack.example/services/T0001/B0001/sEcReTtOkEn42xyz";
        alerts.saveWebhook(new WebhookInput(secretUrl, true));

        String stored = jdbc.sql("SELECT url_cipher || ' ' || url_hint FROM alert_webhook").query(String.class)
                .single();
        assertThat(stored).doesNotContain("sEcReTtOkEn42").doesNotContain("hooks.slack.example");

        HttpResponse<String> shown = api.get("/api/v1/alerts/webhook");
        assertThat(shown.statusCode()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain("sEcReTtOkEn42").doesNotContain("services/T0001");
        JsonNode settings = json.readTree(shown.body());
        assertThat(settings.get("configured").asBoolean()).isTrue();
        assertThat(settings.get("enabled").asBoolean()).isTrue();
        assertThat(settings.get("urlHint").asString()).isEqualTo("htt…2xyz");

        // a change that does not name the URL keeps it
        alerts.saveWebhook(new WebhookInput(null, false));
        assertThat(alerts.webhook().urlHint()).isEqualTo("htt…2xyz");
        assertThat(alerts.webhook().enabled()).isFalse();
    }

    @Test
    void a_test_message_reports_how_the_webhook_answered() {
        alerts.saveWebhook(new WebhookInput(hookUrl(), true));
        HttpResponse<String> ok = api.post("/api/v1/alerts/webhook/test", null);
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("sent").asBoolean()).isTrue();
        assertThat(json.readTree(received.getFirst()).get("text").asString()).isEqualTo(AlertWebhook.TEST_TEXT);

        answers.add(404);
        JsonNode refused = json.readTree(api.post("/api/v1/alerts/webhook/test", "{}").body());
        assertThat(refused.get("sent").asBoolean()).isFalse();
        assertThat(refused.get("status").asInt()).isEqualTo(404);
    }

    @Test
    void viewers_read_alerts_and_only_operators_acknowledge_and_configure() {
        events.publishEvent(new ThresholdCrossed(teamBudget(904), new BigDecimal("0.9"), NOV_22,
                new BigDecimal("9.12")));
        await().atMost(Duration.ofSeconds(10)).until(() -> alertsOf(904).size() == 1);
        long id = alertsOf(904).getFirst().id();
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);
        String operator = TestUsers.apiKey(keys, Role.OPERATOR);

        HttpResponse<String> open = api.call("GET", "/api/v1/alerts?open=true&limit=10", viewer, null);
        assertThat(open.statusCode()).isEqualTo(200);
        JsonNode page = json.readTree(open.body());
        assertThat(page.get("total").asLong()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("message").asString()).contains("90 % used");
        assertThat(page.get("items").get(0).get("delivery").asString()).isEqualTo("none");

        assertThat(api.call("POST", "/api/v1/alerts/" + id + "/acknowledge", viewer, null).statusCode())
                .isEqualTo(403);
        assertThat(api.call("PUT", "/api/v1/alerts/webhook", viewer, "{\"url\": \"" + hookUrl() + "\"}")
                .statusCode()).isEqualTo(403);
        assertThat(api.call("POST", "/api/v1/alerts/webhook/test", viewer, null).statusCode()).isEqualTo(403);
        assertThat(api.call("GET", "/api/v1/alerts/webhook", viewer, null).statusCode()).isEqualTo(200);

        HttpResponse<String> acknowledged = api.call("POST", "/api/v1/alerts/" + id + "/acknowledge", operator, null);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(json.readTree(acknowledged.body()).get("acknowledgedBy").isNull()).isFalse();
        assertThat(json.readTree(api.call("GET", "/api/v1/alerts?open=true", viewer, null).body())
                .get("total").asLong()).isZero();
        assertThat(api.call("PUT", "/api/v1/alerts/webhook", operator, "{\"url\": \"" + hookUrl() + "\"}")
                .statusCode()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/alerts/404404/acknowledge", operator, null).statusCode())
                .isEqualTo(404);
    }

    @Test
    void bad_input_is_refused_with_a_problem_naming_the_field() {
        assertInvalid(api.call("PUT", "/api/v1/alerts/webhook", ApiClient.MASTER_KEY,
                "{\"url\": \"ftp://hooks.example/x\"}"), "url");
        assertInvalid(api.call("PUT", "/api/v1/alerts/webhook", ApiClient.MASTER_KEY,
                "{\"url\": \"/services/relative\"}"), "url");
        assertInvalid(api.get("/api/v1/alerts?limit=0"), "limit");
        assertInvalid(api.get("/api/v1/alerts?offset=-1"), "offset");
        assertInvalid(api.post("/api/v1/alerts/webhook/test", null), "url");
    }

    private void assertInvalid(HttpResponse<String> response, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asString()).isEqualTo(field);
    }
}
