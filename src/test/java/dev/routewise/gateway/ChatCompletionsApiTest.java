package dev.routewise.gateway;

import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.support.ApiClient;
import dev.routewise.routing.RoutingTestCatalog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ChatCompletionsApiTest {

    static final String COMPLETION = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"upstream-name",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hello from B"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":3,"total_tokens":12}}""";

    @LocalServerPort
    int port;
    @Autowired
    org.springframework.context.ApplicationContext context;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    FakeProvider broken;
    FakeProvider healthy;
    SourceRef a;
    SourceRef b;

    @BeforeEach
    void twoProviders() {
        api = new ApiClient(port);
        broken = new FakeProvider().on("/v1/chat/completions",
                FakeProvider.json(500, "{\"error\":{\"message\":\"overloaded\"}}"));
        healthy = new FakeProvider().on("/v1/chat/completions", FakeProvider.json(COMPLETION));
        a = source("gw-a", broken, "model-one");
        b = source("gw-b", healthy, "model-two");
        api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"gw-test\",\"pool\":[\""
                + a.slug() + "/*\",\"" + b.slug() + "/*\"]}");
    }

    private SourceRef source(String prefix, FakeProvider provider, String model) {
        // waits until the router can pick the model
        SourceRef s = RoutingTestCatalog.create(context, prefix, "openai-compatible", model);
        jdbc.sql("UPDATE model_source SET base_url = ? WHERE id = ?").params(provider.root() + "/v1", s.id())
                .update();
        return s;
    }

    @AfterEach
    void cleanUp() {
        api.call("DELETE", "/api/v1/router/profiles/gw-test", ApiClient.MASTER_KEY, null);
        api.call("DELETE", "/api/v1/sources/" + a.id(), ApiClient.MASTER_KEY, null);
        api.call("DELETE", "/api/v1/sources/" + b.id(), ApiClient.MASTER_KEY, null);
        broken.close();
        healthy.close();
    }

    private HttpResponse<String> complete(String model) {
        return api.post("/v1/chat/completions", "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Say hello.\"}]}");
    }

    @Test
    void a_failing_provider_is_skipped_for_the_next_model_of_the_chain_and_the_route_is_in_the_headers() {
        await().atMost(Duration.ofSeconds(10)).until(() -> complete("router/gw-test").statusCode() == 200);
        int brokenCalls = broken.requests("/v1/chat/completions").size();

        HttpResponse<String> r = complete("router/gw-test");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Hello from B").contains("\"model\":\"" + b.slug() + "/model-two\"");
        assertThat(r.headers().firstValue("x-routewise-model")).contains(b.slug() + "/model-two");
        assertThat(r.headers().firstValue("x-routewise-fallbacks")).contains("1");
        assertThat(r.headers().firstValue("x-routewise-decision-id")).isPresent();
        // the broken model is retried once after a pause, then the next model answers
        assertThat(broken.requests("/v1/chat/completions")).hasSize(brokenCalls + 2);
        assertThat(healthy.requests("/v1/chat/completions").getLast().body()).contains("\"model\":\"model-two\"");
    }

    @Test
    void a_concrete_model_is_called_directly_and_an_unknown_one_is_openais_404() {
        HttpResponse<String> direct = complete(b.slug() + "/model-two");
        HttpResponse<String> unknown = complete("nowhere/no-such-model");

        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(direct.headers().firstValue("x-routewise-fallbacks")).contains("0");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"model_not_found\"");
    }

    @Test
    void when_every_model_fails_the_client_gets_a_502_naming_each_attempt() {
        HttpResponse<String> r = complete(a.slug() + "/model-one");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains("\"code\":\"upstream_failed\"").contains(a.slug() + "/model-one: 500");
    }

    @Test
    void a_model_that_failed_three_times_in_a_row_is_not_called_while_it_cools_down() {
        for (int i = 0; i < 3; i++) {
            assertThat(complete(a.slug() + "/model-one").statusCode()).isEqualTo(502);
        }
        int calls = broken.requests("/v1/chat/completions").size();

        HttpResponse<String> r = complete(a.slug() + "/model-one");

        assertThat(r.statusCode()).isEqualTo(502);
        assertThat(r.body()).contains(a.slug() + "/model-one: skipped (cooling_down) resting after failures until");
        assertThat(broken.requests("/v1/chat/completions")).hasSize(calls);
    }
}
