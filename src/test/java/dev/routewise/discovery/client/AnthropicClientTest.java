package dev.routewise.discovery.client;

import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.routewise.discovery.client.FakeProvider.json;
import static dev.routewise.discovery.client.TestHttp.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AnthropicClientTest {

    private final FakeProvider server = new FakeProvider();
    private final TestHttp test = new TestHttp();
    private final AnthropicClient client = new AnthropicClient(test.http);
    private final SourceEndpoint anthropic = new SourceEndpoint(SourceType.ANTHROPIC, server.root() + "/v1", KEY,
            Map.of());

    @AfterEach
    void stop() {
        server.close();
        test.http.close();
    }

    /** The real list cut in two pages, as the API pages it: has_more and last_id on the first. */
    private static String page(int from, int to, boolean hasMore) {
        JsonNode real = Payloads.tree("anthropic.json");
        ObjectNode page = Payloads.MAPPER.createObjectNode();
        ArrayNode data = page.putArray("data");
        for (int i = from; i < to; i++) {
            data.add(real.path("data").get(i));
        }
        page.put("has_more", hasMore);
        page.put("first_id", data.get(0).path("id").stringValue());
        page.put("last_id", data.get(data.size() - 1).path("id").stringValue());
        return page.toString();
    }

    @Test
    void the_real_list_has_nine_models_with_display_names_and_dates() throws Exception {
        AnthropicClient.Page page = AnthropicClient.parsePage(Payloads.tree("anthropic.json"), "test");

        assertThat(page.nextAfterId()).isNull();
        List<DiscoveredModel> models = page.models();
        assertThat(models).hasSize(9);
        assertThat(models).extracting(DiscoveredModel::displayName).containsExactly("Claude Haiku 4.5",
                "Claude Sonnet 4.5", "Claude Opus 4.1", "Claude Opus 4", "Claude Sonnet 4", "Claude Sonnet 3.7",
                "Claude Haiku 3.5", "Claude Haiku 3", "Claude Opus 3");
        DiscoveredModel sonnet = models.get(1);
        assertThat(sonnet.modelId()).isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(sonnet.createdAt()).isEqualTo(Instant.parse("2025-09-29T00:00:00Z"));
        assertThat(sonnet.kind()).isEqualTo(ModelKind.CHAT);
        assertThat(sonnet.contextTokens()).as("not in this API version's list").isNull();
    }

    @Test
    void sends_the_key_and_api_version_headers_and_asks_for_100_a_page() throws Exception {
        server.on("/v1/models", json(Payloads.text("anthropic.json")));

        assertThat(client.listModels(anthropic)).hasSize(9);

        FakeProvider.Request request = server.requests("/v1/models").getFirst();
        assertThat(request.header("x-api-key")).isEqualTo(KEY);
        assertThat(request.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.query()).isEqualTo("limit=100");
    }

    @Test
    void follows_after_id_while_has_more_and_keeps_the_order() throws Exception {
        server.on("/v1/models", json(page(0, 4, true)), json(page(4, 9, false)));

        List<DiscoveredModel> models = client.listModels(anthropic);

        assertThat(models).hasSize(9);
        assertThat(models.getFirst().modelId()).isEqualTo("claude-haiku-4-5-20251001");
        assertThat(models.getLast().modelId()).isEqualTo("claude-3-opus-20240229");
        assertThat(server.requests("/v1/models")).extracting(FakeProvider.Request::query)
                .containsExactly("limit=100", "limit=100&after_id=claude-opus-4-20250514");
    }

    @Test
    void a_failing_second_page_fails_the_whole_list() {
        server.on("/v1/models", json(page(0, 4, true)), json(529, """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"""));

        assertThatThrownBy(() -> client.listModels(anthropic)).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("HTTP 529")
                .hasMessageContaining("Overloaded [overloaded_error]")
                .hasMessageContaining("gave up after 3 attempts");
    }

    @Test
    void a_page_that_does_not_advance_stops_instead_of_looping() {
        server.on("/v1/models", json(page(0, 4, true)));

        assertThatThrownBy(() -> client.listModels(anthropic)).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("did not move past");
        assertThat(server.requests("/v1/models")).hasSize(2);
    }

    @Test
    void a_wrong_shape_is_an_error() {
        assertThatThrownBy(() -> AnthropicClient.parsePage(Payloads.parse("{\"models\":[]}"), "x"))
                .hasMessageContaining("without a \"data\" list");
        assertThatThrownBy(() -> AnthropicClient.parsePage(
                Payloads.parse("{\"data\":[{\"display_name\":\"Claude\"}],\"has_more\":false}"), "x"))
                .hasMessageContaining("entry #1 has no \"id\"");
    }
}
