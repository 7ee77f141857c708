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
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.routewise.discovery.client.FakeProvider.dynamic;
import static dev.routewise.discovery.client.FakeProvider.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OllamaClientTest {

    /** The shape of a real /api/show answer, cut to the fields discovery reads plus a few it ignores. */
    private static String show(String arch, int context, String... capabilities) {
        String caps = capabilities.length == 0 ? ""
                : ",\"capabilities\":[\"" + String.join("\",\"", capabilities) + "\"]";
        return """
                {"license":"...","modelfile":"# Modelfile","parameters":"stop \\"<|im_end|>\\"","template":"{{ .Prompt }}",
                 "details":{"parent_model":"","format":"gguf","family":"%s","parameter_size":"14.8B"},
                 "model_info":{"general.architecture":"%s","general.parameter_count":14768307200,
                  "%s.attention.head_count":40,"%s.context_length":%d,"%s.embedding_length":5120}%s,
                 "modified_at":"2025-05-17T15:10:26.937464025Z"}""".formatted(arch, arch, arch, arch, context, arch, caps);
    }

    private final FakeProvider server = new FakeProvider();
    private final TestHttp test = new TestHttp();
    private final OllamaClient client = new OllamaClient(test.http);
    private final SourceEndpoint local = new SourceEndpoint(SourceType.OLLAMA, server.root(), null, Map.of());

    @AfterEach
    void stop() {
        server.close();
        test.http.close();
    }

    private static Map<String, DiscoveredModel> byId(List<DiscoveredModel> models) {
        return models.stream().collect(Collectors.toMap(DiscoveredModel::modelId, Function.identity()));
    }

    private static String modelIn(FakeProvider.Request request) {
        return Payloads.parse(request.body()).path("model").stringValue();
    }

    @Test
    void the_real_tags_list_has_six_models_with_family_and_size() throws Exception {
        List<OllamaClient.Tag> tags = OllamaClient.parseTags(Payloads.tree("ollama.json"), "test");

        assertThat(tags).extracting(OllamaClient.Tag::name).containsExactly("qwen3:latest", "qwen3:14b",
                "qwen2.5vl:7b", "mistral-small3.1:latest", "llava:latest", "llama3.2:latest");
        assertThat(tags.get(2)).isEqualTo(new OllamaClient.Tag("qwen2.5vl:7b", "qwen25vl", "8.3B", "Q4_K_M"));
    }

    @Test
    void the_documentation_example_parses_too() throws Exception {
        assertThat(OllamaClient.parseTags(Payloads.tree("ollama_docs_example.json"), "test"))
                .extracting(OllamaClient.Tag::name).containsExactly("deepseek-r1:latest", "llama3.2:latest");
    }

    @Test
    void lists_every_model_with_details_from_api_show_and_free_prices() throws Exception {
        server.on("/api/tags", json(Payloads.text("ollama.json")));
        server.on("/api/show", dynamic(request -> switch (modelIn(request)) {
            case "llava:latest" -> json(show("llama", 32768, "completion", "vision"));
            case "llama3.2:latest" -> json(show("llama", 131072, "completion", "tools"));
            default -> json(show("qwen3", 40960, "completion", "tools", "thinking"));
        }));

        Map<String, DiscoveredModel> models = byId(client.listModels(local));

        assertThat(models).hasSize(6);
        DiscoveredModel qwen = models.get("qwen3:latest");
        assertThat(qwen.displayName()).isEqualTo("qwen3:latest (qwen3, 14.8B)");
        assertThat(qwen.contextTokens()).isEqualTo(40960);
        assertThat(qwen.kind()).isEqualTo(ModelKind.CHAT);
        assertThat(qwen.capabilities()).contains(Capability.TOOLS, Capability.REASONING, Capability.STREAMING)
                .doesNotContain(Capability.VISION);
        assertThat(qwen.modalities()).containsExactly(Modality.TEXT);
        DiscoveredModel llava = models.get("llava:latest");
        assertThat(llava.contextTokens()).isEqualTo(32768);
        assertThat(llava.modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
        assertThat(llava.capabilities()).contains(Capability.VISION).doesNotContain(Capability.TOOLS);
        assertThat(models.get("llama3.2:latest").contextTokens()).isEqualTo(131072);
        assertThat(models.values()).allSatisfy(m -> {
            assertThat(m.inputPricePerMTok()).isEqualTo(BigDecimal.ZERO);
            assertThat(m.outputPricePerMTok()).isEqualTo(BigDecimal.ZERO);
        });
        assertThat(server.requests("/api/show")).extracting(OllamaClientTest::modelIn)
                .containsExactly("qwen3:latest", "qwen3:14b", "qwen2.5vl:7b", "mistral-small3.1:latest",
                        "llava:latest", "llama3.2:latest");
        assertThat(server.requests("/api/show").getFirst().method()).isEqualTo("POST");
    }

    @Test
    void a_model_whose_details_fail_keeps_what_the_list_said() throws Exception {
        server.on("/api/tags", json(Payloads.text("ollama.json")));
        server.on("/api/show", dynamic(request -> modelIn(request).equals("qwen2.5vl:7b")
                ? json(500, "{\"error\":\"llama runner process has terminated\"}")
                : json(show("qwen3", 40960, "completion"))));

        Map<String, DiscoveredModel> models = byId(client.listModels(local));

        assertThat(models).hasSize(6);
        DiscoveredModel broken = models.get("qwen2.5vl:7b");
        assertThat(broken.displayName()).isEqualTo("qwen2.5vl:7b (qwen25vl, 8.3B)");
        assertThat(broken.contextTokens()).isNull();
        assertThat(broken.kind()).isNull();
        assertThat(broken.inputPricePerMTok()).isEqualTo(BigDecimal.ZERO);
        assertThat(models.get("llava:latest").contextTokens()).as("the models after it still get details")
                .isEqualTo(40960);
    }

    @Test
    void a_server_that_fails_every_detail_call_is_given_up_on_after_three_models() throws Exception {
        server.on("/api/tags", json(Payloads.text("ollama.json")));
        server.on("/api/show", json(500, "{\"error\":\"boom\"}"));

        List<DiscoveredModel> models = client.listModels(local);

        assertThat(models).hasSize(6);
        int attempts = test.http.settings().maxAttempts();
        assertThat(server.requests("/api/show")).hasSize(OllamaClient.SHOW_FAILURES_BEFORE_GIVING_UP * attempts);
    }

    @Test
    void an_older_server_without_api_show_still_lists_its_models() throws Exception {
        server.on("/api/tags", json(Payloads.text("ollama_docs_example.json")));
        // /api/show not routed: 404

        assertThat(client.listModels(local)).extracting(DiscoveredModel::modelId)
                .containsExactly("deepseek-r1:latest", "llama3.2:latest");
    }

    @Test
    void embedding_models_are_told_apart_by_their_capabilities() {
        DiscoveredModel embed = OllamaClient.model(new OllamaClient.Tag("nomic-embed-text:latest", "nomic-bert",
                "137M", "F16"), OllamaClient.parseShow(Payloads.parse(show("nomic-bert", 2048, "embedding"))));

        assertThat(embed.kind()).isEqualTo(ModelKind.EMBEDDING);
        assertThat(embed.modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.EMBEDDING);
        assertThat(embed.contextTokens()).isEqualTo(2048);
        assertThat(embed.capabilities()).isEmpty();
    }

    @Test
    void a_server_too_old_for_capabilities_still_reveals_vision_through_its_projector() {
        String older = "{\"model_info\":{\"llama.context_length\":4096},\"projector_info\":{\"clip.has_vision_encoder\":true}}";

        DiscoveredModel llava = OllamaClient.model(new OllamaClient.Tag("llava:latest", "llama", "7B", "Q4_0"),
                OllamaClient.parseShow(Payloads.parse(older)));

        assertThat(llava.contextTokens()).isEqualTo(4096);
        assertThat(llava.capabilities()).containsExactly(Capability.VISION);
        assertThat(llava.kind()).as("not said").isNull();
    }

    @Test
    void a_key_is_sent_as_a_bearer_token_for_a_proxy_in_front_of_ollama() throws Exception {
        server.on("/api/tags", json("{\"models\":[]}"));
        SourceEndpoint proxied = new SourceEndpoint(SourceType.OLLAMA, server.root(), TestHttp.KEY, Map.of());

        assertThat(client.listModels(proxied)).isEmpty();
        assertThat(server.requests("/api/tags").getFirst().header("Authorization")).isEqualTo("Bearer " + TestHttp.KEY);
    }

    @Test
    void a_tags_answer_without_a_models_list_is_an_error() {
        server.on("/api/tags", json(Payloads.text("openai.json")));

        assertThatThrownBy(() -> client.listModels(local)).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("without a \"models\" list")
                .hasMessageContaining("Ollama server's root");
        assertThatThrownBy(() -> OllamaClient.parseTags(Payloads.parse("{\"models\":[{\"size\":1}]}"), "x"))
                .hasMessageContaining("entry #1 has no \"name\"");
    }
}
