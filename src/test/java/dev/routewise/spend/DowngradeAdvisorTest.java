package dev.routewise.spend;

import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Downgrade suggestions from real ledger aggregates, catalog prices and the models' records on a task. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DowngradeAdvisorTest {

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;

    final JsonMapper json = JsonMapper.builder().build();
    ApiClient api;
    SuggestionEvidence evidence;
    String task;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        evidence = new SuggestionEvidence(context, api);
        task = evidence.task;
    }

    @AfterEach
    void cleanUp() {
        evidence.cleanUp();
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
        String dear = evidence.model("sgd", "dear", "10.00");
        String cheap = evidence.model("sgc", "cheap", "1.00");
        String worse = evidence.model("sgw", "worse", "0.10");
        evidence.record(dear, 49, 1);
        evidence.record(cheap, 30, 0);
        evidence.record(worse, 20, 10);
        evidence.spend(dear, 10);

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
        String dear = evidence.model("sgr", "rated", "10.00");
        String cheap = evidence.model("sgl", "lowrated", "1.00");
        evidence.record(dear, 40, 0);
        evidence.record(cheap, 15, 0);
        evidence.spend(dear, 5);
        assertThat(suggestionsForTask()).as("15 calls are too few to tell").isEmpty();

        evidence.record(cheap, 25, 0);
        for (int i = 0; i < 5; i++) {
            evidence.outcome(dear, 5);
            evidence.outcome(cheap, 3);
        }
        assertThat(suggestionsForTask()).as("equal success, but rated 3 against 5").isEmpty();
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
