package dev.routewise.gateway;

import dev.routewise.catalog.CatalogChanged;
import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.routing.RoutingTestCatalog;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The gateway's paths beside plain fallback: streams, cancel, rate limits, context length, cascade, templates. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayBehaviourTest {

    static final String CHUNK = "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
            + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"%s\"},\"finish_reason\":null}]}";

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    final List<FakeProvider> fakes = new ArrayList<>();
    final List<SourceRef> sources = new ArrayList<>();
    final List<String> profiles = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        profiles.forEach(p -> {
            api.call("PUT", "/api/v1/gateway/cascades/" + p, ApiClient.MASTER_KEY, "{\"enabled\":false}");
            api.call("DELETE", "/api/v1/router/profiles/" + p, ApiClient.MASTER_KEY, null);
        });
        sources.forEach(s -> api.call("DELETE", "/api/v1/sources/" + s.id(), ApiClient.MASTER_KEY, null));
        fakes.forEach(FakeProvider::close);
    }

    private String model(String prefix, FakeProvider fake, String modelId, String inputPrice, Integer context) {
        api = new ApiClient(port);
        fakes.add(fake);
        SourceRef s = RoutingTestCatalog.create(this.context, prefix, "openai-compatible", modelId);
        sources.add(s);
        jdbc.sql("UPDATE model_source SET base_url = ? WHERE id = ?").params(fake.root() + "/v1", s.id()).update();
        jdbc.sql("UPDATE catalog_model SET input_price = ?, output_price = ?, price_origin = 'manual', cost_tier = ?, "
                + "context_tokens = ? WHERE source_id = ?").params(inputPrice, inputPrice,
                Double.parseDouble(inputPrice) >= 8 ? "high" : "low", context, s.id()).update();
        this.context.publishEvent(new CatalogChanged(s.id()));
        return s.slug() + "/" + modelId;
    }

    private String profile(String name, String... models) {
        StringBuilder pool = new StringBuilder();
        for (String m : models) {
            pool.append(pool.isEmpty() ? "" : ",").append("\"").append(m).append("\"");
        }
        assertThat(api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"" + name
                + "\",\"pool\":[" + pool + "]}").statusCode()).isLessThan(300);
        profiles.add(name);
        return "router/" + name;
    }

    private static String completion(String text, boolean usage) {
        return "{\"id\":\"x\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"up\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}]"
                + (usage ? ",\"usage\":{\"prompt_tokens\":100,\"completion_tokens\":50,\"total_tokens\":150}" : "")
                + "}";
    }

    private HttpResponse<String> ask(String model, String extra) {
        return api.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Say hello " + System.nanoTime() + "\"}]" + extra + "}");
    }

    private Map<String, Object> call(String decisionId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT count(*) FROM gateway_call WHERE "
                + "decision_id = ?").param(decisionId).query(Integer.class).single() == 1);
        return jdbc.sql("SELECT * FROM gateway_call WHERE decision_id = ?").param(decisionId).query().singleRow();
    }

    @Test
    void a_stream_is_forwarded_event_by_event_with_usage_requested_upstream_and_done_at_the_end() {
        FakeProvider fake = new FakeProvider().on("/v1/chat/completions", FakeProvider.sse(
                FakeProvider.data(CHUNK.formatted("Hel")), FakeProvider.data(CHUNK.formatted("lo")),
                FakeProvider.data("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"up\","
                        + "\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":2,\"total_tokens\":9}}"),
                FakeProvider.data("[DONE]")));
        String m = model("st", fake, "streamer", "1.00", 8000);

        HttpResponse<String> r = ask(m, ",\"stream\":true");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/event-stream");
        assertThat(r.headers().firstValue("x-routewise-model")).contains(m);
        assertThat(r.body()).contains("\"content\":\"Hel\"").contains("\"model\":\"" + m + "\"")
                .doesNotContain("\"usage\"").endsWith("data: [DONE]\n\n");
        assertThat(fake.requests("/v1/chat/completions").getLast().body()).contains("\"include_usage\":true")
                .contains("\"model\":\"streamer\"");
        Map<String, Object> call = call(r.headers().firstValue("x-routewise-decision-id").orElseThrow());
        assertThat(call).containsEntry("outcome", "ok").containsEntry("input_tokens", 7)
                .containsEntry("cost_status", "known");
    }

    @Test
    void a_client_that_goes_away_cancels_the_upstream_stream() throws Exception {
        String[] events = new String[40];
        for (int i = 0; i < events.length; i++) {
            events[i] = FakeProvider.data(CHUNK.formatted("part" + i));
        }
        FakeProvider fake = new FakeProvider().on("/v1/chat/completions", FakeProvider.sse(Duration.ofMillis(100),
                events));
        String m = model("cx", fake, "slow-streamer", "1.00", 8000);
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ApiClient.MASTER_KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + m + "\",\"stream\":true,\"messages\":"
                        + "[{\"role\":\"user\",\"content\":\"Tell a long story\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(in.readLine()).contains("part0");
        }

        Map<String, Object> call = call(r.headers().firstValue("x-routewise-decision-id").orElseThrow());
        assertThat(call).containsEntry("outcome", "cancelled");
        assertThat(call.get("cost_usd")).isNull();
    }

    @Test
    void a_model_whose_provider_says_no_requests_are_left_is_skipped_until_the_reset() {
        FakeProvider limited = new FakeProvider().on("/v1/chat/completions", FakeProvider.raw(200,
                "application/json", completion("from limited", true), Map.of("x-ratelimit-remaining-requests", "0",
                        "x-ratelimit-reset-requests", "1m0s")));
        FakeProvider other = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(completion("from other",
                true)));
        String a = model("rl-a", limited, "limited", "0.10", 8000);
        String b = model("rl-b", other, "other", "5.00", 8000);
        String p = profile("gw-rl", a, b);

        HttpResponse<String> first = ask(p, "");
        HttpResponse<String> second = ask(p, "");

        assertThat(first.body()).contains("from limited");
        assertThat(second.body()).contains("from other");
        assertThat(limited.requests("/v1/chat/completions")).hasSize(1);
        String decision = second.headers().firstValue("x-routewise-decision-id").orElseThrow();
        call(decision);
        assertThat(jdbc.sql("SELECT error_class FROM gateway_attempt WHERE decision_id = ? ORDER BY seq")
                .param(decision).query(String.class).list()).first().isEqualTo("rate_limited");
        // what the gateway saw teaches the router: each answered whole, with its latency
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("SELECT sum(successes) FROM model_observation "
                + "WHERE model IN (?, ?)").params(a, b).query(Integer.class).optional().orElse(0) == 2
                && jdbc.sql("SELECT count(*) FROM model_latency_sample WHERE model IN (?, ?)").params(a, b)
                .query(Integer.class).single() == 2);
    }

    @Test
    void a_prompt_too_long_for_a_model_goes_to_one_with_a_larger_context_window() {
        FakeProvider small = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(400,
                "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens.\",\"type\":"
                        + "\"invalid_request_error\",\"code\":\"context_length_exceeded\"}}"));
        FakeProvider large = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(completion("big window",
                true)));
        String a = model("cl-a", small, "small-window", "0.10", 8192);
        String b = model("cl-b", large, "large-window", "5.00", 200000);
        String p = profile("gw-cl", a, b);

        HttpResponse<String> r = ask(p, "");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("big window");
        assertThat(small.requests("/v1/chat/completions")).hasSize(1);
    }

    @Test
    void a_cascade_escalates_a_refusal_of_the_cheaper_model_and_counts_both_costs() {
        FakeProvider cheap = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(completion(
                "I'm sorry, but I can't help with that.", true)));
        FakeProvider strong = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(completion(
                "Here is the answer.", true)));
        String a = model("cc-a", cheap, "cheap", "0.10", 8000);
        String b = model("cc-b", strong, "strong", "10.00", 8000);
        // a profile that prefers the expensive tier: it chooses the strong model, the cascade asks the cheap first
        assertThat(api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"gw-cc\","
                + "\"pool\":[\"" + a + "\",\"" + b + "\"],\"weights\":{\"quality\":25,\"cost\":0,\"capability\":25,"
                + "\"latency\":25,\"historical\":25},\"tierPreference\":[\"high\"],\"tierWeight\":1.0}")
                .statusCode()).isLessThan(300);
        profiles.add("gw-cc");
        String p = "router/gw-cc";
        assertThat(api.call("PUT", "/api/v1/gateway/cascades/gw-cc", ApiClient.MASTER_KEY, "{\"enabled\":true,"
                + "\"cheapModel\":\"" + a + "\"}").statusCode()).isEqualTo(200);

        // the router prefers the strong model once its model snapshot has the new prices and tiers
        List<HttpResponse<String>> answers = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            answers.add(ask(p, ""));
            return answers.getLast().headers().firstValue("x-routewise-model").orElse("").equals(b);
        });
        HttpResponse<String> r = answers.getLast();
        String decision = r.headers().firstValue("x-routewise-decision-id").orElseThrow();
        Map<String, Object> call = call(decision);

        assertThat(r.headers().firstValue("x-routewise-model")).contains(b);
        assertThat(r.body()).contains("Here is the answer.");
        assertThat(jdbc.sql("SELECT outcome FROM gateway_attempt WHERE decision_id = ? ORDER BY seq")
                .param(decision).query(String.class).list()).containsExactly("escalated", "ok");
        // 150 tokens at $0.10 per million, then 150 at $10.00
        assertThat(new java.math.BigDecimal((String) call.get("cost_usd"))).isEqualByComparingTo("0.001515");

        // the cascade goes with its profile
        api.call("DELETE", "/api/v1/router/profiles/gw-cc", ApiClient.MASTER_KEY, null);
        assertThat(api.get("/api/v1/gateway/cascades").body()).doesNotContain("gw-cc");
    }

    @Test
    void a_prompt_template_for_a_provider_is_added_to_the_system_prompt_there() {
        FakeProvider fake = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(completion("ok", false)));
        String m = model("pt", fake, "templated", "1.00", 8000);
        String provider = m.substring(0, m.indexOf('/'));
        HttpResponse<String> created = api.post("/api/v1/gateway/prompts", "{\"target\":\"" + provider + "/*\","
                + "\"position\":\"prepend\",\"text\":\"Answer briefly, {model}.\",\"enabled\":true}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");
        try {
            HttpResponse<String> r = ask(m, "");

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(fake.requests("/v1/chat/completions").getLast().body())
                    .contains("{\"role\":\"system\",\"content\":\"Answer briefly, " + m + ".\"}");
            Map<String, Object> call = call(r.headers().firstValue("x-routewise-decision-id").orElseThrow());
            assertThat(call).containsEntry("cost_status", "unknown_usage");
            assertThat(call.get("cost_usd")).isNull();
        } finally {
            api.call("DELETE", "/api/v1/gateway/prompts/" + id, ApiClient.MASTER_KEY, null);
        }
    }
}
