package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.catalog.CatalogModel;
import dev.routewise.catalog.CatalogService;
import dev.routewise.security.ApiKeyPrincipal;
import dev.routewise.security.AppRoles;
import dev.routewise.spend.CostEntry;
import dev.routewise.spend.CostLedger;
import dev.routewise.spend.CostSource;
import dev.routewise.spend.CostStatus;
import dev.routewise.spend.TokenCounts;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;

/**
 * Records what happened after a decision and feeds it into each model's history. An outcome that says what the call
 * used or cost goes to the spend ledger too, which counts it only when the gateway did not execute the decision.
 */
@Service
public class OutcomeService {

    private final JdbcClient jdbc;
    private final ModelHistory history;
    private final Clock clock;
    private final CostLedger ledger;
    private final CatalogService catalog;

    OutcomeService(JdbcClient jdbc, ModelHistory history, Clock clock, CostLedger ledger, CatalogService catalog) {
        this.jdbc = jdbc;
        this.history = history;
        this.clock = clock;
        this.ledger = ledger;
        this.catalog = catalog;
    }

    /** The logged decision an outcome is about. */
    private record Decided(String model, String task, String profile, long createdAt, String caller,
                           BigDecimal estimate) {
    }

    @PermitAll
    public void report(String decisionId, Outcome outcome) {
        if (outcome == null || outcome.success() == null) {
            throw new InvalidInputException("success", "Say whether the call succeeded");
        }
        if (outcome.qualityRating() != null && (outcome.qualityRating() < 1 || outcome.qualityRating() > 5)) {
            throw new InvalidInputException("qualityRating", "Rate from 1 to 5");
        }
        if (outcome.latencyMs() != null && outcome.latencyMs() < 0) {
            throw new InvalidInputException("latencyMs", "Latency cannot be negative");
        }
        if (outcome.costUsd() != null && outcome.costUsd().signum() < 0) {
            throw new InvalidInputException("costUsd", "Cost cannot be negative");
        }
        if (outcome.inputTokens() != null && outcome.inputTokens() < 0
                || outcome.outputTokens() != null && outcome.outputTokens() < 0) {
            throw new InvalidInputException(outcome.inputTokens() != null && outcome.inputTokens() < 0
                    ? "inputTokens" : "outputTokens", "Token counts cannot be negative");
        }
        Decided decided = jdbc.sql("""
                        SELECT model, task, profile, created_at, caller, estimated_cost FROM routing_decision
                        WHERE decision_id = ?""")
                .param(decisionId).query((rs, n) -> new Decided(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getLong(4), rs.getString(5), rs.getString(6) == null ? null
                        : new BigDecimal(rs.getString(6)))).optional()
                .orElseThrow(() -> new NotFoundException("Decision", decisionId));
        String[] decision = {decided.model(), decided.task()};
        jdbc.sql("""
                INSERT INTO decision_outcome (decision_id, reported_at, model, task, success, quality_rating,
                    latency_ms, input_tokens, output_tokens, cost_usd, overridden_to)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(decisionId, clock.millis(), decision[0], decision[1], outcome.success() ? 1 : 0,
                        outcome.qualityRating(), outcome.latencyMs(), outcome.inputTokens(), outcome.outputTokens(),
                        outcome.costUsd() == null ? null : outcome.costUsd().toPlainString(), outcome.overriddenTo())
                .update();
        Thread.ofVirtual().name("model-history").start(history::recompute);
        costEntry(decisionId, decided, outcome).ifPresent(ledger::record);
    }

    /**
     * The ledger entry of an outcome that says what the call used or cost (the caller called the provider itself
     * after {@code POST /api/v1/route}): the reported cost, else the reported tokens at the catalog's prices of the
     * model used (the one the user switched to, if any), else unknown. It is made at the decision's time, for the
     * caller who asked for it, and the API key reporting it; the ledger drops it when the gateway executed the
     * decision.
     */
    private Optional<CostEntry> costEntry(String decisionId, Decided decided, Outcome outcome) {
        boolean tokensKnown = outcome.inputTokens() != null || outcome.outputTokens() != null;
        if (outcome.costUsd() == null && !tokensKnown) {
            return Optional.empty();
        }
        String model = outcome.overriddenTo() != null && !outcome.overriddenTo().isBlank()
                ? outcome.overriddenTo().strip() : decided.model();
        Optional<CatalogModel> used = model == null ? Optional.empty() : catalog.byId(model);
        TokenCounts tokens = tokensKnown ? new TokenCounts(orZero(outcome.inputTokens()), 0, 0,
                orZero(outcome.outputTokens()), 0) : null;
        BigDecimal cost = outcome.costUsd();
        CostStatus status = CostStatus.KNOWN;
        if (cost == null) {
            cost = used.map(m -> m.costUsd(tokens.input(), 0, 0, tokens.output())).orElse(null);
            status = cost == null ? CostStatus.UNPRICED : CostStatus.KNOWN;
        }
        return Optional.of(new CostEntry(decisionId, decided.createdAt(), CostSource.OUTCOME, model,
                used.map(CatalogModel::provider).orElse(null), decided.task(), decided.profile(), decided.caller(),
                null, reportingKey(), tokens, decided.estimate(), cost, status));
    }

    private static long orZero(Integer v) {
        return v == null ? 0 : v;
    }

    private static Long reportingKey() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.getPrincipal() instanceof ApiKeyPrincipal key ? key.keyId() : null;
    }

    /**
     * Records what the gateway saw of models it called and relearns soon after. For a writer thread: it writes to
     * the database. Counts go into hourly rows per model and task; latencies are sampled at most once a second per
     * model, so the tables stay small at any traffic.
     */
    public void observe(java.util.List<Observation> observations) {
        if (observations.isEmpty()) {
            return;
        }
        java.util.Map<java.util.List<Object>, int[]> counts = new java.util.HashMap<>();
        for (Observation o : observations) {
            int[] c = counts.computeIfAbsent(java.util.List.of(o.model(), o.task(), o.observedAt() / HOUR_MILLIS),
                    k -> new int[2]);
            c[o.success() ? 0 : 1]++;
            if (o.latencyMs() != null) {
                long second = o.observedAt() / 1000;
                Long last = lastLatencySample.put(o.model(), second);
                if (last == null || last != second) {
                    jdbc.sql("INSERT INTO model_latency_sample (model, observed_at, latency_ms) VALUES (?, ?, ?)")
                            .params(o.model(), o.observedAt(), o.latencyMs()).update();
                }
            }
        }
        counts.forEach((key, c) -> jdbc.sql("""
                        INSERT INTO model_observation (model, task, hour, successes, failures) VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (model, task, hour) DO UPDATE SET successes = successes + excluded.successes,
                            failures = failures + excluded.failures""")
                .params(key.get(0), key.get(1), key.get(2), c[0], c[1]).update());
        history.recomputeSoon();
    }

    static final long HOUR_MILLIS = 3_600_000L;
    private final java.util.Map<String, Long> lastLatencySample = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Each model's record per task since {@code since}: the gateway's hourly observations plus reported outcomes
     * (with their ratings). An outcome reported for a call the gateway also observed counts twice here; both are
     * evidence about the same model and task, so the rates stay right while the counts may be larger.
     */
    @PermitAll
    public java.util.List<dev.routewise.spend.ModelTaskRecord> records(java.time.Instant since) {
        java.util.Map<java.util.List<String>, long[]> acc = new java.util.LinkedHashMap<>();
        jdbc.sql("SELECT model, task, sum(successes), sum(failures), 0, 0 FROM model_observation WHERE hour >= ? "
                        + "GROUP BY model, task")
                .param(since.toEpochMilli() / HOUR_MILLIS)
                .query((rs, n) -> addRecord(acc, rs)).list();
        jdbc.sql("SELECT model, task, sum(success), count(*) - sum(success), count(quality_rating), "
                        + "coalesce(sum(quality_rating), 0) FROM decision_outcome WHERE model IS NOT NULL "
                        + "AND reported_at >= ? GROUP BY model, task")
                .param(since.toEpochMilli())
                .query((rs, n) -> addRecord(acc, rs)).list();
        return acc.entrySet().stream().map(e -> new dev.routewise.spend.ModelTaskRecord(e.getKey().get(0), e.getKey().get(1),
                e.getValue()[0], e.getValue()[1], e.getValue()[2], e.getValue()[3])).toList();
    }

    private static long[] addRecord(java.util.Map<java.util.List<String>, long[]> acc, java.sql.ResultSet rs)
            throws java.sql.SQLException {
        long[] a = acc.computeIfAbsent(java.util.List.of(rs.getString(1), rs.getString(2)), k -> new long[4]);
        for (int i = 0; i < 4; i++) {
            a[i] += rs.getLong(3 + i);
        }
        return a;
    }

    /** Forgets the learned per-model history; answers for how many models it had an opinion. */
    @RolesAllowed(AppRoles.ADMIN)
    public int resetLearned() {
        return history.reset();
    }
}
