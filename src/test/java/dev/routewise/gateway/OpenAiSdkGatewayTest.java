package dev.routewise.gateway;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.routewise.catalog.CatalogChanged;
import dev.routewise.catalog.SourceRef;
import dev.routewise.routing.RoutingTestCatalog;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * OpenAI's official Java SDK, unmodified, as the client of the gateway, with stub providers behind it that speak
 * OpenAI's, Anthropic's and Gemini's protocols, some of them failing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenAiSdkGatewayTest {

    /** Catalog prices of every stub model, USD per million tokens: input, output, cache read. */
    static final BigDecimal IN = new BigDecimal("1.00");
    static final BigDecimal OUT = new BigDecimal("2.00");
    static final BigDecimal CACHE_READ = new BigDecimal("0.50");
    /** One stub answer: 10 uncached and 2 cached input tokens, 5 output tokens. */
    static final BigDecimal ONE_ANSWER = IN.multiply(BigDecimal.valueOf(StubUpstream.INPUT - StubUpstream.CACHED))
            .add(CACHE_READ.multiply(BigDecimal.valueOf(StubUpstream.CACHED)))
            .add(OUT.multiply(BigDecimal.valueOf(StubUpstream.OUTPUT)))
            .divide(BigDecimal.valueOf(1_000_000));

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    OpenAIClient sdk;
    final List<StubUpstream> stubs = new ArrayList<>();
    final List<SourceRef> sources = new ArrayList<>();

    @BeforeAll
    void client() {
        api = new ApiClient(port);
        sdk = OpenAIOkHttpClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1").apiKey(ApiClient.MASTER_KEY)
                .maxRetries(0).timeout(Duration.ofSeconds(60)).build();
    }

    @AfterAll
    void cleanUp() throws Exception {
        for (SourceRef s : sources) {
            api.call("DELETE", "/api/v1/sources/" + s.id(), ApiClient.MASTER_KEY, null);
        }
        for (StubUpstream s : stubs) {
            s.close();
        }
        sdk.close();
    }

    /** A source of {@code type} on a new stub, with one priced chat model; answers the model's catalog id. */
    private String model(String prefix, String type, StubUpstream stub, String modelId) {
        stubs.add(stub);
        SourceRef s = RoutingTestCatalog.create(context, prefix, type, modelId);
        sources.add(s);
        String root = stub.root() + (type.equals("google") ? "/v1beta" : "/v1");
        jdbc.sql("UPDATE model_source SET base_url = ? WHERE id = ?").params(root, s.id()).update();
        jdbc.sql("UPDATE catalog_model SET input_price = ?, output_price = ?, cache_read_price = ?, "
                + "price_origin = 'manual' WHERE source_id = ?").params(IN.toPlainString(), OUT.toPlainString(),
                CACHE_READ.toPlainString(), s.id()).update();
        context.publishEvent(new CatalogChanged(s.id()));
        return s.slug() + "/" + modelId;
    }

    private static ChatCompletionCreateParams ask(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Say hello.").build();
    }

    private String streamed(ChatCompletionCreateParams params, List<ChatCompletionChunk> chunks) {
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> s = sdk.chat().completions().createStreaming(params)) {
            s.stream().forEach(c -> {
                chunks.add(c);
                c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append));
            });
        }
        return text.toString();
    }

    @Test
    void each_protocol_answers_the_sdk_whole_and_streamed_with_usage() throws Exception {
        Map<String, String> models = Map.of(
                "openai", model("sdk-oa", "openai-compatible", new StubUpstream("openai", 1), "stub-gpt"),
                "anthropic", model("sdk-an", "anthropic", new StubUpstream("anthropic", 2), "stub-claude"),
                "gemini", model("sdk-ge", "google", new StubUpstream("gemini", 3), "stub-gemini"));
        for (var e : models.entrySet()) {
            ChatCompletion whole = sdk.chat().completions().create(ask(e.getValue()));
            assertThat(whole.choices().getFirst().message().content()).as(e.getKey()).contains("Hello from "
                    + e.getKey());
            assertThat(whole.model()).isEqualTo(e.getValue());
            assertThat(whole.usage().orElseThrow().promptTokens()).as(e.getKey()).isEqualTo(StubUpstream.INPUT);
            assertThat(whole.usage().orElseThrow().completionTokens()).isEqualTo(StubUpstream.OUTPUT);

            List<ChatCompletionChunk> chunks = new ArrayList<>();
            String text = streamed(ask(e.getValue()).toBuilder().streamOptions(ChatCompletionStreamOptions.builder()
                    .includeUsage(true).build()).build(), chunks);
            assertThat(text).as(e.getKey()).isEqualTo("Hello from " + e.getKey());
            assertThat(chunks.getLast().usage()).as(e.getKey() + " usage chunk").isPresent();
            assertThat(chunks.getLast().usage().get().promptTokens()).isEqualTo(StubUpstream.INPUT);
            assertThat(chunks).allSatisfy(c -> assertThat(c.model()).isEqualTo(e.getValue()));
        }
    }

    @Test
    void with_faults_on_two_providers_every_sdk_call_succeeds_and_the_recorded_cost_is_what_was_billed()
            throws Exception {
        StubUpstream flakyOpenAi = new StubUpstream("flaky-openai", 11).fault(StubUpstream.Fault.ERROR_500, 0.15)
                .fault(StubUpstream.Fault.RATE_429, 0.1).fault(StubUpstream.Fault.HANG, 0.04)
                .fault(StubUpstream.Fault.BREAK, 0.15);
        StubUpstream flakyAnthropic = new StubUpstream("flaky-anthropic", 12)
                .fault(StubUpstream.Fault.ERROR_500, 0.15).fault(StubUpstream.Fault.RATE_429, 0.1)
                .fault(StubUpstream.Fault.BREAK, 0.2);
        StubUpstream healthyGemini = new StubUpstream("healthy-gemini", 13);
        String a = model("flt-oa", "openai-compatible", flakyOpenAi, "flaky-gpt");
        String b = model("flt-an", "anthropic", flakyAnthropic, "flaky-claude");
        String c = model("flt-ge", "google", healthyGemini, "steady-gemini");
        api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"sdk-faults\",\"pool\":[\""
                + a.substring(0, a.indexOf('/')) + "/*\",\"" + b.substring(0, b.indexOf('/')) + "/*\",\""
                + c.substring(0, c.indexOf('/')) + "/*\"]}");
        try {
            int calls = 40;
            List<String> decisions = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                // a different prompt each time: the decision cache plays no part
                ChatCompletionCreateParams params = ChatCompletionCreateParams.builder().model("router/sdk-faults")
                        .addUserMessage("Say hello, number " + i + ".").build();
                if (i % 2 == 0) {
                    var raw = sdk.chat().completions().withRawResponse().create(params);
                    decisions.add(raw.headers().values("x-routewise-decision-id").getFirst());
                    assertThat(raw.parse().choices().getFirst().message().content().orElse(""))
                            .startsWith("Hello from ");
                } else {
                    var raw = sdk.chat().completions().withRawResponse().createStreaming(params);
                    decisions.add(raw.headers().values("x-routewise-decision-id").getFirst());
                    StringBuilder text = new StringBuilder();
                    try (StreamResponse<ChatCompletionChunk> s = raw.parse()) {
                        s.stream().forEach(ch -> ch.choices().forEach(x -> x.delta().content()
                                .ifPresent(text::append)));
                    }
                    assertThat(text.toString()).startsWith("Hello from ");
                }
            }
            assertThat(flakyOpenAi.calls() + flakyAnthropic.calls()).as("the flaky providers were called")
                    .isGreaterThan(calls / 2);

            await().atMost(Duration.ofSeconds(10)).until(() -> recorded(decisions) == calls);
            long completedAnswers = flakyOpenAi.completed() + flakyAnthropic.completed() + healthyGemini.completed();
            assertThat(completedAnswers).isEqualTo(calls);
            assertThat(jdbc.sql("SELECT outcome || ' ' || cost_status || ' ' || model || ' stream=' || stream "
                    + "FROM gateway_call WHERE decision_id IN (" + placeholders(decisions) + ")").params(decisions)
                    .query(String.class).list()).allSatisfy(row -> assertThat(row).startsWith("ok known "));
            Map<String, Object> totals = jdbc.sql("SELECT sum(input_tokens) AS input, sum(output_tokens) AS output "
                    + "FROM gateway_call WHERE decision_id IN (" + placeholders(decisions) + ")")
                    .params(decisions).query().singleRow();
            assertThat(((Number) totals.get("input")).longValue()).isEqualTo(flakyOpenAi.billedInput()
                    + flakyAnthropic.billedInput() + healthyGemini.billedInput());
            assertThat(((Number) totals.get("output")).longValue()).isEqualTo(flakyOpenAi.billedOutput()
                    + flakyAnthropic.billedOutput() + healthyGemini.billedOutput());
            BigDecimal cost = jdbc.sql("SELECT cost_usd FROM gateway_call WHERE decision_id IN ("
                            + placeholders(decisions) + ")").params(decisions).query(String.class).list().stream()
                    .map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(cost).isEqualByComparingTo(ONE_ANSWER.multiply(BigDecimal.valueOf(completedAnswers)));
        } finally {
            api.call("DELETE", "/api/v1/router/profiles/sdk-faults", ApiClient.MASTER_KEY, null);
        }
    }

    @Test
    void a_stream_that_breaks_after_content_ends_with_an_error_and_is_recorded_as_broken() throws Exception {
        String m = model("brk-oa", "openai-compatible", new StubUpstream("breaking", 21)
                .fault(StubUpstream.Fault.BREAK, 1.0).breakAfterContent(), "breaking-gpt");
        var raw = sdk.chat().completions().withRawResponse().createStreaming(ask(m));
        String decision = raw.headers().values("x-routewise-decision-id").getFirst();
        StringBuilder text = new StringBuilder();
        assertThatThrownBy(() -> {
            try (StreamResponse<ChatCompletionChunk> s = raw.parse()) {
                s.stream().forEach(ch -> ch.choices().forEach(x -> x.delta().content().ifPresent(text::append)));
            }
        }).hasMessageContaining("broke off");
        assertThat(text.toString()).isEqualTo("Hello fro");

        await().atMost(Duration.ofSeconds(10)).until(() -> recorded(List.of(decision)) == 1);
        Map<String, Object> row = jdbc.sql("SELECT outcome, cost_status, cost_usd FROM gateway_call "
                + "WHERE decision_id = ?").param(decision).query().singleRow();
        assertThat(row).containsEntry("outcome", "broken").containsEntry("cost_status", "unknown_usage");
        assertThat(row.get("cost_usd")).isNull();
    }

    private int recorded(List<String> decisions) {
        return jdbc.sql("SELECT count(*) FROM gateway_call WHERE decision_id IN (" + placeholders(decisions) + ")")
                .params(decisions).query(Integer.class).single();
    }

    private static String placeholders(List<String> values) {
        return String.join(",", java.util.Collections.nCopies(values.size(), "?"));
    }

}
