package dev.routewise.discovery.client;

import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.routewise.discovery.client.FakeProvider.huge;
import static dev.routewise.discovery.client.FakeProvider.json;
import static dev.routewise.discovery.client.FakeProvider.raw;
import static dev.routewise.discovery.client.FakeProvider.slow;
import static dev.routewise.discovery.client.TestHttp.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Every source type, through the registry, against a local server that serves the provider's real
 * payload and the ways a real upstream breaks.
 */
class EveryClientOverHttpTest {

    private final FakeProvider server = new FakeProvider();
    private TestHttp test = new TestHttp();

    @AfterEach
    void stop() {
        server.close();
        test.http.close();
    }

    /** Where each API lists its models, and a real payload for it. */
    private record Api(String basePath, String listPath, String payload, int models) {
    }

    private static Api api(SourceType type) {
        return switch (type) {
            case OPENAI -> new Api("/v1", "/v1/models", Payloads.text("openai.json"), 102);
            case GROQ -> new Api("/openai/v1", "/openai/v1/models", Payloads.text("groq.json"), 5);
            case VERCEL -> new Api("/v1", "/v1/models", Payloads.vercelModelList(), 2);
            case OPENAI_COMPATIBLE -> new Api("/v1", "/v1/models", Payloads.text("xai.json"), 8);
            case OPENROUTER -> new Api("/api/v1", "/api/v1/models", Payloads.text("openrouter.json"), 321);
            case ANTHROPIC -> new Api("/v1", "/v1/models", Payloads.text("anthropic.json"), 9);
            case GOOGLE -> new Api("/v1beta", "/v1beta/models", Payloads.text("gemini.json"), 45);
            case OLLAMA -> new Api("", "/api/tags", Payloads.text("ollama.json"), 6);
        };
    }

    private SourceEndpoint endpoint(SourceType type, Map<String, String> extraHeaders) {
        if (type == SourceType.OLLAMA) {
            server.on("/api/show", json("{\"model_info\":{\"llama.context_length\":8192},\"capabilities\":[\"completion\"]}"));
        }
        return new SourceEndpoint(type, server.root() + api(type).basePath, KEY, extraHeaders);
    }

    private List<DiscoveredModel> list(SourceType type) throws DiscoveryException {
        return new ModelListClients(test.http).listModels(endpoint(type, Map.of()));
    }

    private DiscoveryException failure(SourceType type) {
        DiscoveryException e = catchThrowableOfType(DiscoveryException.class, () -> list(type));
        assertThat(e).as("a DiscoveryException").isNotNull();
        assertThat(e.getMessage()).as("never the key").doesNotContain(KEY);
        assertThat(e.getMessage()).as("names the address").contains(server.root() + api(type).listPath);
        return e;
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void the_real_payload_is_listed(SourceType type) throws Exception {
        server.on(api(type).listPath, json(api(type).payload));

        assertThat(list(type)).hasSize(api(type).models);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void the_right_auth_and_the_extra_headers_are_sent(SourceType type) throws Exception {
        server.on(api(type).listPath, json(api(type).payload));

        new ModelListClients(test.http).listModels(endpoint(type, Map.of("X-Routewise-Test", "yes")));

        FakeProvider.Request request = server.requests(api(type).listPath).getFirst();
        assertThat(request.header("X-Routewise-Test")).isEqualTo("yes");
        switch (type) {
            case ANTHROPIC -> {
                assertThat(request.header("x-api-key")).isEqualTo(KEY);
                assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
                assertThat(request.header("Authorization")).isNull();
            }
            case GOOGLE -> {
                assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
                assertThat(request.header("Authorization")).isNull();
            }
            default -> assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        }
        assertThat(request.query() == null ? "" : request.query()).doesNotContain(KEY);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void a_500_then_success_is_retried_into_the_full_list(SourceType type) throws Exception {
        server.on(api(type).listPath, json(500, "{\"error\":{\"message\":\"try again\"}}"), json(api(type).payload));

        assertThat(list(type)).hasSize(api(type).models);
        assertThat(server.requests(api(type).listPath)).hasSize(2);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void a_500_every_time_gives_a_clear_error_after_max_attempts(SourceType type) {
        server.on(api(type).listPath, json(500, "{\"error\":{\"message\":\"The server had an error\"}}"));

        assertThat(failure(type).getMessage())
                .contains("HTTP 500", "The server had an error", "gave up after 3 attempts");
        assertThat(server.requests(api(type).listPath)).hasSize(3);
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void a_429_with_retry_after_is_waited_out_then_listed(SourceType type) throws Exception {
        server.on(api(type).listPath, raw(429, "application/json", "{\"error\":{\"message\":\"rate limited\"}}",
                Map.of("Retry-After", "1")), json(api(type).payload));

        assertThat(list(type)).hasSize(api(type).models);
        assertThat(test.waits).containsExactly(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void a_slow_upstream_times_out(SourceType type) {
        test = new TestHttp(TestHttp.settings().withRequestTimeout(Duration.ofMillis(200)).withMaxAttempts(1));
        server.on(api(type).listPath, slow(Duration.ofSeconds(10), json(api(type).payload)));

        assertThat(failure(type).getMessage()).contains("did not answer within 0.2 s");
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void truncated_json_is_malformed(SourceType type) {
        String payload = api(type).payload;
        server.on(api(type).listPath, json(payload.substring(0, payload.length() * 2 / 3)));

        assertThat(failure(type).getMessage()).contains("answered malformed JSON");
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void an_html_page_with_200_asks_to_check_the_base_url(SourceType type) {
        server.on(api(type).listPath, raw(200, "text/html",
                "<html><head><title>Log in</title></head><body>Please log in</body></html>", Map.of()));

        assertThat(failure(type).getMessage()).contains("answered text/html, not JSON", "check the base URL");
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void a_body_over_the_size_cap_is_refused(SourceType type) {
        server.on(api(type).listPath, huge(10L * 1024 * 1024, false));

        assertThat(failure(type).getMessage()).contains("answered more than 1 MB");
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void a_wrong_content_type_is_refused(SourceType type) {
        server.on(api(type).listPath, raw(200, "application/xml", "<models/>", Map.of()));

        assertThat(failure(type).getMessage()).contains("answered application/xml, not JSON");
    }

    @ParameterizedTest
    @EnumSource(SourceType.class)
    void a_401_says_the_key_was_refused_with_the_providers_words(SourceType type) {
        server.on(api(type).listPath, json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));

        DiscoveryException e = failure(type);

        assertThat(e.getMessage()).contains("HTTP 401", "the API key was refused", "Incorrect API key provided: ***");
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(server.requests(api(type).listPath)).as("not retried").hasSize(1);
    }
}
