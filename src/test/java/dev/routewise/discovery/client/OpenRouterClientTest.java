package dev.routewise.discovery.client;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.routewise.discovery.client.FakeProvider.json;
import static dev.routewise.discovery.client.TestHttp.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenRouterClientTest {

    private static List<DiscoveredModel> all;
    private static Map<String, DiscoveredModel> byId;

    private final FakeProvider server = new FakeProvider();
    private final TestHttp test = new TestHttp();
    private final OpenRouterClient client = new OpenRouterClient(test.http);

    @BeforeAll
    static void parseTheRealList() throws DiscoveryException {
        all = OpenRouterClient.parse(Payloads.tree("openrouter.json"), "test");
        byId = all.stream().collect(Collectors.toMap(DiscoveredModel::modelId, Function.identity()));
    }

    @AfterEach
    void stop() {
        server.close();
        test.http.close();
    }

    @Test
    void the_real_list_has_321_models() {
        assertThat(all).hasSize(321);
        assertThat(byId).hasSize(321);
    }

    @Test
    void claude_opus_4_has_its_limits_exact_prices_modalities_and_capabilities() {
        DiscoveredModel opus = byId.get("anthropic/claude-opus-4");

        assertThat(opus.displayName()).isEqualTo("Anthropic: Claude Opus 4");
        assertThat(opus.contextTokens()).isEqualTo(200000);
        assertThat(opus.maxOutputTokens()).isEqualTo(32000);
        assertThat(opus.inputPricePerMTok()).isEqualByComparingTo("15.00");
        assertThat(opus.inputPricePerMTok()).isEqualTo(new BigDecimal("15"));
        assertThat(opus.outputPricePerMTok()).isEqualTo(new BigDecimal("75"));
        assertThat(opus.cacheReadPricePerMTok()).isEqualTo(new BigDecimal("1.5"));
        assertThat(opus.modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
        assertThat(opus.capabilities()).containsExactlyInAnyOrder(Capability.TOOLS, Capability.REASONING,
                Capability.VISION, Capability.STREAMING);
        assertThat(opus.kind()).isEqualTo(ModelKind.CHAT);
        assertThat(opus.createdAt()).isEqualTo(Instant.ofEpochSecond(1747931245));
        assertThat(opus.deprecated()).isFalse();
    }

    @Test
    void a_model_whose_price_varies_has_an_unknown_price_not_a_negative_one() {
        DiscoveredModel auto = byId.get("openrouter/auto");

        assertThat(auto.inputPricePerMTok()).isNull();
        assertThat(auto.outputPricePerMTok()).isNull();
    }

    @Test
    void free_variants_cost_exactly_zero() {
        DiscoveredModel free = byId.get("qwen/qwen3-32b:free");

        assertThat(free.inputPricePerMTok()).isEqualTo(BigDecimal.ZERO);
        assertThat(free.outputPricePerMTok()).isEqualTo(BigDecimal.ZERO);
        assertThat(all).filteredOn(m -> BigDecimal.ZERO.equals(m.inputPricePerMTok())).hasSize(69);
    }

    @Test
    void a_missing_cache_price_is_unknown() {
        assertThat(byId.get("mistralai/devstral-small").cacheReadPricePerMTok()).isNull();
    }

    @Test
    void a_missing_output_limit_is_unknown() {
        assertThat(byId.get("mistralai/devstral-small").maxOutputTokens()).isNull();
        assertThat(byId.get("mistralai/devstral-small").contextTokens()).isEqualTo(131072);
    }

    @Test
    void image_and_file_inputs_are_counted_as_the_list_says() {
        assertThat(all).filteredOn(m -> m.modalities().contains(Modality.IMAGE)).hasSize(92)
                .allSatisfy(m -> assertThat(m.capabilities()).contains(Capability.VISION));
        assertThat(all).filteredOn(m -> m.modalities().contains(Modality.FILE)).hasSize(20);
        assertThat(all).allSatisfy(m -> assertThat(m.kind()).isEqualTo(ModelKind.CHAT));
    }

    @Test
    void supported_parameters_become_capabilities() {
        assertThat(all).filteredOn(m -> m.capabilities().contains(Capability.TOOLS)).hasSize(132);
        assertThat(all).filteredOn(m -> m.capabilities().contains(Capability.REASONING)).hasSize(56);
        // response_format or structured_outputs
        assertThat(all).filteredOn(m -> m.capabilities().contains(Capability.STRUCTURED_OUTPUT)).hasSize(169);
        assertThat(byId.get("anthropic/claude-opus-4").capabilities()).doesNotContain(Capability.STRUCTURED_OUTPUT);
    }

    @Test
    void image_output_makes_an_image_model_and_the_old_modality_string_is_understood() throws Exception {
        List<DiscoveredModel> models = OpenRouterClient.parse(Payloads.parse("""
                {"data":[
                 {"id":"google/gemini-2.5-flash-image","architecture":{"input_modalities":["image","text"],
                  "output_modalities":["image","text"]}},
                 {"id":"old/model","architecture":{"modality":"text+image->text"}},
                 {"id":"going/away","expiration_date":"2026-12-01","architecture":{"modality":"text->text"}}]}"""),
                "test");

        assertThat(models.get(0).kind()).isEqualTo(ModelKind.IMAGE);
        assertThat(models.get(1).kind()).isEqualTo(ModelKind.CHAT);
        assertThat(models.get(1).modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
        assertThat(models.get(2).deprecated()).isTrue();
        assertThat(models.get(1).deprecated()).isFalse();
    }

    @Test
    void a_wrong_shape_is_an_error() {
        assertThatThrownBy(() -> OpenRouterClient.parse(Payloads.parse("{\"error\":\"nope\"}"), "x"))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("without a \"data\" list");
        assertThatThrownBy(() -> OpenRouterClient.parse(Payloads.parse("{\"data\":[{\"name\":\"no id\"}]}"), "x"))
                .hasMessageContaining("entry #1 has no \"id\"");
    }

    @Test
    void lists_the_full_catalog_over_http_without_a_key() throws Exception {
        server.on("/api/v1/models", json(Payloads.text("openrouter.json")));
        SourceEndpoint endpoint = new SourceEndpoint(SourceType.OPENROUTER, server.root() + "/api/v1", null, Map.of());

        assertThat(client.listModels(endpoint)).hasSize(321);
        assertThat(server.requests("/api/v1/models").getFirst().header("Authorization")).isNull();
    }

    @Test
    void sends_the_key_as_a_bearer_token_when_the_source_has_one() throws Exception {
        server.on("/api/v1/models", json("{\"data\":[]}"));
        SourceEndpoint endpoint = new SourceEndpoint(SourceType.OPENROUTER, server.root() + "/api/v1", KEY,
                Map.of("HTTP-Referer", "https://routewise.example", "X-Title", "Routewise"));

        assertThat(client.listModels(endpoint)).isEmpty();
        FakeProvider.Request request = server.requests("/api/v1/models").getFirst();
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(request.header("HTTP-Referer")).isEqualTo("https://routewise.example");
        assertThat(request.header("X-Title")).isEqualTo("Routewise");
    }
}
