package dev.routewise.spend;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cost optimizer's downgrade suggestions (seed 002): where a cheaper model has done as well on a task as the model
 * the task's calls went to, how much moving those calls would have saved over the last 30 days.
 *
 * <p>Evidence first, nothing guessed: both models need at least {@value #MIN_CALLS} calls on the task in the window;
 * the cheaper one's success rate may be at most {@value #SUCCESS_TOLERANCE} below; when the current model has at
 * least {@value #MIN_RATINGS} quality ratings the cheaper one needs as many, with an average at most
 * {@value #RATING_TOLERANCE} below (a model without ratings is never suggested in place of a rated one). The saving
 * prices the current model's tokens of the window (from the ledger's aggregates) on both models at today's catalog
 * prices, so it is a monthly figure at the current volume.
 */
@Service
public class DowngradeAdvisor {

    static final int MIN_CALLS = 20;
    static final double SUCCESS_TOLERANCE = 0.02;
    static final int MIN_RATINGS = 5;
    static final double RATING_TOLERANCE = 0.1;
    static final Duration WINDOW = Duration.ofDays(30);
    /** So that a rate exactly at the tolerance passes despite binary fractions (0.95 - 0.02 < 0.93). */
    private static final double EPSILON = 1e-9;

    private final CostReportService reports;
    private final ObjectProvider<ModelTaskRecords> records;
    private final CatalogService catalog;
    private final Clock clock;

    DowngradeAdvisor(CostReportService reports, ObjectProvider<ModelTaskRecords> records, CatalogService catalog,
                     Clock clock) {
        this.reports = reports;
        this.records = records;
        this.catalog = catalog;
        this.clock = clock;
    }

    /**
     * One suggestion per task and current model: the cheaper model with the largest saving.
     *
     * @param currentSuccessRate share of the current model's calls on the task that succeeded
     * @param currentRating      average quality rating (1-5), null without enough ratings
     * @param calls              the current model's calls on the task in the window
     * @param currentCostUsd     the window's tokens on the current model, at catalog prices
     * @param suggestedCostUsd   the same tokens on the suggested model
     * @param monthlySavingUsd   the difference: the estimated monthly saving at the current volume
     */
    public record Suggestion(String task, String currentModel, String suggestedModel, long calls,
                             double currentSuccessRate, double suggestedSuccessRate, long suggestedCalls,
                             Double currentRating, Double suggestedRating, BigDecimal currentCostUsd,
                             BigDecimal suggestedCostUsd, BigDecimal monthlySavingUsd, double savingShare) {

        /** Why the suggestion holds, in words for the console and the CLI. */
        @JsonProperty("evidence")
        public String evidence() {
            String success = String.format(java.util.Locale.ROOT, "success %.1f %% over %d calls vs %.1f %% over %d",
                    100 * suggestedSuccessRate, suggestedCalls, 100 * currentSuccessRate, calls);
            return success + (currentRating == null ? ", no ratings reported"
                    : String.format(java.util.Locale.ROOT, ", rating %.2f vs %.2f", suggestedRating, currentRating));
        }
    }

    /** Suggestions over the last 30 days, largest saving first. */
    @PermitAll
    public List<Suggestion> suggestions() {
        ModelTaskRecords source = records.getIfAvailable();
        if (source == null) {
            return List.of();
        }
        Map<String, Map<String, ModelTaskRecord>> byTask = new HashMap<>();
        for (ModelTaskRecord r : source.since(clock.instant().minus(WINDOW))) {
            byTask.computeIfAbsent(r.task(), t -> new HashMap<>()).put(r.model(), r);
        }
        LocalDate today = reports.today();
        CostPeriod window = new CostPeriod("last 30 days", today.minusDays(WINDOW.toDays() - 1), today);
        Map<String, Optional<CatalogModel>> models = new HashMap<>();
        List<Suggestion> result = new ArrayList<>();
        reports.byModelAndTask(window).forEach((key, figures) -> {
            String model = key.get(0);
            String task = key.get(1);
            Map<String, ModelTaskRecord> onTask = byTask.getOrDefault(task, Map.of());
            ModelTaskRecord current = onTask.get(model);
            CatalogModel currentModel = model(models, model);
            if (current == null || current.calls() < MIN_CALLS || currentModel == null) {
                return;
            }
            TokenCounts t = figures.tokens();
            BigDecimal currentCost = cost(currentModel, t);
            if (currentCost == null || currentCost.signum() <= 0) {
                return;
            }
            Suggestion best = null;
            for (ModelTaskRecord other : onTask.values()) {
                CatalogModel candidate = other.model().equals(model) ? null : model(models, other.model());
                if (candidate == null || !candidate.enabled() || !asGood(other, current)) {
                    continue;
                }
                BigDecimal cost = cost(candidate, t);
                if (cost == null || cost.compareTo(currentCost) >= 0) {
                    continue;
                }
                BigDecimal saving = currentCost.subtract(cost);
                if (best == null || saving.compareTo(best.monthlySavingUsd()) > 0) {
                    best = new Suggestion(task, model, other.model(), current.calls(), current.successRate(),
                            other.successRate(), other.calls(), rating(current), rating(other), currentCost, cost,
                            saving, saving.divide(currentCost, 4, RoundingMode.HALF_UP).doubleValue());
                }
            }
            if (best != null) {
                result.add(best);
            }
        });
        result.sort(Comparator.comparing(Suggestion::monthlySavingUsd).reversed()
                .thenComparing(Suggestion::task).thenComparing(Suggestion::currentModel));
        return List.copyOf(result);
    }

    /** Whether {@code candidate} has done at least as well as {@code current} on the task, within the tolerances. */
    static boolean asGood(ModelTaskRecord candidate, ModelTaskRecord current) {
        if (candidate.calls() < MIN_CALLS
                || candidate.successRate() < current.successRate() - SUCCESS_TOLERANCE - EPSILON) {
            return false;
        }
        if (current.ratings() < MIN_RATINGS) {
            return true;
        }
        return candidate.ratings() >= MIN_RATINGS
                && candidate.averageRating() >= current.averageRating() - RATING_TOLERANCE - EPSILON;
    }

    private static Double rating(ModelTaskRecord r) {
        return r.ratings() < MIN_RATINGS ? null : r.averageRating();
    }

    private static BigDecimal cost(CatalogModel m, TokenCounts t) {
        BigDecimal c = m.costUsd(t.input(), t.cachedInput(), t.cacheWrite(), t.output());
        return c == null ? null : c.setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
    }

    private CatalogModel model(Map<String, Optional<CatalogModel>> cache, String id) {
        if (id == null || id.isEmpty()) {
            return null;
        }
        return cache.computeIfAbsent(id, catalog::byId).orElse(null);
    }
}
