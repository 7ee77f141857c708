package dev.routewise.gateway;

import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.ModelFilter;
import dev.routewise.catalog.ModelKind;
import dev.routewise.catalog.ModelSort;
import dev.routewise.routing.RoutingService;
import dev.routewise.routing.engine.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code GET /v1/models} as OpenAI answers it: the router's virtual models ({@code auto} for the active profile,
 * {@code router/<profile>} for each profile) and every enabled chat model of the catalog by its routing id.
 */
@RestController
class GatewayModelsController {

    /** One entry of OpenAI's model list. */
    record ModelEntry(String id, String object, long created, String owned_by) {
    }

    record ModelList(String object, List<ModelEntry> data) {
    }

    private static final int PAGE = 1000;

    private final RoutingService routing;
    private final CatalogService catalog;
    private final java.time.Clock clock;

    GatewayModelsController(RoutingService routing, CatalogService catalog, java.time.Clock clock) {
        this.routing = routing;
        this.catalog = catalog;
        this.clock = clock;
    }

    @GetMapping("/v1/models")
    ModelList models() {
        // virtual models exist as long as the router does: their time is the answer's own
        long now = clock.instant().getEpochSecond();
        List<ModelEntry> data = new ArrayList<>();
        data.add(new ModelEntry("auto", "model", now, "routewise"));
        for (Profile p : routing.profiles()) {
            data.add(new ModelEntry("router/" + p.name(), "model", now, "routewise"));
        }
        ModelFilter enabledChat = new ModelFilter(null, null, null, null, ModelKind.CHAT, true, false, null, null);
        List<ModelSort> byId = List.of(new ModelSort(ModelSort.Column.ID, false));
        for (int offset = 0; ; offset += PAGE) {
            List<CatalogModel> page = catalog.find(enabledChat, byId, offset, PAGE);
            for (CatalogModel m : page) {
                Instant seen = m.firstSeenAt() == null ? clock.instant() : m.firstSeenAt();
                data.add(new ModelEntry(m.id(), "model", seen.getEpochSecond(), m.provider()));
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return new ModelList("list", data);
    }
}
