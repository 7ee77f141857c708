package dev.routewise.discovery.client;

import dev.routewise.catalog.Capability;
import dev.routewise.catalog.Modality;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.AfterEach;
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

class OpenAiCompatibleClientTest {

    private final FakeProvider server = new FakeProvider();
    private final TestHttp test = new TestHttp();
    private final OpenAiCompatibleClient client = new OpenAiCompatibleClient(test.http);

    @AfterEach
    void stop() {
        server.close();
        test.http.close();
    }

    private static List<DiscoveredModel> parse(String payload) throws DiscoveryException {
        return OpenAiCompatibleClient.parse(Payloads.tree(payload), "test");
    }

    private static Map<String, DiscoveredModel> byId(List<DiscoveredModel> models) {
        return models.stream().collect(Collectors.toMap(DiscoveredModel::modelId, Function.identity()));
    }

    // --- real payloads ---

    @Test
    void openai_lists_102_models_by_id_and_creation_date_only() throws Exception {
        List<DiscoveredModel> models = parse("openai.json");

        assertThat(models).hasSize(102);
        DiscoveredModel first = models.getFirst();
        assertThat(first.modelId()).isEqualTo("gpt-4-0613");
        assertThat(first.createdAt()).isEqualTo(Instant.ofEpochSecond(1686588896));
        assertThat(models).extracting(DiscoveredModel::modelId)
                .contains("gpt-5.1", "text-embedding-3-large", "whisper-1", "dall-e-3", "omni-moderation-latest");
        // OpenAI's list says nothing but ids: nothing is guessed
        assertThat(models).allSatisfy(m -> {
            assertThat(m.kind()).isNull();
            assertThat(m.contextTokens()).isNull();
            assertThat(m.inputPricePerMTok()).isNull();
            assertThat(m.modalities()).isEmpty();
            assertThat(m.deprecated()).isFalse();
        });
    }

    @Test
    void groq_gives_each_models_context_window() throws Exception {
        Map<String, DiscoveredModel> models = byId(parse("groq.json"));

        assertThat(models).hasSize(5);
        assertThat(models.get("gemma-7b-it").contextTokens()).isEqualTo(8192);
        assertThat(models.get("llama2-70b-4096").contextTokens()).isEqualTo(4096);
        assertThat(models.get("llama3-70b-8192").contextTokens()).isEqualTo(8192);
        assertThat(models.get("mixtral-8x7b-32768").contextTokens()).isEqualTo(32768);
        assertThat(models.get("mixtral-8x7b-32768").createdAt()).isEqualTo(Instant.ofEpochSecond(1693721698));
        assertThat(models.values()).noneMatch(DiscoveredModel::deprecated);
    }

    @Test
    void a_groq_model_marked_inactive_is_deprecated() throws Exception {
        String oneInactive = Payloads.text("groq.json").replaceFirst("\"active\":true", "\"active\":false");

        Map<String, DiscoveredModel> models = byId(OpenAiCompatibleClient.parse(Payloads.parse(oneInactive), "test"));

        assertThat(models.get("gemma-7b-it").deprecated()).isTrue();
        assertThat(models.get("llama3-8b-8192").deprecated()).isFalse();
    }

    @Test
    void xai_and_deepseek_lists_are_read_as_openai_lists() throws Exception {
        assertThat(parse("xai.json")).hasSize(8).extracting(DiscoveredModel::modelId)
                .contains("grok-4-0709", "grok-2-image-1212");
        List<DiscoveredModel> deepseek = parse("deepseek.json");
        assertThat(deepseek).extracting(DiscoveredModel::modelId).containsExactly("deepseek-chat", "deepseek-reasoner");
        assertThat(deepseek).allSatisfy(m -> assertThat(m.createdAt()).as("no created field").isNull());
    }

    @Test
    void llama_cpp_gives_its_training_context_from_meta() throws Exception {
        List<DiscoveredModel> models = parse("llamacpp.json");

        assertThat(models).hasSize(1);
        assertThat(models.getFirst().modelId()).isEqualTo("/home/void/models/qwen3/14B-Q4KM.gguf");
        assertThat(models.getFirst().contextTokens()).isEqualTo(40960);
    }

