package dev.routewise.discovery.client;

import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelListClientsTest {

    private final DiscoveryHttp http = new DiscoveryHttp(DiscoveryHttpSettings.defaults());
    private final ModelListClients clients = new ModelListClients(http);

    @Test
    void every_source_type_has_the_client_for_its_api() {
        assertThat(clients.forType(SourceType.OPENAI)).isInstanceOf(OpenAiCompatibleClient.class);
        assertThat(clients.forType(SourceType.GROQ)).isInstanceOf(OpenAiCompatibleClient.class);
        assertThat(clients.forType(SourceType.VERCEL)).isInstanceOf(OpenAiCompatibleClient.class);
        assertThat(clients.forType(SourceType.OPENAI_COMPATIBLE)).isInstanceOf(OpenAiCompatibleClient.class);
        assertThat(clients.forType(SourceType.OPENROUTER)).isInstanceOf(OpenRouterClient.class);
        assertThat(clients.forType(SourceType.OLLAMA)).isInstanceOf(OllamaClient.class);
        assertThat(clients.forType(SourceType.ANTHROPIC)).isInstanceOf(AnthropicClient.class);
        assertThat(clients.forType(SourceType.GOOGLE)).isInstanceOf(GeminiClient.class);
        for (SourceType type : SourceType.values()) {
            assertThat(clients.forType(type).types()).contains(type);
        }
    }

    @Test
    void a_registry_missing_a_type_or_with_two_clients_for_one_is_refused() {
        assertThatThrownBy(() -> new ModelListClients(List.of(new OpenAiCompatibleClient(http))))
                .hasMessageContaining("No client for source type");
        assertThatThrownBy(() -> new ModelListClients(List.of(new OpenAiCompatibleClient(http),
                new OpenAiCompatibleClient(http)))).hasMessageContaining("Two clients for");
    }
}
