package dev.routewise.discovery.client;

import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import static dev.routewise.discovery.client.FakeProvider.huge;
import static dev.routewise.discovery.client.FakeProvider.json;
import static dev.routewise.discovery.client.FakeProvider.raw;
import static dev.routewise.discovery.client.FakeProvider.slow;
import static dev.routewise.discovery.client.FakeProvider.stalls;
import static dev.routewise.discovery.client.TestHttp.KEY;
import static dev.routewise.discovery.client.TestHttp.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The mechanics every client shares, against a real local HTTP server. */
class DiscoveryHttpTest {

    private static final String PATH = "/v1/models";
    private static final String OK = "{\"object\":\"list\",\"data\":[{\"id\":\"m1\"}]}";

    private final FakeProvider server = new FakeProvider();
    private TestHttp test = new TestHttp();

    @AfterEach
    void stop() {
        server.close();
        test.http.close();
    }

    private SourceEndpoint endpoint() {
        return new SourceEndpoint(SourceType.OPENAI_COMPATIBLE, server.root() + "/v1", KEY, Map.of());
    }

    private JsonNode get() throws DiscoveryException {
        SourceEndpoint endpoint = endpoint();
        return test.http.getJson(endpoint, test.http.uri(endpoint, "/models"), Map.of("Authorization", "Bearer " + KEY));
    }

    private DiscoveryException failure() {
        DiscoveryException e = catchThrowableOfType(DiscoveryException.class, this::get);
        assertThat(e).as("a DiscoveryException").isNotNull();
        assertThat(e.getMessage()).doesNotContain(KEY);
        return e;
    }

    // --- retries ---

    @Test
    void a_server_error_followed_by_success_is_retried_and_succeeds() throws Exception {
        server.on(PATH, json(500, "{\"error\":{\"message\":\"temporarily broken\"}}"), json(OK));

        assertThat(get().path("data").get(0).path("id").stringValue()).isEqualTo("m1");
        assertThat(server.requests(PATH)).hasSize(2);
        assertThat(test.waits).hasSize(1);
    }

    @Test
    void a_server_that_keeps_failing_gives_up_after_max_attempts_with_its_own_message() {
        server.on(PATH, json(500, "{\"error\":{\"message\":\"upstream exploded\",\"type\":\"server_error\"}}"));

        DiscoveryException e = failure();

        assertThat(e.getMessage()).contains("HTTP 500", "upstream exploded", "gave up after 3 attempts");
        assertThat(e.httpStatus()).isEqualTo(500);
        assertThat(server.requests(PATH)).hasSize(3);
    }

    @Test
    void waits_between_attempts_grow_exponentially_with_jitter() {
        server.on(PATH, json(503, "{}"));

        failure();

        // first retry after 10 ms halved-plus-jitter, the second after 20 ms halved-plus-jitter
        assertThat(test.waits).hasSize(2);
        assertThat(test.waits.get(0)).isBetween(Duration.ofMillis(5), Duration.ofMillis(10));
        assertThat(test.waits.get(1)).isBetween(Duration.ofMillis(10), Duration.ofMillis(20));
    }

