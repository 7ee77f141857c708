package dev.routewise.routing;

import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionExportApiTest extends LoggedDecisionsTest {

    @Override
    String[] catalogModels() {
        return new String[] {"export", "gpt-4o-mini", "gpt-4o"};
    }

    String routeAndWaitForLog(String prompt) {
        return route(prompt, "eco").path("decisionId").asString();
    }

    @Test
    void csv_export_is_an_attachment_with_a_header_row_and_one_row_per_decision_with_its_outcome() {
        String reported = routeAndWaitForLog("Name three prime numbers.");
        String silent = routeAndWaitForLog("Name three rivers.");
        api.post("/api/v1/decisions/" + reported + "/outcome", "{\"success\":true,\"qualityRating\":4,"
                + "\"latencyMs\":900,\"costUsd\":0.0105}");

        HttpResponse<String> csv = api.get("/api/v1/export?format=csv");

        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow()).isEqualTo(
                "attachment; filename=\"routewise-decisions-" + LocalDate.now(ZoneOffset.UTC) + ".csv\"");
        List<String> lines = Arrays.asList(csv.body().split("\r\n"));
        assertThat(lines.getFirst()).isEqualTo("time,decisionId,caller,profile,task,complexity,confidence,tier,"
                + "model,rule,estimatedCostUsd,latencyMicros,outcomeReportedAt,success,qualityRating,"
                + "outcomeLatencyMs,inputTokens,outputTokens,costUsd,overriddenTo");
        String row = lines.stream().filter(l -> l.contains(reported)).findFirst().orElseThrow();
        String[] fields = row.split(",", -1);
        assertThat(fields).hasSize(20);
        assertThat(fields[1]).isEqualTo(reported);
        assertThat(fields[3]).isEqualTo("eco");
        assertThat(fields[8]).startsWith(source.slug() + "/");
        assertThat(fields[13]).isEqualTo("true");
        assertThat(fields[14]).isEqualTo("4");
        assertThat(fields[15]).isEqualTo("900");
        assertThat(fields[18]).isEqualTo("0.0105");
        String[] other = lines.stream().filter(l -> l.contains(silent)).findFirst().orElseThrow().split(",", -1);
        assertThat(other[12]).isEmpty();
        assertThat(other[13]).isEmpty();
    }

    @Test
    void json_export_is_an_array_of_rows_and_from_to_limit_the_window() {
        String old = routeAndWaitForLog("What is two plus two?");
        jdbc.sql("UPDATE routing_decision SET created_at = created_at - ? WHERE decision_id = ?")
                .params(Duration.ofDays(10).toMillis(), old).update();
        String recent = routeAndWaitForLog("What is three plus three?");
        Instant from = Instant.now().minus(Duration.ofDays(1));

        HttpResponse<String> all = api.get("/api/v1/export?format=json");
        HttpResponse<String> window = api.get("/api/v1/export?format=json&from=" + from);

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Disposition").orElseThrow()).endsWith(".json\"");
        JsonNode rows = JSON.readTree(all.body());
        assertThat(rows.isArray()).isTrue();
        assertThat(all.body()).contains(old).contains(recent);
        JsonNode row = null;
        for (JsonNode r : rows) {
            if (recent.equals(r.path("decisionId").asString())) {
                row = r;
            }
        }
        assertThat(row).isNotNull();
        assertThat(row.path("estimatedCostUsd").isNumber()).isTrue();
        assertThat(row.path("latencyMicros").asLong()).isPositive();
        assertThat(row.path("success").isNull()).isTrue();
        assertThat(window.body()).contains(recent).doesNotContain(old);
    }

    @Test
    void an_unknown_format_is_400_and_viewers_may_export() {
        HttpResponse<String> bad = api.get("/api/v1/export?format=xml");
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"format\"");
        assertThat(api.call("GET", "/api/v1/export?format=csv", viewer, null).statusCode()).isEqualTo(200);
        assertThat(api.call("GET", "/api/v1/export?format=csv", null, null).statusCode()).isEqualTo(401);
    }
}
