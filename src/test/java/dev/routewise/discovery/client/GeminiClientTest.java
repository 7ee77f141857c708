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

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static dev.routewise.discovery.client.FakeProvider.json;
import static dev.routewise.discovery.client.TestHttp.KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeminiClientTest {

    private static final String FIRST_PAGE_TOKEN = "Ch9tb2RlbHMvdmVvLTMuMS1nZW5lcmF0ZS1wcmV2aWV3";
    /** The second page, served by us: the real first page ends at veo-3.1-generate-preview. */
    private static final String SECOND_PAGE = """
            {"models": [
              {"name": "models/veo-3.1-fast-generate-preview", "version": "3.1", "displayName": "Veo 3.1 fast",
               "inputTokenLimit": 480, "outputTokenLimit": 8192, "supportedGenerationMethods": ["predictLongRunning"]},
              {"name": "models/gemini-2.5-flash-native-audio-latest", "version": "2.5",
               "displayName": "Gemini 2.5 Flash Native Audio Latest", "inputTokenLimit": 131072,
               "outputTokenLimit": 8192, "supportedGenerationMethods": ["countTokens", "bidiGenerateContent"],
               "thinking": true}
            ]}""";

    private final FakeProvider server = new FakeProvider();
    private final TestHttp test = new TestHttp();
    private final GeminiClient client = new GeminiClient(test.http);
    private final SourceEndpoint google = new SourceEndpoint(SourceType.GOOGLE, server.root() + "/v1beta", KEY,
            Map.of());

    @AfterEach
    void stop() {
        server.close();
        test.http.close();
    }

    private static Map<String, DiscoveredModel> byId(List<DiscoveredModel> models) {
        return models.stream().collect(Collectors.toMap(DiscoveredModel::modelId, Function.identity()));
    }

    @Test
    void the_real_list_has_45_models_with_the_prefix_stripped() throws Exception {
        GeminiClient.Page page = GeminiClient.parsePage(Payloads.tree("gemini.json"), "test");

        assertThat(page.nextPageToken()).isNull();
        assertThat(page.models()).hasSize(45);
        assertThat(page.models()).extracting(DiscoveredModel::modelId).first().isEqualTo("gemini-2.5-flash");
        assertThat(page.models()).noneMatch(m -> m.modelId().startsWith("models/"));
    }

    @Test
    void gemini_chat_models_have_limits_images_and_reasoning_when_they_think() throws Exception {
        Map<String, DiscoveredModel> models = byId(GeminiClient.parsePage(Payloads.tree("gemini.json"), "t").models());

        DiscoveredModel pro = models.get("gemini-2.5-pro");
        assertThat(pro.displayName()).isEqualTo("Gemini 2.5 Pro");
        assertThat(pro.contextTokens()).isEqualTo(1048576);
        assertThat(pro.maxOutputTokens()).isEqualTo(65536);
        assertThat(pro.kind()).isEqualTo(ModelKind.CHAT);
        assertThat(pro.modalities()).containsExactlyInAnyOrder(Modality.TEXT, Modality.IMAGE);
        assertThat(pro.capabilities()).containsExactlyInAnyOrder(Capability.VISION, Capability.STREAMING,
                Capability.REASONING);
        assertThat(models.get("gemini-2.0-flash").capabilities()).doesNotContain(Capability.REASONING);
        assertThat(models.get("gemini-2.0-flash").maxOutputTokens()).isEqualTo(8192);
        assertThat(models.values()).filteredOn(m -> m.kind() == ModelKind.CHAT).hasSize(25);
    }

    @Test
    void non_chat_models_get_their_own_kinds() throws Exception {
        Map<String, DiscoveredModel> models = byId(GeminiClient.parsePage(Payloads.tree("gemini.json"), "t").models());

        DiscoveredModel embedding = models.get("gemini-embedding-001");
        assertThat(embedding.kind()).isEqualTo(ModelKind.EMBEDDING);
        assertThat(embedding.modalities()).contains(Modality.EMBEDDING);
        assertThat(embedding.maxOutputTokens()).as("the list says 1").isNull();
        assertThat(embedding.contextTokens()).isEqualTo(2048);
        assertThat(models.get("imagen-4.0-generate-001").kind()).isEqualTo(ModelKind.IMAGE);
        assertThat(models.get("gemini-2.5-flash-image").kind()).isEqualTo(ModelKind.IMAGE);
        assertThat(models.get("nano-banana-pro-preview").kind()).isEqualTo(ModelKind.IMAGE);
        assertThat(models.get("gemini-2.5-flash-preview-tts").kind()).isEqualTo(ModelKind.AUDIO);
        assertThat(models.get("gemini-2.5-flash-native-audio-latest").kind()).isEqualTo(ModelKind.AUDIO);
        assertThat(models.get("veo-3.0-generate-001").kind()).isEqualTo(ModelKind.OTHER);
        assertThat(models.get("aqa").kind()).isEqualTo(ModelKind.OTHER);
        assertThat(models.values()).noneMatch(m -> m.kind() == null);
    }

    @Test
    void sends_the_key_in_its_header_and_never_in_the_address() throws Exception {
        server.on("/v1beta/models", json(Payloads.text("gemini.json")));

        assertThat(client.listModels(google)).hasSize(45);

        FakeProvider.Request request = server.requests("/v1beta/models").getFirst();
        assertThat(request.header("x-goog-api-key")).isEqualTo(KEY);
        assertThat(request.header("Authorization")).isNull();
        assertThat(request.query()).isEqualTo("pageSize=1000");
    }

    @Test
    void follows_next_page_token_from_the_real_first_page_to_a_second() throws Exception {
        server.on("/v1beta/models", json(Payloads.text("gemini_page1_2026-08-05.json")), json(SECOND_PAGE));

        List<DiscoveredModel> models = client.listModels(google);

        assertThat(models).hasSize(52);
        assertThat(models.get(49).modelId()).isEqualTo("veo-3.1-generate-preview");
        assertThat(models.get(50).modelId()).isEqualTo("veo-3.1-fast-generate-preview");
        assertThat(models.getLast().modelId()).isEqualTo("gemini-2.5-flash-native-audio-latest");
        assertThat(models.getLast().capabilities()).contains(Capability.REASONING);
        assertThat(server.requests("/v1beta/models")).extracting(FakeProvider.Request::query)
                .containsExactly("pageSize=1000", "pageSize=1000&pageToken=" + FIRST_PAGE_TOKEN);
        assertThat(server.requests("/v1beta/models").get(1).header("x-goog-api-key")).isEqualTo(KEY);
    }

    @Test
    void a_failing_second_page_fails_the_whole_list() {
        server.on("/v1beta/models", json(Payloads.text("gemini_page1_2026-08-05.json")),
                json(500, "{\"error\":{\"code\":500,\"message\":\"Internal error encountered.\",\"status\":\"INTERNAL\"}}"));

        assertThatThrownBy(() -> client.listModels(google)).isInstanceOf(DiscoveryException.class)
                .hasMessageContaining("Internal error encountered. [INTERNAL]");
    }

    @Test
    void a_repeated_page_token_stops_instead_of_looping() {
        server.on("/v1beta/models", json(Payloads.text("gemini_page1_2026-08-05.json")));

        assertThatThrownBy(() -> client.listModels(google)).hasMessageContaining("page token it had given before");
        assertThat(server.requests("/v1beta/models")).hasSize(2);
    }

    @Test
    void no_models_at_all_is_a_valid_empty_list_but_a_wrong_shape_is_not() throws Exception {
        assertThat(GeminiClient.parsePage(Payloads.parse("{}"), "x").models()).isEmpty();
        assertThat(GeminiClient.parsePage(Payloads.parse("{\"models\":[]}"), "x").models()).isEmpty();
        assertThatThrownBy(() -> GeminiClient.parsePage(Payloads.parse("{\"models\":\"none\"}"), "x"))
                .hasMessageContaining("without a \"models\" list");
        assertThatThrownBy(() -> GeminiClient.parsePage(Payloads.parse("{\"data\":[]}"), "x"))
                .hasMessageContaining("without a \"models\" list");
        assertThatThrownBy(() -> GeminiClient.parsePage(
                Payloads.parse("{\"models\":[{\"displayName\":\"Nameless\"}]}"), "x"))
                .hasMessageContaining("entry #1 has no \"name\"");
    }
}