    @Test
    void too_many_requests_waits_as_long_as_retry_after_says_then_succeeds() throws Exception {
        server.on(PATH, raw(429, "application/json", "{\"error\":{\"message\":\"slow down\"}}",
                Map.of("Retry-After", "1")), json(OK));

        get();

        assertThat(test.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(server.requests(PATH)).hasSize(2);
    }

    @Test
    void retry_after_really_waits_when_nothing_stands_in_for_the_clock() throws Exception {
        server.on(PATH, raw(429, "application/json", "{}", Map.of("Retry-After", "1")), json(OK));
        try (DiscoveryHttp real = new DiscoveryHttp(TestHttp.settings())) {
            SourceEndpoint endpoint = endpoint();
            long start = System.nanoTime();

            real.getJson(endpoint, real.uri(endpoint, "/models"), Map.of());

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
    }

    @Test
    void retry_after_given_as_an_http_date_is_honoured_on_503() throws Exception {
        String inThreeSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(NOW.plusSeconds(3).atZone(ZoneOffset.UTC));
        server.on(PATH, raw(503, "text/plain", "maintenance", Map.of("Retry-After", inThreeSeconds)), json(OK));

        get();

        assertThat(test.waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void a_retry_after_longer_than_the_cap_fails_at_once_saying_when_to_retry() {
        server.on(PATH, raw(429, "application/json", "{\"error\":{\"message\":\"Rate limit reached for requests\"}}",
                Map.of("Retry-After", "120")), json(OK));

        DiscoveryException e = failure();

        assertThat(e.getMessage()).contains("HTTP 429", "Rate limit reached", "retry in 120 s",
                "2026-11-22T10:02:00Z", "try again later");
        assertThat(server.requests(PATH)).hasSize(1);
        assertThat(test.waits).isEmpty();
    }

    @Test
    void client_errors_other_than_429_are_not_retried() {
        server.on(PATH, json(400, "{\"error\":{\"message\":\"bad request\"}}"));

        DiscoveryException e = failure();

        assertThat(e.getMessage()).contains("HTTP 400", "bad request").doesNotContain("gave up", "refused");
        assertThat(server.requests(PATH)).hasSize(1);
    }

    @Test
    void a_slow_upstream_times_out_and_is_retried_before_giving_up() {
        test = new TestHttp(TestHttp.settings().withRequestTimeout(Duration.ofMillis(300)).withMaxAttempts(2));
        server.on(PATH, slow(Duration.ofSeconds(10), json(OK)));

        DiscoveryException e = failure();

        assertThat(e.getMessage()).contains("did not answer within 0.3 s", "gave up after 2 attempts");
        assertThat(server.requests(PATH)).hasSize(2);
    }

    @Test
    void a_body_that_stalls_after_the_headers_still_times_out() {
        test = new TestHttp(TestHttp.settings().withRequestTimeout(Duration.ofMillis(300)).withMaxAttempts(1));
        server.on(PATH, stalls(Duration.ofSeconds(10)));

        assertThat(failure().getMessage()).contains("did not answer within 0.3 s");
    }

    @Test
    void a_server_that_is_not_running_is_reported_as_unreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SourceEndpoint closed = new SourceEndpoint(SourceType.OLLAMA, "http://127.0.0.1:" + port, null, Map.of());

        assertThatThrownBy(() -> test.http.getJson(closed, test.http.uri(closed, "/api/tags"), Map.of()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("Could not connect to 127.0.0.1:" + port)
                .hasMessageContaining("gave up after 3 attempts");
    }

    // --- what a 2xx must look like ---

    @Test
    void truncated_json_is_reported_as_malformed() {
        String openai = Payloads.text("openai.json");
        server.on(PATH, json(openai.substring(0, openai.length() / 2)));

        DiscoveryException e = failure();

        assertThat(e.getMessage()).contains("answered malformed JSON", "end-of-input");
        assertThat(e.getMessage().length()).isLessThan(400);
    }

    @Test
    void an_html_login_page_with_200_is_not_taken_for_a_model_list() {
        server.on(PATH, raw(200, "text/html; charset=utf-8",
                "<!doctype html><html><head><title>Sign in - Corporate SSO</title></head><body>...</body></html>",
                Map.of()));

        assertThat(failure().getMessage())
                .contains("answered text/html, not JSON", "Sign in - Corporate SSO", "check the base URL");
    }

    @Test
    void a_json_body_with_a_wrong_content_type_is_refused() {
        server.on(PATH, raw(200, "text/plain", OK, Map.of()));

        assertThat(failure().getMessage()).contains("answered text/plain, not JSON");
    }

    @Test
    void a_missing_content_type_is_tolerated_when_the_body_is_json() throws Exception {
        server.on(PATH, raw(200, null, "  " + OK, Map.of()));

        assertThat(get().path("data").size()).isEqualTo(1);
    }

    @Test
    void a_missing_content_type_with_a_body_that_is_not_json_is_refused() {
        server.on(PATH, raw(200, null, "Welcome to nginx!", Map.of()));

        assertThat(failure().getMessage()).contains("without a content type", "not JSON");
    }

    @Test
    void a_json_content_type_with_parameters_or_a_suffix_is_accepted() throws Exception {
        server.on(PATH, raw(200, "application/vnd.api+json; charset=UTF-8", OK, Map.of()));

        assertThat(get().path("data").size()).isEqualTo(1);
    }

    @Test
    void an_empty_answer_is_an_error() {
        server.on(PATH, raw(200, "application/json", "", Map.of()));

        assertThat(failure().getMessage()).contains("empty body");
    }

    @Test
    void a_streamed_body_over_the_size_cap_is_refused() {
        server.on(PATH, huge(10L * 1024 * 1024, false));

        DiscoveryException e = failure();

        assertThat(e.getMessage()).contains("answered more than 1 MB");
        assertThat(server.requests(PATH)).as("not retried").hasSize(1);
    }

    @Test
    void a_declared_length_over_the_size_cap_is_refused_before_reading() {
        server.on(PATH, huge(10L * 1024 * 1024, true));

        assertThat(failure().getMessage()).contains("answered more than 1 MB");
    }

    @Test
    void a_body_exactly_at_the_cap_is_read() throws Exception {
        test = new TestHttp(TestHttp.settings().withMaxBodyBytes(OK.length()));
        server.on(PATH, json(OK));

        assertThat(get().path("data").size()).isEqualTo(1);
    }

    // --- error answers ---

    @Test
    void a_refused_key_says_so_with_the_providers_message_and_never_shows_the_key() {
        // OpenAI echoes (part of) the key it refused; a proxy might echo all of it
        server.on(PATH, json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY
                + ". You can find your API key at https://platform.openai.com/account/api-keys.\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}"));

        DiscoveryException e = failure();

        assertThat(e.getMessage()).contains("HTTP 401", "the API key was refused", "Incorrect API key provided: ***",
                "invalid_api_key");
        assertThat(e.httpStatus()).isEqualTo(401);
        assertThat(server.requests(PATH)).hasSize(1);
    }

    @Test
    void a_missing_key_is_named_as_the_likely_cause_of_a_401() {
        server.on(PATH, json(401, "{\"error\":{\"message\":\"You didn't provide an API key.\"}}"));
        SourceEndpoint noKey = new SourceEndpoint(SourceType.OPENAI, server.root() + "/v1", " ", Map.of());

        assertThatThrownBy(() -> test.http.getJson(noKey, test.http.uri(noKey, "/models"), Map.of()))
                .hasMessageContaining("wants an API key and none is set")
                .hasMessageContaining("You didn't provide an API key.");
    }

    @Test
    void a_gemini_error_gives_its_message_and_status() {
        server.on(PATH, json(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.",
                 "status": "INVALID_ARGUMENT", "details": []}}"""));

        assertThat(failure().getMessage()).contains("HTTP 400", "the API key was refused",
                "API key not valid. Please pass a valid API key. [INVALID_ARGUMENT]");
    }

    @Test
    void an_anthropic_error_gives_its_message_and_type() {
        server.on(PATH, json(403, """
                {"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission"}}"""));

        assertThat(failure().getMessage()).contains("HTTP 403", "the API key was refused",
                "Your API key does not have permission [permission_error]");
    }

    @Test
    void a_plain_string_error_is_passed_on() {
        server.on(PATH, json(400, "{\"error\":\"model list unavailable\"}"));

        assertThat(failure().getMessage()).contains("model list unavailable");
    }

    @Test
    void a_plain_text_error_is_passed_on_shortened() {
        server.on(PATH, raw(400, "text/plain", "Bad things happened\n\n" + "x".repeat(5000), Map.of()));

        String message = failure().getMessage();
        assertThat(message).contains("Bad things happened");
        assertThat(message.length()).isLessThan(500);
    }

    @Test
    void an_html_error_page_is_named_by_its_title_not_dumped() {
        server.on(PATH, raw(502, "text/html", "<html><head><title>502 Bad Gateway</title></head><body><center>"
                + "nginx</center></body></html>", Map.of()));

        assertThat(failure().getMessage()).contains("HTTP 502", "an HTML page titled \"502 Bad Gateway\"")
                .doesNotContain("<center>");
    }

    @Test
    void a_404_points_at_the_base_url() {
        server.on("/elsewhere", json(OK));

        assertThat(failure().getMessage()).contains("HTTP 404", "check the base URL");
    }

    @Test
    void a_redirect_is_reported_with_its_target_and_not_followed() {
        server.on(PATH, raw(301, "text/html", "", Map.of("Location", "https://api.example.com/v1/models")));

        assertThat(failure().getMessage()).contains("HTTP 301", "https://api.example.com/v1/models",
                "set the base URL");
        assertThat(server.requests()).hasSize(1);
    }

    // --- requests ---

    @Test
    void extra_headers_are_sent_after_and_over_the_auth_headers() throws Exception {
        server.on(PATH, json(OK));
        SourceEndpoint endpoint = new SourceEndpoint(SourceType.OPENAI_COMPATIBLE, server.root() + "/v1", KEY,
                Map.of("X-Team", "platform", "Authorization", "Token proxy-token-123456"));

        test.http.getJson(endpoint, test.http.uri(endpoint, "/models"), Map.of("Authorization", "Bearer " + KEY));

        FakeProvider.Request request = server.requests(PATH).getFirst();
        assertThat(request.header("X-Team")).isEqualTo("platform");
        assertThat(request.headers().get("Authorization")).containsExactly("Token proxy-token-123456");
        assertThat(request.header("Accept")).isEqualTo("application/json");
    }

    @Test
    void a_restricted_extra_header_is_reported_not_thrown_raw() {
        SourceEndpoint endpoint = new SourceEndpoint(SourceType.OPENAI_COMPATIBLE, server.root() + "/v1", KEY,
                Map.of("Host", "example.com"));

        assertThatThrownBy(() -> test.http.getJson(endpoint, test.http.uri(endpoint, "/models"), Map.of()))
                .isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("\"Host\" cannot be sent");
    }

    @Test
    void post_sends_the_body_as_json() throws Exception {
        server.on("/api/show", json("{\"capabilities\":[\"completion\"]}"));
        SourceEndpoint endpoint = new SourceEndpoint(SourceType.OLLAMA, server.root(), null, Map.of());

        JsonNode answer = test.http.postJson(endpoint, test.http.uri(endpoint, "/api/show"), Map.of(),
                Map.of("model", "qwen3:latest"));

        assertThat(answer.path("capabilities").get(0).stringValue()).isEqualTo("completion");
        FakeProvider.Request request = server.requests("/api/show").getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(Payloads.parse(request.body()).path("model").stringValue()).isEqualTo("qwen3:latest");
    }

    @Test
    void a_base_url_that_is_not_http_is_refused_with_a_readable_message() {
        SourceEndpoint ftp = new SourceEndpoint(SourceType.OPENAI, "ftp://example.com/v1", KEY, Map.of());
        SourceEndpoint spaces = new SourceEndpoint(SourceType.OPENAI, "http://exa mple.com/v1", KEY, Map.of());

        assertThatThrownBy(() -> test.http.uri(ftp, "/models")).hasMessageContaining("not an http:// or https://");
        assertThatThrownBy(() -> test.http.uri(spaces, "/models")).hasMessageContaining("not a valid URL");
    }

    @Test
    void a_base_url_with_its_own_query_keeps_it_after_the_path() throws Exception {
        SourceEndpoint azure = new SourceEndpoint(SourceType.OPENAI_COMPATIBLE,
                "https://res.openai.azure.com/openai/?api-version=2024-10-21", KEY, Map.of("api-key", KEY));

        assertThat(test.http.uri(azure, "/models")).hasToString(
                "https://res.openai.azure.com/openai/models?api-version=2024-10-21");
        assertThat(test.http.uri(azure, "/models?limit=100")).hasToString(
                "https://res.openai.azure.com/openai/models?limit=100&api-version=2024-10-21");
    }

    @Test
    void messages_name_the_address_without_its_query() {
        assertThat(DiscoveryHttp.describe(URI.create("https://user:pw@api.example.com:8443/v1/models?pageToken=abc")))
                .isEqualTo("https://api.example.com:8443/v1/models");
    }

    @Test
    void the_default_settings_are_the_documented_ones() {
        DiscoveryHttpSettings d = DiscoveryHttpSettings.defaults();

        assertThat(d.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(d.maxAttempts()).isEqualTo(3);
        assertThat(d.initialBackoff()).isEqualTo(Duration.ofMillis(500));
        assertThat(d.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(d.maxBodyBytes()).isEqualTo(16L * 1024 * 1024);
        assertThatThrownBy(() -> d.withMaxAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
