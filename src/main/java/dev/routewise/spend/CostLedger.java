package dev.routewise.spend;

import dev.routewise.base.db.BatchWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cost ledger: one entry per routing decision that cost (or may have cost) something, with daily and monthly
 * aggregates per model, provider, task, profile, user, team and API key, in {@code routewise.spend.time-zone}.
 *
 * <p>{@link #record} only queues: entries are written in batches by one writer thread, which also computes the
 * savings baselines and looks up missing estimates, so a request never waits on either. Entries and aggregates are
 * written in one transaction, so the aggregates always equal the sum of the entries. Money is exact: amounts are
 * stored as decimal text and added with BigDecimal, read and written back inside the writer's transaction.
 *
 * <p>One decision is never counted twice: a gateway entry replaces any entry of its decision (a client may have
 * reported the outcome of a call the gateway made, before the gateway's own record arrived), taking the old entry's
 * figures out of the aggregates; an outcome entry never replaces a gateway entry, and replaces an earlier outcome of
 * the same decision (a corrected report).
 */
@Component
public class CostLedger {

    private static final Logger log = LoggerFactory.getLogger(CostLedger.class);

    /** Entries waiting at most: a burst of 20,000 calls within one flush. */
    static final int QUEUE = 20_000;
    /** The aggregate dimensions, in key order; '' stands for none (SQL keys cannot hold NULL). */
    static final List<String> DIMENSIONS = List.of("model", "provider", "task", "profile", "user_name", "team",
            "api_key_id");
    /** The aggregate figures, in the order {@link #figures} reads them. */
    private static final String FIGURES = "calls, input_tokens, cached_input_tokens, cache_write_tokens, "
            + "output_tokens, reasoning_tokens, known_cost_usd, unknown_cost_calls, unknown_estimate_usd, "
            + "unestimated_calls, savings_calls, savings_actual_usd, top_model_usd, premium_usd";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final ZoneId zone;
    private final CostBaselines baselines;
    private final DecisionEstimates estimates;
    private final BatchWriter<CostEntry> writer;

    /**
     * Routing implements the baselines and estimates, and routing records outcomes here: they are looked up when the
     * writer first needs them, which breaks the cycle.
     */
    @Autowired
    CostLedger(JdbcClient jdbc, PlatformTransactionManager transactions, SpendProperties properties,
               ObjectProvider<CostBaselines> baselines, ObjectProvider<DecisionEstimates> estimates,
               MeterRegistry meters) {
        this(jdbc, transactions, properties, (profile, task, tokens) -> baselines.getObject().of(profile, task, tokens),
                ids -> estimates.getObject().of(ids), meters);
    }

    CostLedger(JdbcClient jdbc, PlatformTransactionManager transactions, SpendProperties properties,
               CostBaselines baselines, DecisionEstimates estimates, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.zone = properties.timeZone();
        this.baselines = baselines;
        this.estimates = estimates;
        this.writer = new BatchWriter<>("cost-ledger", "routewise.spend.ledger", QUEUE, 200, Duration.ofMillis(200),
                this::write, meters);
    }

    /** Queues an entry; never blocks. False (and counted as dropped) when the queue is full. */
    public boolean record(CostEntry entry) {
        return writer.offer(entry);
    }

    /** Entries lost since start because the queue was full or their batch failed to write. */
    public long droppedCount() {
        return writer.droppedCount();
    }

    /** The aggregates' key: a day ("2026-03-11") or month ("2026-03") and the dimensions. */
    record Key(String period, List<String> dimensions) {
    }

    /** An entry as stored, with the baselines it was written with. */
    private record Stored(CostEntry entry, CostBaselines.Baseline baseline) {
    }

    private void write(List<CostEntry> batch) {
        List<CostEntry> entries = withEstimates(batch);
        List<CostBaselines.Baseline> computed = new ArrayList<>(entries.size());
        for (CostEntry e : entries) {
            computed.add(baseline(e));
        }
        tx.executeWithoutResult(status -> {
            Map<Key, CostFigures> daily = new LinkedHashMap<>();
            Map<Key, CostFigures> monthly = new LinkedHashMap<>();
            for (int i = 0; i < entries.size(); i++) {
                CostEntry e = entries.get(i);
                Optional<Stored> existing = find(e.decisionId());
                if (existing.isPresent()) {
                    if (existing.get().entry().source() == CostSource.GATEWAY && e.source() == CostSource.OUTCOME) {
                        continue; // the gateway measured this call; the client's report adds nothing
                    }
                    CostFigures old = CostFigures.of(existing.get().entry(), existing.get().baseline());
                    add(daily, monthly, existing.get().entry(), CostFigures.ZERO.minus(old));
                    jdbc.sql("DELETE FROM cost_entry WHERE decision_id = ?").param(e.decisionId()).update();
                }
                insert(e, computed.get(i));
                add(daily, monthly, e, CostFigures.of(e, computed.get(i)));
            }
            daily.forEach((key, delta) -> apply("cost_daily", "day", key, delta));
            monthly.forEach((key, delta) -> apply("cost_monthly", "month", key, delta));
        });
    }

    /** Entries without an estimate get their decision's, when routing logged one. */
    private List<CostEntry> withEstimates(List<CostEntry> batch) {
        List<String> missing = batch.stream().filter(e -> e.estimatedCostUsd() == null).map(CostEntry::decisionId)
                .toList();
        if (missing.isEmpty()) {
            return batch;
        }
        Map<String, BigDecimal> found;
        try {
            found = estimates.of(missing);
        } catch (RuntimeException ex) {
            log.warn("Could not look up the estimates of {} decisions; their unknown costs have no estimate",
                    missing.size(), ex);
            found = Map.of();
        }
        List<CostEntry> filled = new ArrayList<>(batch.size());
        for (CostEntry e : batch) {
            BigDecimal estimate = e.estimatedCostUsd() == null ? found.get(e.decisionId()) : null;
            filled.add(estimate == null ? e : e.withEstimate(estimate));
        }
        return filled;
    }

    private CostBaselines.Baseline baseline(CostEntry e) {
        if (e.tokens() == null) {
            return CostBaselines.Baseline.NONE;
        }
        try {
            return baselines.of(e.profile(), e.task(), e.tokens());
        } catch (RuntimeException ex) {
            log.warn("Could not compute the savings baselines of decision {}", e.decisionId(), ex);
            return CostBaselines.Baseline.NONE;
        }
    }

    private void add(Map<Key, CostFigures> daily, Map<Key, CostFigures> monthly, CostEntry e, CostFigures delta) {
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(e.createdAt()), zone);
        List<String> dims = dimensions(e);
        daily.merge(new Key(day.toString(), dims), delta, CostFigures::plus);
        monthly.merge(new Key(YearMonth.from(day).toString(), dims), delta, CostFigures::plus);
    }

    static List<String> dimensions(CostEntry e) {
        return List.of(orEmpty(e.model()), orEmpty(e.provider()), orEmpty(e.task()), orEmpty(e.profile()),
                orEmpty(e.user()), orEmpty(e.team()), e.apiKeyId() == null ? "" : e.apiKeyId().toString());
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Adds a delta to one aggregate row, read and written back in the writer's transaction. */
    private void apply(String table, String periodColumn, Key key, CostFigures delta) {
        String where = periodColumn + " = ? AND " + String.join(" = ? AND ", DIMENSIONS) + " = ?";
        List<Object> keyParams = new ArrayList<>();
        keyParams.add(key.period());
        keyParams.addAll(key.dimensions());
        CostFigures before = jdbc.sql("SELECT " + FIGURES + " FROM " + table + " WHERE " + where)
                .params(keyParams).query((rs, n) -> figures(rs)).optional().orElse(CostFigures.ZERO);
        CostFigures after = before.plus(delta);
        if (after.calls() <= 0) {
            jdbc.sql("DELETE FROM " + table + " WHERE " + where).params(keyParams).update();
            return;
        }
        String columns = periodColumn + ", " + String.join(", ", DIMENSIONS) + ", " + FIGURES;
        String[] figureColumns = FIGURES.split(", ");
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns)
                .append(") VALUES (").append("?, ".repeat(1 + DIMENSIONS.size() + figureColumns.length - 1))
                .append("?) ON CONFLICT (").append(periodColumn).append(", ").append(String.join(", ", DIMENSIONS))
                .append(") DO UPDATE SET ");
        for (int i = 0; i < figureColumns.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(figureColumns[i]).append(" = excluded.").append(figureColumns[i]);
        }
        List<Object> params = new ArrayList<>(keyParams);
        TokenCounts t = after.tokens();
        params.addAll(List.of(after.calls(), t.input(), t.cachedInput(), t.cacheWrite(), t.output(), t.reasoning(),
                plain(after.knownCostUsd()), after.unknownCostCalls(),
                plain(after.unknownEstimateUsd()), after.unestimatedCalls(), after.savingsCalls(),
                plain(after.savingsActualUsd()), plain(after.topModelUsd()),
                plain(after.premiumUsd())));
        jdbc.sql(sql.toString()).params(params).update();
    }

    /** Reads the figure columns of an aggregate row, in {@link #FIGURES} order. */
    static CostFigures figures(ResultSet rs) throws SQLException {
        return new CostFigures(rs.getLong("calls"), new TokenCounts(rs.getLong("input_tokens"),
                rs.getLong("cached_input_tokens"), rs.getLong("cache_write_tokens"), rs.getLong("output_tokens"),
                rs.getLong("reasoning_tokens")), decimal(rs, "known_cost_usd"), rs.getLong("unknown_cost_calls"),
                decimal(rs, "unknown_estimate_usd"), rs.getLong("unestimated_calls"), rs.getLong("savings_calls"),
                decimal(rs, "savings_actual_usd"), decimal(rs, "top_model_usd"), decimal(rs, "premium_usd"));
    }

    private static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        String v = rs.getString(column);
        return v == null ? null : new BigDecimal(v);
    }

    private Optional<Stored> find(String decisionId) {
        return jdbc.sql("SELECT * FROM cost_entry WHERE decision_id = ?").param(decisionId)
                .query((rs, n) -> stored(rs)).optional();
    }

    private void insert(CostEntry e, CostBaselines.Baseline b) {
        TokenCounts t = e.tokens();
        jdbc.sql("""
                        INSERT INTO cost_entry (decision_id, created_at, source, model, provider, task, profile,
                            user_name, team, api_key_id, input_tokens, cached_input_tokens, cache_write_tokens,
                            output_tokens, reasoning_tokens, estimated_cost_usd, actual_cost_usd, cost_status,
                            top_model, top_model_usd, premium_model, premium_usd)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.decisionId(), e.createdAt(), e.source().wire(), e.model(), e.provider(), e.task(),
                        e.profile(), e.user(), e.team(), e.apiKeyId(), t == null ? null : t.input(),
                        t == null ? null : t.cachedInput(), t == null ? null : t.cacheWrite(),
                        t == null ? null : t.output(), t == null ? null : t.reasoning(), plain(e.estimatedCostUsd()),
                        plain(e.actualCostUsd()), e.status().wire(), b.topModel(), plain(b.topCostUsd()),
                        b.premiumModel(), plain(b.premiumCostUsd()))
                .update();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        long keyId = rs.getLong("api_key_id");
        Long apiKeyId = rs.wasNull() ? null : keyId;
        long input = rs.getLong("input_tokens");
        TokenCounts tokens = rs.wasNull() ? null : new TokenCounts(input, rs.getLong("cached_input_tokens"),
                rs.getLong("cache_write_tokens"), rs.getLong("output_tokens"), rs.getLong("reasoning_tokens"));
        CostEntry entry = new CostEntry(rs.getString("decision_id"), rs.getLong("created_at"),
                CostSource.parse(rs.getString("source")), rs.getString("model"), rs.getString("provider"),
                rs.getString("task"), rs.getString("profile"), rs.getString("user_name"), rs.getString("team"),
                apiKeyId, tokens, decimal(rs, "estimated_cost_usd"), decimal(rs, "actual_cost_usd"),
                CostStatus.parse(rs.getString("cost_status")));
        return new Stored(entry, new CostBaselines.Baseline(rs.getString("top_model"), decimal(rs, "top_model_usd"),
                rs.getString("premium_model"), decimal(rs, "premium_usd")));
    }

    /** Exact decimal text without trailing zeros ("0.2", not "0.200000"). */
    private static String plain(BigDecimal d) {
        return d == null ? null : d.stripTrailingZeros().toPlainString();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.close();
    }
}
