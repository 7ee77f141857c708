package dev.routewise.catalog;

import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The static model lists per source type (resource catalog/fallback-models.json). */
@Component
class StaticFallbacks {

    private final Map<String, List<DiscoveredModel>> byType;

    StaticFallbacks() {
        Map<String, List<DiscoveredModel>> map = new HashMap<>();
        try (InputStream in = StaticFallbacks.class.getClassLoader()
                .getResourceAsStream("catalog/fallback-models.json")) {
            JsonNode root = JsonMapper.builder().build().readTree(in);
            for (Map.Entry<String, JsonNode> type : root.properties()) {
                if (type.getKey().startsWith("_")) {
                    continue;
                }
                List<DiscoveredModel> models = new ArrayList<>();
                for (JsonNode m : type.getValue()) {
                    models.add(new DiscoveredModel(m.get("id").asString(), m.get("name").asString(), null, null,
                            null, null, null, null, null, null, false, null));
                }
                map.put(type.getKey(), List.copyOf(models));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.byType = Map.copyOf(map);
    }

    List<DiscoveredModel> forType(String providerKey) {
        return byType.getOrDefault(providerKey, List.of());
    }
}
