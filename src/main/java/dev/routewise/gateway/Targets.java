package dev.routewise.gateway;

import dev.routewise.catalog.CatalogChanged;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceService;
import dev.routewise.discovery.SourceType;
import dev.routewise.gateway.protocol.AnthropicProtocol;
import dev.routewise.gateway.protocol.ChatProtocol;
import dev.routewise.gateway.protocol.GeminiProtocol;
import dev.routewise.gateway.protocol.OpenAiProtocol;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where each catalog model is called: the model, its source's endpoint (with the decrypted key) and the protocol
 * spoken there. Kept in memory, so a request reads no database and decrypts no key; forgotten whenever the catalog
 * or a source changes.
 */
@Component
class Targets {

    /** A callable model with the protocol its source speaks. */
    record Target(CatalogModel model, SourceEndpoint endpoint, ChatProtocol protocol) {
    }

    private final CatalogService catalog;
    private final SourceService sources;
    private final Map<SourceType, ChatProtocol> protocols = new EnumMap<>(SourceType.class);
    private final Map<String, Optional<Target>> targets = new ConcurrentHashMap<>();

    Targets(CatalogService catalog, SourceService sources, Clock clock) {
        this.catalog = catalog;
        this.sources = sources;
        JsonMapper json = JsonMapper.builder().build();
        ChatProtocol openAi = new OpenAiProtocol(json);
        for (SourceType t : new SourceType[]{SourceType.OPENAI, SourceType.GROQ, SourceType.OPENROUTER,
                SourceType.VERCEL, SourceType.OLLAMA, SourceType.OPENAI_COMPATIBLE}) {
            protocols.put(t, openAi);
        }
        protocols.put(SourceType.ANTHROPIC, new AnthropicProtocol(json, clock));
        protocols.put(SourceType.GOOGLE, new GeminiProtocol(json, clock));
    }

    /** The model with its endpoint, or empty when it is no longer in the catalog. */
    Optional<Target> of(String modelId) {
        Optional<Target> t = targets.get(modelId);
        if (t == null) {
            t = catalog.byId(modelId).map(m -> {
                SourceEndpoint e = sources.endpoint(m.sourceId());
                return new Target(m, e, protocols.get(e.type()));
            });
            if (t.isPresent()) {
                // only models that exist: names clients make up must not fill the map
                targets.put(modelId, t);
            }
        }
        return t;
    }

    @EventListener
    void catalogChanged(CatalogChanged e) {
        targets.clear();
    }
}
