package dev.routewise.spend.ui;

import com.github.mvysny.kaributesting.v10.GridKt;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.Span;
import dev.routewise.KaribuViewTest;
import dev.routewise.base.ui.Chart;
import dev.routewise.routing.DecisionStats.Period;
import dev.routewise.security.CreatedApiKey;
import dev.routewise.security.Role;
import dev.routewise.security.ui.LoginView;
import dev.routewise.spend.AlertService;
import dev.routewise.spend.Budget;
import dev.routewise.spend.BudgetDraft;
import dev.routewise.spend.BudgetService;
import dev.routewise.spend.CostDimension;
import dev.routewise.spend.ThresholdCrossed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard shows what real gateway traffic did ({@link DashboardTraffic}): calls through the gateway to stub
 * providers (three answered after a fallback, one failed), outcomes reported for them, and a budget their recorded
 * costs were settled on. The traffic tables start empty, so every figure is exactly this test's traffic.
 */
class DashboardViewTest extends KaribuViewTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    BudgetService budgets;

    DashboardTraffic traffic;
    Budget budget;

    @BeforeEach
    void quietGateway() {
        traffic = new DashboardTraffic(context, port);
    }

    @AfterEach
    void cleanUp() {
        if (budget != null) {
            budgets.delete(budget.id());
        }
        traffic.close();
    }

    private DashboardView open() {
        UI.getCurrent().navigate(DashboardView.class);
        return _get(DashboardView.class);
    }

    private static String stat(String key) {
        return _get(Span.class, spec -> spec.withId("stat-" + key + "-value")).getText();
    }

    /** Three answered calls (each after one fallback), from ana, ana and ben, and one of ana's that fails. */
    private void traffic() {
        traffic.send(List.of("ana", "ana", "ben"), 1);
    }

    private static JsonNode data(Chart chart) {
        return JSON.readTree(chart.getElement().getProperty("data"));
    }

    private static List<String> labels(Chart chart) {
        return StreamSupport.stream(data(chart).get("labels").spliterator(), false).map(JsonNode::asString).toList();
    }

    private static List<Long> values(Chart chart, int series) {
        return StreamSupport.stream(data(chart).get("series").get(series).get("values").spliterator(), false)
                .map(JsonNode::asLong).toList();
    }

    @Test
    void the_root_address_opens_the_dashboard_for_a_signed_in_user_and_the_sign_in_page_otherwise() {
        UI.getCurrent().navigate("");
        _get(LoginView.class);

        signIn("viewer-dash", Role.VIEWER);
        UI.getCurrent().navigate("");
        _get(DashboardView.class);
    }

    @Test
    void an_alert_raised_by_a_budget_shows_among_the_open_alerts_until_acknowledged() {
        signIn("admin", Role.ADMIN);
        budget = budgets.create(new BudgetDraft("team", "dash-alerts", "day", new BigDecimal("2.00"), "block",
                List.of(new BigDecimal("0.75"))));
        DashboardView view = open();
        AlertsPanel panel = _get(AlertsPanel.class);
        String message = "Team 'dash-alerts' daily budget $2.00: 75 % used ($1.50)";
        assertThat(panel.shown()).doesNotContain(message);

        context.publishEvent(new ThresholdCrossed(budget, new BigDecimal("0.75"), Instant.now().truncatedTo(
                ChronoUnit.DAYS), new BigDecimal("1.50")));

        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            view.refresh();
            assertThat(panel.shown()).first().isEqualTo(message);
        });
        AlertService alerts = context.getBean(AlertService.class);
        alerts.list(true, 0, 50).items().stream().filter(a -> a.message().equals(message))
                .forEach(a -> alerts.acknowledge(a.id()));
        view.refresh();
        assertThat(panel.shown()).doesNotContain(message);
    }

    @Test
    void without_traffic_the_dashboard_says_how_to_get_some_and_draws_empty_charts() {
        signIn("admin", Role.ADMIN);
        DashboardView view = open();

        SummaryPanel summary = _get(SummaryPanel.class);
        assertThat(summary.noTraffic.isVisible()).isTrue();
        assertThat(summary.noTraffic.getText()).startsWith("No traffic in the last 24 hours. Send requests to POST "
                + "/v1/chat/completions");
        assertThat(stat("decisions")).isEqualTo("0");
        assertThat(stat("error-rate")).isEqualTo("—");
        TrafficPanel overTime = _get(TrafficPanel.class);
        assertThat(labels(overTime.chart)).hasSize(24);
        assertThat(values(overTime.chart, 0)).containsOnly(0L);
        assertThat(data(overTime.chart).get("empty").asString()).isEqualTo("No requests in this period yet");
        assertThat(view.panels).hasSize(14);
    }

    @Test
    void gateway_traffic_shows_in_the_cards_charts_budgets_and_top_lists() throws java.io.IOException {
        signIn("admin", Role.ADMIN);
        budget = budgets.create(new BudgetDraft("global", null, "day", new BigDecimal("1"), "block",
                List.of(new BigDecimal("0.5"))));
        traffic();
        CreatedApiKey key = traffic.key();
        DashboardView view = open();

        assertThat(_get(SummaryPanel.class).noTraffic.isVisible()).isFalse();
        assertThat(stat("decisions")).isEqualTo("4");
        assertThat(stat("calls")).isEqualTo("4");
        assertThat(stat("error-rate")).isEqualTo("25 %");
        assertThat(stat("fallback-rate")).isEqualTo("75 %");
        assertThat(stat("override-rate")).isEqualTo("50 %");

        TrafficPanel overTime = _get(TrafficPanel.class);
        assertThat(data(overTime.chart).get("kind").asString()).isEqualTo("line");
        assertThat(values(overTime.chart, 0).getLast()).isEqualTo(4L);   // decisions, this hour
        assertThat(values(overTime.chart, 1).getLast()).isEqualTo(4L);   // gateway calls
        assertThat(values(overTime.chart, 2).getLast()).isEqualTo(1L);   // errors

        List<MixPanel> mixes = _get(DashboardView.class).panels.stream().filter(MixPanel.class::isInstance)
                .map(MixPanel.class::cast).toList();
        MixPanel models = mixes.get(0);
        // the decision names the first model of the chain, the one that failed before the fallback answered
        assertThat(labels(models.chart)).containsExactly(traffic.stubs.failingModel());
        assertThat(values(models.chart, 0)).containsExactly(4L);
        MixPanel tasks = mixes.get(1);
        assertThat(values(tasks.chart, 0).stream().mapToLong(Long::longValue).sum()).isEqualTo(4L);

        LatencyPanel latency = _get(LatencyPanel.class);
        assertThat(labels(latency.chart)).containsExactly(traffic.stubs.answeringModel());
        assertThat(data(latency.chart).get("series").get(0).get("name").asString()).isEqualTo("p50");
        assertThat(data(latency.chart).get("format").asString()).isEqualTo("ms");

        List<TopPanel> tops = _get(DashboardView.class).panels.stream().filter(TopPanel.class::isInstance)
                .map(TopPanel.class::cast).toList();
        assertThat(tops.get(0).shown()).containsExactly("ana: 3", "ben: 1");
        assertThat(tops.get(1).shown()).containsExactly("research: 4");
        assertThat(tops.get(2).shown()).singleElement().asString()
                .contains("(key " + key.key().id() + ")").endsWith(": 4");

        // three answered calls of 9 input and 3 output tokens at $2 and $10 per million tokens
        // (settling may trail the answer: budget spend is written in the background)
        BudgetsPanel spend = _get(BudgetsPanel.class);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            view.refresh();
            assertThat(spend.getElement().getTextRecursively()).contains("Everyone · today")
                    .contains("$0.000144 of $1.00");
        });

        // the ledger: the same three answered calls (the failed one cost nothing), today and this month
        CostPanel cost = _get(CostPanel.class);
        await().pollInSameThread().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            view.refresh();
            assertThat(stat("cost-today")).isEqualTo("$0.000144");
        });
        assertThat(stat("cost-month")).isEqualTo("$0.000144");
        assertThat(labels(cost.perModel)).containsExactly(traffic.stubs.answeringModel());
        assertThat(data(cost.perDay).get("series").get(0).get("values").get(6).decimalValue())
                .isEqualByComparingTo("0.000144");
        String csv = new String(cost.download("csv").getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(csv.lines().findFirst().orElse("")).startsWith("model,");
        assertThat(csv).contains(traffic.stubs.answeringModel() + ",3,");
        cost.groupBy.setValue(CostDimension.TEAM);
        JsonNode report = JSON.readTree(cost.download("json").getInputStream().readAllBytes());
        assertThat(report.path("groupBy").asString()).isEqualTo("team");
        assertThat(report.path("rows").get(0).path("key").asString()).isEqualTo("research");
        SavingsPanel savings = _get(SavingsPanel.class);
        assertThat(savings.summary.getText()).endsWith("over 3 calls.");
        assertThat(data(savings.chart).get("series").get(0).get("values").get(0).decimalValue())
                .isEqualByComparingTo("0.000144");

        DiscoveryPanel discovery = _get(DiscoveryPanel.class);
        List<String> sources = new ArrayList<>();
        for (int i = 0; i < GridKt._size(discovery.grid); i++) {
            sources.add(GridKt._getFormatted(discovery.grid, i, "source"));
        }
        assertThat(sources).anyMatch(s -> s.startsWith("dash-a")).anyMatch(s -> s.startsWith("dash-b"));
    }

    @Test
    void an_open_dashboard_updates_itself_as_traffic_arrives_and_follows_the_period() {
        signIn("admin", Role.ADMIN);
        DashboardView view = open();
        assertThat(stat("calls")).isEqualTo("0");

        traffic();
        // no refresh by hand: the view's own background refresh pushes the new figures
        await().pollInSameThread().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            MockVaadin.clientRoundtrip(false);
            assertThat(stat("calls")).isEqualTo("4");
        });

        view.period.setValue(Period.MONTH);
        TrafficPanel overTime = _get(TrafficPanel.class);
        assertThat(labels(overTime.chart)).hasSize(30);
        assertThat(values(overTime.chart, 1).getLast()).isEqualTo(4L);
        assertThat(stat("decisions")).isEqualTo("4");
    }
}
