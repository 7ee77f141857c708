package dev.routewise.routing;

import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.spend.CostBaselines;
import dev.routewise.spend.TokenCounts;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The spend ledger's savings baselines: the tokens of a call priced on the profile's top model for its task and on
 * the premium profile's ({@link RoutingService#topModel}). Top models and their catalog entries are cached per
 * routing snapshot (catalog, router settings, quality table), so the ledger's writer routes once per profile and
 * task after each change, not once per call.
 */
@Component
class RoutingCostBaselines implements CostBaselines {

    static final String PREMIUM = "premium";

    private final RoutingService routing;
    private final CatalogService catalog;
    private List<Object> version = List.of();
    private final Map<String, Optional<String>> topModels = new ConcurrentHashMap<>();
    private final Map<String, Optional<CatalogModel>> models = new ConcurrentHashMap<>();

    RoutingCostBaselines(RoutingService routing, CatalogService catalog) {
        this.routing = routing;
        this.catalog = catalog;
    }

    @Override
    public synchronized Baseline of(String profile, String task, TokenCounts tokens) {
        List<Object> now = routing.snapshotVersion();
        if (!sameObjects(now, version)) {
            version = now;
            topModels.clear();
            models.clear();
        }
        TaskLabel label = TaskLabel.fromId(task).orElse(TaskLabel.GENERAL);
        String own = profile == null || profile.isBlank() ? routing.defaultProfile() : profile;
        String top = topModel(own, label);
        String premium = topModel(PREMIUM, label);
        return new Baseline(top, cost(top, tokens), premium, cost(premium, tokens));
    }

    private String topModel(String profile, TaskLabel task) {
        return topModels.computeIfAbsent(profile + "\u0000" + task.id(), k -> {
            try {
                return Optional.ofNullable(routing.topModel(profile, task));
            } catch (dev.routewise.base.InvalidInputException deleted) {
                return Optional.empty(); // the profile was deleted since the call
            }
        }).orElse(null);
    }

    private BigDecimal cost(String modelId, TokenCounts t) {
        if (modelId == null) {
            return null;
        }
        return models.computeIfAbsent(modelId, catalog::byId)
                .map(m -> m.costUsd(t.input(), t.cachedInput(), t.cacheWrite(), t.output())).orElse(null);
    }

    private static boolean sameObjects(List<Object> a, List<Object> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }
}
