package dev.routewise.cli;

import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.discovery.client.Payloads;
import dev.routewise.routing.RoutingTestCatalog;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.routewise.spend.CostEntry;
import dev.routewise.spend.CostLedger;
import dev.routewise.spend.CostSource;
import dev.routewise.spend.CostStatus;
import dev.routewise.spend.SuggestionEvidence;
import dev.routewise.spend.TokenCounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import picocli.CommandLine.Help.Ansi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.sun.net.httpserver.HttpServer;

import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The CLI run in-process against the running test app, with real API keys of each role. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CliTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Run(int code, String out, String err) {
        JsonNode json() {
            return JSON.readTree(out);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    ApplicationContext context;

    ApiClient api;
    /** One catalog per class: every routed test model adds to the candidates of all later tests. */
    static SourceRef source;
    static ApiClient cleanup;

    /** Leaves the shared catalog as it was: later tests route over every model in it. */
    @AfterAll
    static void removeCatalog() {
        if (source != null) {
            cleanup.call("DELETE", "/api/v1/sources/" + source.id(), ApiClient.MASTER_KEY, null);
            source = null;
        }
    }
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        cleanup = api;
        operator = TestUsers.apiKey(keys, Role.OPERATOR);
        if (source == null) {
            source = RoutingTestCatalog.create(context, "cli", "openai", "gpt-4o-mini", "gpt-4o", "o3");
        }
    }

    @AfterEach
    void backToBalanced() {
        api.call("PUT", "/api/v1/router/profile", ApiClient.MASTER_KEY, "{\"profile\":\"balanced\"}");
        api.call("DELETE", "/api/v1/router/tasks/code/override?profile=balanced", ApiClient.MASTER_KEY, null);
    }

    Run as(String key, String... args) {
        Map<String, String> env = new HashMap<>();
        env.put("ROUTEWISE_URL", "http://127.0.0.1:" + port);
        if (key != null) {
            env.put("ROUTEWISE_API_KEY", key);
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), env, Ansi.OFF);
        return new Run(code, out.toString(), err.toString());
    }

    Run cli(String... args) {
        return as(operator, args);
    }

    String only() {
        return source.slug() + "/*";
    }

    @Test
    void router_status_shows_the_active_profile_each_profiles_task_chains_and_the_sources() {
        Run run = cli("router", "status");

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Active profile: balanced").contains("Profile eco")
                .contains("Profile premium").contains("TASK").contains("FALLBACKS").contains("OVERRIDE")
                .contains("Model sources").contains(source.slug());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void router_status_json_holds_the_servers_router_and_sources_answers() {
        JsonNode json = cli("router", "status", "--json").json();

        assertThat(json.path("router").path("activeProfile").asString()).isEqualTo("balanced");
        assertThat(json.path("sources").isArray()).isTrue();
    }

    @Test
    void router_profile_lists_the_profiles_and_profile_set_makes_another_active() {
        Run list = cli("router", "profile");
        Run set = cli("router", "profile", "set", "eco");
        Run bad = cli("router", "profile", "set", "turbo");

        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("*  balanced").contains("35/20/20/15/10").contains("eco")
                .contains("medium > low > high");
        assertThat(set.code()).isZero();
        assertThat(set.out()).contains("Active profile: eco");
        assertThat(cli("router", "profile").out()).contains("*  eco");
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.err()).contains("Rejected (400").contains("- profile: Unknown profile 'turbo'");
    }

    @Test
    void router_task_shows_the_chain_and_set_and_clear_change_the_override() {
        String forced = source.slug() + "/o3";

        Run show = cli("router", "task", "code", "--profile", "balanced");
        Run set = cli("router", "task", "code", "--profile", "balanced", "--set", forced);
        Run clear = cli("router", "task", "code", "--profile", "balanced", "--clear");

        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("Task: code under profile balanced").contains("primary");
        assertThat(set.code()).isZero();
        assertThat(set.out()).contains("Override: " + forced).contains("1  " + forced);
        assertThat(clear.code()).isZero();
        assertThat(clear.out()).contains("Override: none");
    }

    @Test
    void a_bad_task_is_exit_code_4_with_the_reason() {
        Run set = cli("router", "task", "poetry", "--set", source.slug() + "/o3");
        Run show = cli("router", "task", "poetry");

        assertThat(set.code()).isEqualTo(4);
        assertThat(set.err()).contains("Unknown task 'poetry'").contains("- task:");
        assertThat(show.code()).isEqualTo(4);
        assertThat(show.err()).contains("Unknown task 'poetry'").contains("code_review");
    }

    @Test
    void router_models_lists_a_providers_models_with_tiers_and_pages() {
        Run all = cli("router", "models", "--provider", source.slug());
        Run page = cli("router", "models", "--provider", source.slug(), "--size", "2", "--page", "2");
        Run low = cli("router", "models", "--provider", source.slug(), "--tier", "low", "--json");

        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("MODEL").contains("TIER").contains(source.slug() + "/gpt-4o-mini")
                .contains(source.slug() + "/o3").contains("Page 1 of 1, 3 models");
        assertThat(page.out()).contains("Page 2 of 2, 3 models").doesNotContain(source.slug() + "/gpt-4o-mini");
        assertThat(low.json().path("items").get(0).path("id").asString()).isEqualTo(source.slug() + "/gpt-4o-mini");
        assertThat(cli("router", "models", "--tier", "cheap").code()).isEqualTo(4);
    }

    @Test
    void router_discover_runs_one_source_by_name_and_prints_the_run_summary() {
        try (FakeProvider provider = new FakeProvider()) {
            provider.on("/v1/models", FakeProvider.json(Payloads.text("deepseek.json")));
            String name = "CLI DeepSeek " + System.nanoTime();
            String created = api.post("/api/v1/sources", "{\"name\":\"" + name + "\",\"type\":\"openai-compatible\","
                    + "\"baseUrl\":\"" + provider.root() + "/v1\",\"enabled\":true}").body();
            String id = JSON.readTree(created).path("id").asString();

            Run run = cli("router", "discover", "--source", name.toLowerCase());
            Run unknown = cli("router", "discover", "--source", "no such source");

            assertThat(run.code()).isZero();
            assertThat(run.out()).contains("SOURCE").contains("UNCHANGED").contains(name).contains("ok");
            assertThat(unknown.code()).isEqualTo(4);
            assertThat(unknown.err()).contains("No model source named 'no such source'").contains(name);
            api.call("DELETE", "/api/v1/sources/" + id, ApiClient.MASTER_KEY, null);
        }
    }

    @Test
    void router_test_shows_the_chosen_model_reasons_candidates_fallbacks_and_cost() {
        Run run = cli("router", "test", "Write a Go function that reverses a slice.", "--profile", "eco",
                "--allow", only());

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Model: " + source.slug() + "/").contains("Profile: eco")
                .contains("Task: code").contains("Why:").contains("CANDIDATE").contains("CAPAB")
                .contains("Fallback chain:").contains("Estimated cost: $").contains("Decision: ");
    }

    @Test
    void router_test_json_is_the_decision_and_an_impossible_cost_cap_is_exit_code_4() {
        JsonNode decision = cli("router", "test", "Describe this picture.", "--allow", only(), "--task", "analysis",
                "--json").json();
        Run capped = cli("router", "test", "Explain monads", "--allow", only(), "--max-cost", "0.0000000001");

        assertThat(decision.path("task").asString()).isEqualTo("analysis");
        assertThat(decision.path("model").path("id").asString()).startsWith(source.slug() + "/");
        assertThat(decision.path("candidates").isArray()).isTrue();
        assertThat(capped.code()).isEqualTo(4);
        assertThat(capped.err()).contains("Rejected (422").contains("maxCostUsd");
    }

    @Test
    void model_classify_prints_the_task_complexity_and_scores() {
        Run run = cli("model", "classify", "Translate 'good morning' into French.");
        JsonNode json = cli("model", "classify", "Translate 'good morning' into French.", "--json").json();

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Task: translation").contains("Complexity:").contains("SCORE");
        assertThat(json.path("task").asString()).isEqualTo("translation");
    }

    @Test
    void model_stats_counts_the_decisions_just_made() {
        cli("router", "test", "What is the capital of Peru?", "--allow", only());
        await().atMost(Duration.ofSeconds(10)).until(() -> cli("model", "stats").out().contains(source.slug()));

        Run run = cli("model", "stats", "--period", "week");
        JsonNode json = cli("model", "stats", "--json").json();

        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Decisions:").contains("Routing latency: p50").contains("By model")
                .contains("By task").contains("By profile").contains("Estimated cost: $").contains("(week)");
        assertThat(json.path("totalDecisions").asLong()).isPositive();
    }

    @Test
    void model_cost_prints_the_totals_the_unknown_costs_savings_and_a_table_and_model_budget_lists_the_budgets() {
        // a day of its own, long past, so no other test's calls are in it
        long at = java.time.Instant.parse("2021-06-15T12:00:00Z").toEpochMilli();
        CostLedger ledger = context.getBean(CostLedger.class);
        String model = source.slug() + "/gpt-4o";
        ledger.record(new CostEntry("cli-cost-1", at, CostSource.GATEWAY, model, source.slug(), "chat", "balanced",
                "cli-user", "cli-team", null, new TokenCounts(1000, 0, 0, 500, 0), new BigDecimal("0.02"),
                new BigDecimal("0.0125"), CostStatus.KNOWN));
        ledger.record(new CostEntry("cli-cost-2", at, CostSource.GATEWAY, model, source.slug(), "chat", "balanced",
                "cli-user", "cli-team", null, null, new BigDecimal("0.004"), null, CostStatus.UNKNOWN_USAGE));
        String range = "--from=2021-06-15";
        await().atMost(Duration.ofSeconds(10)).until(() -> cli("model", "cost", range, "--to=2021-06-15", "--json")
                .json().path("totals").path("calls").asLong() == 2);
        HttpResponse<String> created = api.post("/api/v1/budgets", "{\"scope\":\"team\",\"scopeId\":\"cli-team\","
                + "\"period\":\"month\",\"limitUsd\":25.50,\"policy\":\"block\",\"warnAt\":[0.8]}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll("(?s).*?\"id\":(\\d+).*", "$1");
        try {
            Run cost = cli("model", "cost", range, "--to=2021-06-15", "--group-by", "team");
            JsonNode json = cli("model", "cost", range, "--to=2021-06-15", "--json").json();
            Run budget = cli("model", "budget");

            assertThat(cost.code()).as(cost.err()).isZero();
            assertThat(cost.out()).contains("Period: 2021-06-15 to 2021-06-15 (custom, UTC)").contains("Calls: 2")
                    .contains("Known cost: $0.0125")
                    .contains("Unknown cost: 1 calls, estimated $0.004; not counted as $0")
                    .contains("TEAM").contains("KNOWN USD").contains("ESTIMATED USD").contains("cli-team");
            assertThat(cost.out()).containsPattern("cli-team\\s+2\\s+1,500\\s+\\$0\\.0125\\s+1\\s+\\$0\\.004\\s+100\\.0%");
            // the known call's tokens priced on the top and premium models; the unknown one is not compared
            JsonNode savings = json.path("savings");
            assertThat(savings.path("calls").asLong()).isEqualTo(1);
            assertThat(cost.out()).contains("Savings: actual $0.0125 vs always the profile's top model $")
                    .contains("vs always premium $").contains("over 1 calls");
            assertThat(budget.code()).isZero();
            assertThat(budget.out()).contains("cli-team").contains("25.5");
        } finally {
            api.call("DELETE", "/api/v1/budgets/" + id, ApiClient.MASTER_KEY, null);
        }
    }

    @Test
    void model_suggestions_prints_a_cheaper_model_that_did_as_well_with_the_monthly_saving() {
        SuggestionEvidence evidence = new SuggestionEvidence(context, api);
        try {
            String dear = evidence.model("clid", "dear", "10.00");
            String cheap = evidence.model("clic", "cheap", "1.00");
            evidence.record(dear, 49, 1);
            evidence.record(cheap, 30, 0);
            evidence.spend(dear, 10);

            Run run = cli("model", "suggestions");
            JsonNode json = cli("model", "suggestions", "--json").json();

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).contains("TASK").contains("CURRENT MODEL").contains("SUGGESTED").contains("CALLS")
                    .contains("SUCCESS").contains("RATING").contains("MONTHLY SAVING USD").contains("SAVING %");
            // 10 calls of 2,000 tokens: $0.20 at $10/M, $0.02 at $1/M; 50 calls at 98 % against 30 at 100 %
            assertThat(run.out()).containsPattern(Pattern.quote(evidence.task) + "\\s+"
                    + Pattern.quote(dear) + "\\s+" + Pattern.quote(cheap)
                    + "\\s+50 / 30\\s+98\\.0% -> 100\\.0%\\s+not rated\\s+\\$0\\.18\\s+90\\.0%");
            assertThat(run.out()).contains("Estimated saving: $");
            assertThat(json.isArray()).isTrue();
            assertThat(json.valueStream().filter(s -> evidence.task.equals(s.path("task").asString())).toList())
                    .singleElement().satisfies(s -> {
                        assertThat(s.path("suggestedModel").asString()).isEqualTo(cheap);
                        assertThat(s.path("monthlySavingUsd").decimalValue()).isEqualByComparingTo("0.18");
                    });
        } finally {
            evidence.cleanUp();
        }
    }

    @Test
    void model_suggestions_says_what_evidence_is_needed_when_there_are_none() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/costs/suggestions", exchange -> {
            byte[] body = "[]".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            Run run = cli("model", "suggestions", "--url", "http://127.0.0.1:" + server.getAddress().getPort());

            assertThat(run.code()).as(run.err()).isZero();
            assertThat(run.out()).startsWith("No downgrade suggestions: ")
                    .contains("at least 20 calls on the same task")
                    .contains("last 30 days").doesNotContain("TASK");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void model_export_writes_csv_to_a_file_and_json_to_standard_output(@TempDir Path dir) throws Exception {
        cli("router", "test", "Name three rivers.", "--allow", only());
        Path file = dir.resolve("decisions.csv");
        await().atMost(Duration.ofSeconds(10)).until(() -> cli("model", "export").out().contains(source.slug()));

        Run csv = cli("model", "export", "--format", "csv", "--output", file.toString());
        Run json = cli("model", "export", "--format", "json");

        assertThat(csv.code()).isZero();
        assertThat(csv.out()).contains("Exported the decision log to " + file);
        assertThat(Files.readString(file)).startsWith("time,decisionId,caller,").contains(source.slug());
        assertThat(json.json().isArray()).isTrue();
        assertThat(cli("model", "export", "--format", "xml").code()).isEqualTo(2);
    }

    @Test
    void model_config_shows_and_changes_a_profiles_weights() {
        Run show = cli("model", "config");
        Run set = cli("model", "config", "--profile", "eco", "--set-weight", "cost", "80");
        Run bad = cli("model", "config", "--profile", "eco", "--set-weight", "speed", "10");
        Run notNumber = cli("model", "config", "--set-weight", "cost", "lots");
        api.call("DELETE", "/api/v1/router/profiles/eco", ApiClient.MASTER_KEY, null);

        assertThat(show.code()).isZero();
        assertThat(show.out()).contains("Profile: balanced").containsPattern("capability\\s+35")
                .containsPattern("historical\\s+10");
        assertThat(set.code()).isZero();
        // eco ships 30/40/10/10/10; cost 40 -> 80 and the weights are normalised to 100
        assertThat(set.out()).contains("Profile: eco").containsPattern("cost\\s+57.1");
        assertThat(bad.code()).isEqualTo(4);
        assertThat(bad.err()).contains("Unknown factor 'speed'");
        assertThat(notNumber.code()).isEqualTo(2);
    }

    @Test
    void model_reset_needs_an_admin_key_and_reports_what_it_cleared() {
        Run asOperator = cli("model", "reset");
        Run asAdmin = as(TestUsers.apiKey(keys, Role.ADMIN), "model", "reset");

        assertThat(asOperator.code()).isEqualTo(3);
        assertThat(asOperator.err()).contains("Not allowed (403)").contains("--key");
        assertThat(asAdmin.code()).isZero();
        assertThat(asAdmin.out()).containsPattern("Cleared \\d+ cache entries and \\d+ learned statistics\\.");
    }

    @Test
    void a_wrong_or_missing_key_is_exit_code_3_and_says_how_to_give_one() {
        Run wrong = as("not-a-real-key-000000000", "router", "status");
        Run missing = as(null, "router", "status");
        Run viewerChange = as(TestUsers.apiKey(keys, Role.VIEWER), "router", "profile", "set", "eco");
        Run flag = as(null, "router", "profile", "--key", operator);

        assertThat(wrong.code()).isEqualTo(3);
        assertThat(wrong.err()).contains("Not authenticated (401)").contains("refused the API key")
                .contains("ROUTEWISE_API_KEY").doesNotContain("Exception");
        assertThat(missing.code()).isEqualTo(3);
        assertThat(missing.err()).contains("no API key was given");
        assertThat(viewerChange.code()).isEqualTo(3);
        assertThat(viewerChange.err()).contains("Not allowed (403)");
        assertThat(flag.code()).isZero();
    }

    @Test
    void a_url_that_is_not_routewise_is_not_mistaken_for_an_answer() {
        Run run = cli("router", "status", "--url", "http://127.0.0.1:" + port + "/login");

        assertThat(run.code()).isIn(3, 4, 5);
        assertThat(run.err()).doesNotContain("Exception");
    }
}