    @Test
    void vercel_entries_carry_names_limits_exact_prices_and_tags() throws Exception {
        Map<String, DiscoveredModel> models = byId(
                OpenAiCompatibleClient.parse(Payloads.parse(Payloads.vercelModelList()), "test"));

        assertThat(models).hasSize(2);
        DiscoveredModel v32 = models.get("deepseek/deepseek-v3.2");
        assertThat(v32.displayName()).isEqualTo("DeepSeek V3.2");
        assertThat(v32.contextTokens()).isEqualTo(128000);
        assertThat(v32.maxOutputTokens()).isEqualTo(8000);
        assertThat(v32.inputPricePerMTok()).isEqualTo(new BigDecimal("0.28"));
        assertThat(v32.outputPricePerMTok()).isEqualTo(new BigDecimal("0.42"));
        assertThat(v32.cacheReadPricePerMTok()).isEqualTo(new BigDecimal("0.028"));
        assertThat(v32.kind()).isEqualTo(ModelKind.CHAT);
        assertThat(v32.modalities()).containsExactly(Modality.TEXT);
        assertThat(v32.capabilities()).containsExactly(Capability.TOOLS);
        assertThat(v32.createdAt()).as("the release date").isEqualTo(Instant.ofEpochSecond(1764547200));

        DiscoveredModel thinking = models.get("deepseek/deepseek-v3.2-thinking");
        assertThat(thinking.displayName()).isEqualTo("DeepSeek V3.2 Thinking");
        assertThat(thinking.inputPricePerMTok()).isEqualTo(new BigDecimal("0.62"));
        assertThat(thinking.outputPricePerMTok()).isEqualTo(new BigDecimal("1.85"));
        assertThat(thinking.cacheReadPricePerMTok()).as("not offered").isNull();
        assertThat(thinking.capabilities()).containsExactlyInAnyOrder(Capability.TOOLS, Capability.REASONING);
    }

    @Test
    void vercel_vision_and_file_tags_and_model_types_are_understood() throws Exception {
        String list = """
                {"object":"list","data":[
                 {"id":"openai/gpt-5","type":"language","tags":["vision","file-input","tool-use"],
                  "pricing":{"input":"0.00000125","output":"0.00001"}},
                 {"id":"openai/text-embedding-3-small","type":"embedding","pricing":{"input":"0.00000002"}},
                 {"id":"bfl/flux-pro","type":"image"},
                 {"id":"somebody/new-thing","type":"hologram"}]}""";

        Map<String, DiscoveredModel> models = byId(OpenAiCompatibleClient.parse(Payloads.parse(list), "test"));

        DiscoveredModel gpt5 = models.get("openai/gpt-5");
        assertThat(gpt5.modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE, Modality.FILE);
        assertThat(gpt5.capabilities()).containsExactlyInAnyOrder(Capability.VISION, Capability.TOOLS);
        assertThat(gpt5.inputPricePerMTok()).isEqualTo(new BigDecimal("1.25"));
        assertThat(gpt5.outputPricePerMTok()).isEqualTo(new BigDecimal("10"));
        assertThat(models.get("openai/text-embedding-3-small").kind()).isEqualTo(ModelKind.EMBEDDING);
        assertThat(models.get("openai/text-embedding-3-small").inputPricePerMTok()).isEqualTo(new BigDecimal("0.02"));
        assertThat(models.get("bfl/flux-pro").kind()).isEqualTo(ModelKind.IMAGE);
        assertThat(models.get("somebody/new-thing").kind()).as("unknown types are not guessed").isNull();
    }

    // --- shapes ---

    @Test
    void an_empty_list_is_a_valid_answer() throws Exception {
        assertThat(OpenAiCompatibleClient.parse(Payloads.parse("{\"object\":\"list\",\"data\":[]}"), "test")).isEmpty();
    }

    @Test
    void an_answer_without_a_data_list_is_an_error_not_an_empty_list() {
        assertThatThrownBy(() -> OpenAiCompatibleClient.parse(Payloads.parse("{\"object\":\"list\"}"), "x"))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("without a \"data\" list");
        assertThatThrownBy(() -> OpenAiCompatibleClient.parse(Payloads.parse("{\"data\":{\"id\":\"a\"}}"), "x"))
                .hasMessageContaining("without a \"data\" list");
        assertThatThrownBy(() -> OpenAiCompatibleClient.parse(Payloads.parse("[{\"id\":\"a\"}]"), "x"))
                .hasMessageContaining("not an object");
    }

