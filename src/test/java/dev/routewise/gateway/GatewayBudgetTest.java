package dev.routewise.gateway;

import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Budgets on the gateway's path: a block budget refuses before any upstream call, a degrade budget sends the call to
 * the eco profile, and 200 concurrent calls cannot take a small budget past its limit by more than one call's
 * estimation error. Budgets here are scoped to teams of their own, so other tests' traffic never counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBudgetTest {

    /** $10 per million input tokens and $30 per million output tokens. */
    static final String INPUT_PRICE = "10.00";
    static final String OUTPUT_PRICE = "30.00";
    static final Pattern ESTIMATE = Pattern.compile("this request's estimated \\$([0-9.E-]+)");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    final JsonMapper json = JsonMapper.builder().build();
    final List<FakeProvider> fakes = new ArrayList<>();
    final List<SourceRef> sources = new ArrayList<>();
    final List<Long> budgets = new ArrayList<>();
    ApiClient api;

    @AfterEach
    void cleanUp() {
        budgets.forEach(id -> api.call("DELETE", "/api/v1/budgets/" + id, ApiClient.MASTER_KEY, null));
        sources.forEach(s -> api.call("DELETE", "/api/v1/sources/" + s.id(), ApiClient.MASTER_KEY, null));
        fakes.forEach(FakeProvider::close);
    }

    private String model(String prefix, FakeProvider fake, String modelId) {
        api = new ApiClient(port);
        fakes.add(fake);
        SourceRef s = StubModels.create(context, prefix, fake, modelId, INPUT_PRICE, OUTPUT_PRICE);
        sources.add(s);
        return s.slug() + "/" + modelId;
    }

    private void budget(String team, String limit, String policy) {
        HttpResponse<String> r = api.call("POST", "/api/v1/budgets", ApiClient.MASTER_KEY, "{\"scope\":\"team\","
                + "\"scopeId\":\"" + team + "\",\"period\":\"day\",\"limitUsd\":" + limit + ",\"policy\":\"" + policy
                + "\",\"warnAt\":[0.5]}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        budgets.add(json.readTree(r.body()).path("id").asLong());
    }

    private JsonNode budgetStatus(String team) {
        JsonNode all = json.readTree(api.call("GET", "/api/v1/budget", ApiClient.MASTER_KEY, null).body());
        for (JsonNode s : all) {
            if (team.equals(s.path("budget").path("scopeId").asString(""))) {
                return s;
            }
        }
        throw new AssertionError("no budget for team " + team);
    }

    /** The gateway's record of the call that gave answer {@code r}, once its writer has stored it. */
    private Map<String, Object> recorded(HttpResponse<String> r) {
        String decision = r.headers().firstValue("x-routewise-decision-id").orElseThrow();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM gateway_call WHERE "
                + "decision_id = ?").param(decision).query(Integer.class).single() == 1);
        return jdbc.sql("SELECT * FROM gateway_call WHERE decision_id = ?").param(decision).query().singleRow();
    }

    private static String request(String model, boolean stream) {
        return "{\"model\":\"" + model + "\",\"max_tokens\":100,\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Write a short haiku about budgets that hold under load, in English please.\"}]"
                + (stream ? ",\"stream\":true,\"stream_options\":{\"include_usage\":true}" : "") + "}";
    }

    private static String completion(int input, int output) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"ok\"},\"finish_reason\":\"stop\"}],\"usage\":"
                + "{\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output + ",\"total_tokens\":"
                + (input + output) + "}}";
    }

    private static FakeProvider.Answer streamed(int input, int output) {
        return FakeProvider.sse(FakeProvider.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,"
                        + "\"model\":\"up\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"ok\"},\"finish_reason\":\"stop\"}]}"),
                FakeProvider.data("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + input + ",\"completion_tokens\":" + output
                        + ",\"total_tokens\":" + (input + output) + "}}"),
                FakeProvider.data("[DONE]"));
    }

    /**
     * A provider that bills each call differently: prompt tokens 10-40 (the gateway estimates them from the text),
     * for one call in ten 150-300 (more than the reservation's margin covers), and
     * 20-100 output tokens of the 100 allowed, answering after 5-30 ms so that many calls are in flight at once.
     */
    private static FakeProvider unevenProvider() {
        Random random = new Random(42);
        return new FakeProvider().on("/v1/chat/completions", FakeProvider.dynamic(request -> {
            int input;
            int output;
            long delay;
            synchronized (random) {
                // one call in ten bills far more prompt tokens than the text shows (a provider-side system prompt)
                input = random.nextInt(10) == 0 ? 150 + random.nextInt(151) : 10 + random.nextInt(31);
                output = 20 + random.nextInt(81);
                delay = 5 + random.nextInt(26);
            }
            FakeProvider.Answer answer = request.body().contains("\"stream\":true")
                    ? streamed(input, output)
                    : FakeProvider.json(completion(input, output));
            return FakeProvider.slow(Duration.ofMillis(delay), answer);
        }));
    }

    @Test
    void two_hundred_concurrent_calls_stay_within_a_small_budget_plus_one_calls_estimation_error() throws Exception {
        FakeProvider upstream = unevenProvider();
        String m = model("bud", upstream, "metered");
        String team = "load-" + System.nanoTime();
        BigDecimal limit = new BigDecimal("0.10");
        budget(team, limit.toPlainString(), "block");

        int calls = 200;
        List<HttpResponse<String>> answers;
        try (HttpClient client = HttpClient.newBuilder().executor(Executors.newVirtualThreadPerTaskExecutor())
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port
                                + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + ApiClient.MASTER_KEY)
                        .header("Content-Type", "application/json")
                        .header("x-routewise-team", team)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofString(request(m, i % 4 == 0))).build();
                pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofString()));
            }
            answers = pending.stream().map(CompletableFuture::join).toList();
        }

        List<HttpResponse<String>> refused = answers.stream().filter(r -> r.statusCode() == 429).toList();
        long admitted = answers.stream().filter(r -> r.statusCode() == 200).count();
        assertThat(answers).as("every call is answered or refused by the budget")
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(200, 429));
        assertThat(refused).as("the budget refuses calls").isNotEmpty();
        assertThat(admitted).as("and admits calls up to its limit").isGreaterThan(10);
        HttpResponse<String> refusal = refused.getFirst();
        assertThat(refusal.headers().firstValue("x-should-retry")).contains("false");
        JsonNode error = json.readTree(refusal.body()).path("error");
        assertThat(error.path("code").asString()).isEqualTo("budget_exceeded");
        assertThat(error.path("message").asString()).contains("team '" + team + "' per day $0.10 (block)");
        Matcher estimated = ESTIMATE.matcher(error.path("message").asString());
        assertThat(estimated.find()).isTrue();
        BigDecimal estimate = new BigDecimal(estimated.group(1));
        assertThat(upstream.requests("/v1/chat/completions")).as("a refused call never reaches the provider")
                .hasSize((int) admitted);

        // every admitted call, streamed or not, is recorded with its exact cost: none at $0, none unknown
        await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql("SELECT count(*) FROM gateway_call WHERE team = ?")
                .param(team).query(Integer.class).single() == calls);
        List<BigDecimal> costs = jdbc.sql("SELECT cost_usd FROM gateway_call WHERE team = ? AND outcome = 'ok'")
                .param(team).query(String.class).list().stream().map(BigDecimal::new).toList();
        assertThat(costs).hasSize((int) admitted).allSatisfy(c -> assertThat(c).isPositive());
        BigDecimal recorded = costs.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal largestCall = costs.stream().max(BigDecimal::compareTo).orElseThrow();
        BigDecimal oneCallsError = largestCall.subtract(estimate).max(BigDecimal.ZERO);

        JsonNode status = budgetStatus(team);
        BigDecimal spent = status.path("spentUsd").decimalValue();
        assertThat(spent).as("the budget counts exactly what the calls cost").isEqualByComparingTo(recorded);
        assertThat(status.path("reservedUsd").decimalValue()).as("nothing stays held").isEqualByComparingTo("0");
        assertThat(spent).as("spend <= limit + one call's estimation error").isLessThanOrEqualTo(
                limit.add(oneCallsError));
        System.out.printf("Budget under load: %d calls, limit $%s, spent $%s (overshoot $%s), %d admitted, %d refused,"
                        + " estimate per call $%s, largest call $%s%n", calls, limit.toPlainString(),
                spent.toPlainString(), spent.subtract(limit).max(BigDecimal.ZERO).toPlainString(), admitted,
                refused.size(), estimate.toPlainString(), largestCall.toPlainString());
    }

    @Test
    void a_block_budget_refuses_before_any_upstream_call_and_the_refusal_is_recorded() {
        FakeProvider upstream = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(completion(20, 80)));
        String m = model("blk", upstream, "capped");
        String team = "blocked-" + System.nanoTime();
        budget(team, "0.0001", "block");

        HttpResponse<String> r = api.call("POST", "/v1/chat/completions", ApiClient.MASTER_KEY, request(m, true),
                "x-routewise-team", team);

        assertThat(r.statusCode()).isEqualTo(429);
        assertThat(r.headers().firstValue("x-routewise-budget").orElse("")).startsWith("refused by team '" + team);
        assertThat(json.readTree(r.body()).path("error").path("type").asString()).isEqualTo("insufficient_quota");
        assertThat(upstream.requests()).isEmpty();
        assertThat(recorded(r)).containsEntry("outcome", "over_budget").containsEntry("status", 429);
        assertThat(budgetStatus(team).path("spentUsd").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void a_degrade_budget_sends_the_call_to_the_eco_profile_and_counts_its_cost() {
        FakeProvider upstream = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(completion(20, 80)));
        String m = model("deg", upstream, "frugal");
        String team = "degraded-" + System.nanoTime();
        budget(team, "0.0001", "degrade");

        HttpResponse<String> r = api.call("POST", "/v1/chat/completions", ApiClient.MASTER_KEY, request(m, false),
                "x-routewise-team", team);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-routewise-budget").orElse(""))
                .isEqualTo("degraded to eco by team '" + team + "' per day $0.0001 (degrade)");
        assertThat(recorded(r)).containsEntry("profile", "eco");
        // 20 input tokens at $10/M and 80 output tokens at $30/M
        assertThat(budgetStatus(team).path("spentUsd").decimalValue()).isEqualByComparingTo("0.0026");
    }
}
