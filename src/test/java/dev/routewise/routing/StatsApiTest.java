package dev.routewise.routing;

import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StatsApiTest extends LoggedDecisionsTest {

    @Override
    String[] catalogModels() {
        return new String[] {"stats", "gpt-4o-mini", "gpt-4o", "o3"};
    }

    JsonNode stats(String period) {
        HttpResponse<String> response = api.get("/api/v1/stats?period=" + period);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    static long count(JsonNode groups, String key) {
        for (JsonNode g : groups) {
            if (key.equals(g.path("key").asString())) {
                return g.path("count").asLong();
            }
        }
        return 0;
    }

    static long countWithPrefix(JsonNode groups, String prefix) {
        long n = 0;
        for (JsonNode g : groups) {
            if (!g.path("key").isNull() && g.path("key").asString().startsWith(prefix)) {
                n += g.path("count").asLong();
            }
        }
        return n;
    }

    @Test
    void stats_count_the_days_decisions_by_model_task_and_profile_with_latency_and_estimated_cost() {
        JsonNode before = stats("day");
        List<JsonNode> decisions = new ArrayList<>();
        decisions.add(route("Write a Go function that reverses a slice.", "eco"));
        decisions.add(route("What is the capital of Peru?", "eco"));
        decisions.add(route("Translate 'good morning' into French.", "premium"));

        JsonNode after = stats("day");

        assertThat(after.path("period").asString()).isEqualTo("day");
        assertThat(after.path("totalDecisions").asLong() - before.path("totalDecisions").asLong()).isEqualTo(3);
        assertThat(countWithPrefix(after.path("byModel"), source.slug() + "/")
                - countWithPrefix(before.path("byModel"), source.slug() + "/")).isEqualTo(3);
        String first = decisions.getFirst().path("model").path("id").asString();
        assertThat(count(after.path("byModel"), first)).isGreaterThanOrEqualTo(1);
        String task = decisions.getFirst().path("task").asString();
        assertThat(count(after.path("byTask"), task) - count(before.path("byTask"), task)).isGreaterThanOrEqualTo(1);
        assertThat(count(after.path("byProfile"), "eco") - count(before.path("byProfile"), "eco")).isEqualTo(2);
        assertThat(count(after.path("byProfile"), "premium") - count(before.path("byProfile"), "premium"))
                .isEqualTo(1);
        double shares = 0;
        for (JsonNode g : after.path("byProfile")) {
            shares += g.path("share").asDouble();
        }
        assertThat(shares).isBetween(0.99, 1.01);
        JsonNode latency = after.path("latency");
        assertThat(latency.path("p50Micros").asLong()).isPositive()
                .isLessThanOrEqualTo(latency.path("p95Micros").asLong());
        assertThat(latency.path("p95Micros").asLong()).isLessThanOrEqualTo(latency.path("maxMicros").asLong());
        BigDecimal routedCost = decisions.stream().map(d -> d.path("estimatedCostUsd").decimalValue())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(after.path("estimatedCostUsd").decimalValue().subtract(before.path("estimatedCostUsd").decimalValue()))
                .isEqualByComparingTo(routedCost);
        assertThat(after.path("costNote").asString()).contains("Estimated");
    }

    @Test
    void outcomes_give_the_success_rate_average_rating_and_user_overrides() {
        JsonNode before = stats("week").path("outcomes");
        String good = route("Name three prime numbers.", "eco").path("decisionId").asString();
        String bad = route("Name three even numbers.", "eco").path("decisionId").asString();
        api.post("/api/v1/decisions/" + good + "/outcome", "{\"success\":true,\"qualityRating\":5}");
        api.post("/api/v1/decisions/" + bad + "/outcome", "{\"success\":false,\"qualityRating\":1,"
                + "\"overriddenTo\":\"" + source.slug() + "/o3\"}");

        JsonNode after = stats("week").path("outcomes");

        assertThat(after.path("reported").asLong() - before.path("reported").asLong()).isEqualTo(2);
        assertThat(after.path("succeeded").asLong() - before.path("succeeded").asLong()).isEqualTo(1);
        assertThat(after.path("overrides").asLong() - before.path("overrides").asLong()).isEqualTo(1);
        assertThat(after.path("successRate").asDouble()).isBetween(0.0, 1.0);
        assertThat(after.path("averageRating").asDouble()).isBetween(1.0, 5.0);
    }

    @Test
    void a_decision_older_than_a_day_counts_for_the_week_but_not_the_day() {
        String id = route("Summarize: the meeting moved to Tuesday.", "balanced").path("decisionId").asString();
        JsonNode dayBefore = stats("day");
        JsonNode weekBefore = stats("week");
        jdbc.sql("UPDATE routing_decision SET created_at = created_at - ? WHERE decision_id = ?")
                .params(Duration.ofDays(3).toMillis(), id).update();

        assertThat(stats("day").path("totalDecisions").asLong()).isEqualTo(dayBefore.path("totalDecisions").asLong() - 1);
        assertThat(stats("week").path("totalDecisions").asLong()).isEqualTo(weekBefore.path("totalDecisions").asLong());
        assertThat(stats("month").path("period").asString()).isEqualTo("month");
    }

    @Test
    void viewers_may_read_stats_and_a_bad_period_is_400_naming_the_field() {
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);

        assertThat(api.call("GET", "/api/v1/stats", viewer, null).statusCode()).isEqualTo(200);
        HttpResponse<String> bad = api.get("/api/v1/stats?period=year");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"period\"");
        assertThat(api.call("GET", "/api/v1/stats", null, null).statusCode()).isEqualTo(401);
    }
}