    @Test
    void a_model_without_an_id_fails_the_list() {
        assertThatThrownBy(() -> OpenAiCompatibleClient.parse(
                Payloads.parse("{\"data\":[{\"id\":\"a\"},{\"object\":\"model\"}]}"), "x"))
                .isInstanceOf(DiscoveryException.class).hasMessageContaining("entry #2 has no \"id\"");
        assertThatThrownBy(() -> OpenAiCompatibleClient.parse(Payloads.parse("{\"data\":[\"gpt-4\"]}"), "x"))
                .hasMessageContaining("entry #1 is not an object");
    }

    @Test
    void a_model_listed_twice_is_kept_once() throws Exception {
        List<DiscoveredModel> models = OpenAiCompatibleClient.parse(
                Payloads.parse("{\"data\":[{\"id\":\"a\",\"created\":1},{\"id\":\"b\"},{\"id\":\"a\",\"created\":2}]}"),
                "x");

        assertThat(models).extracting(DiscoveredModel::modelId).containsExactly("a", "b");
        assertThat(models.getFirst().createdAt()).isEqualTo(Instant.ofEpochSecond(1));
    }

    @Test
    void odd_optional_fields_read_as_unknown_instead_of_failing() throws Exception {
        DiscoveredModel m = OpenAiCompatibleClient.parse(Payloads.parse("""
                {"data":[{"id":"m","created":"yesterday","context_window":"lots","max_tokens":-1,
                  "pricing":{"input":"n/a","output":null},"tags":"vision"}]}"""), "x").getFirst();

        assertThat(m.createdAt()).isNull();
        assertThat(m.contextTokens()).isNull();
        assertThat(m.maxOutputTokens()).isNull();
        assertThat(m.inputPricePerMTok()).isNull();
        assertThat(m.outputPricePerMTok()).isNull();
        assertThat(m.capabilities()).isEmpty();
    }

    // --- over HTTP ---

    @Test
    void lists_models_from_the_v1_root_with_a_bearer_key() throws Exception {
        server.on("/openai/v1/models", json(Payloads.text("groq.json")));
        SourceEndpoint groq = new SourceEndpoint(SourceType.GROQ, server.root() + "/openai/v1/", KEY, Map.of());

        List<DiscoveredModel> models = client.listModels(groq);

        assertThat(models).hasSize(5);
        FakeProvider.Request request = server.requests("/openai/v1/models").getFirst();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void a_local_server_without_a_key_gets_no_authorization_header() throws Exception {
        server.on("/v1/models", json(Payloads.text("llamacpp.json")));
        SourceEndpoint local = new SourceEndpoint(SourceType.OPENAI_COMPATIBLE, server.root() + "/v1", null, Map.of());

        assertThat(client.listModels(local)).hasSize(1);
        assertThat(server.requests("/v1/models").getFirst().header("Authorization")).isNull();
    }

    @Test
    void vercel_is_served_and_read_over_http() throws Exception {
        server.on("/v1/models", json(Payloads.vercelModelList()));
        SourceEndpoint vercel = new SourceEndpoint(SourceType.VERCEL, server.root() + "/v1", KEY, Map.of());

        assertThat(client.listModels(vercel)).extracting(DiscoveredModel::inputPricePerMTok)
                .containsExactly(new BigDecimal("0.28"), new BigDecimal("0.62"));
    }

    @Test
    void a_wrong_shape_over_http_names_the_address_and_the_likely_mistake() {
        // e.g. the base URL points at Ollama's root instead of its /v1
        server.on("/models", json(Payloads.text("ollama.json")));
        SourceEndpoint endpoint = new SourceEndpoint(SourceType.OPENAI_COMPATIBLE, server.root(), null, Map.of());

        assertThatThrownBy(() -> client.listModels(endpoint))
                .hasMessageContaining(server.root() + "/models answered JSON without a \"data\" list")
                .hasMessageContaining("/v1 root");
    }
}
