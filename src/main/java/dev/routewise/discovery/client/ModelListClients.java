package dev.routewise.discovery.client;

import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.ModelListClient;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The client for each source type: one per provider API, every {@link SourceType} covered exactly once. */
public final class ModelListClients {

    private final Map<SourceType, ModelListClient> byType;

    /** The standard clients, all sharing {@code http}. */
    public ModelListClients(DiscoveryHttp http) {
        this(List.of(new OpenAiCompatibleClient(http), new OpenRouterClient(http), new OllamaClient(http),
                new AnthropicClient(http), new GeminiClient(http)));
    }

    public ModelListClients(Collection<? extends ModelListClient> clients) {
        Map<SourceType, ModelListClient> map = new EnumMap<>(SourceType.class);
        for (ModelListClient client : clients) {
            for (SourceType type : client.types()) {
                ModelListClient previous = map.putIfAbsent(type, client);
                if (previous != null) {
                    throw new IllegalArgumentException("Two clients for " + type + ": "
                            + previous.getClass().getSimpleName() + " and " + client.getClass().getSimpleName());
                }
            }
        }
        for (SourceType type : SourceType.values()) {
            if (!map.containsKey(type)) {
                throw new IllegalArgumentException("No client for source type " + type);
            }
        }
        this.byType = map;
    }

    public ModelListClient forType(SourceType type) {
        return byType.get(Objects.requireNonNull(type, "type"));
    }

    /** The complete model list of the source, or an exception; see {@link ModelListClient#listModels}. */
    public List<DiscoveredModel> listModels(SourceEndpoint endpoint) throws DiscoveryException {
        return forType(endpoint.type()).listModels(endpoint);
    }
}
