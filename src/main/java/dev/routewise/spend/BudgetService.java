package dev.routewise.spend;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import dev.routewise.base.db.BatchWriter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Budgets: their configuration, and their enforcement for the gateway.
 *
 * <p>Enforcement reserves a call's cost before the upstream call and settles the actual cost after it. The rule is
 * the same in every scope and period: a budget is <em>exhausted</em> when {@code spent + reserved >= limit}, and a
 * call is admitted only when {@code spent + reserved + held <= limit} for every budget that applies, where
 * {@code held} is the estimate plus {@code routewise.spend.reserve-margin}. An exhausted budget therefore admits
 * nothing (not even a call estimated at zero). For {@code request} budgets spent and reserved are zero: the
 * estimate alone is compared. Checking and reserving every budget happen under one lock, so concurrent calls cannot
 * together pass a limit; a budget can only overshoot by what calls cost beyond what they held. Reservations live in
 * memory (they last one call) and settled spend is persisted; one lock per process means several instances sharing
 * a database do not yet coordinate reservations.
 */
@Service
public class BudgetService {

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final ZoneId zone;
    private final BigDecimal holdFactor;
    private final TransactionTemplate tx;
    private final ApplicationEventPublisher events;
    private final Object lock = new Object();
    /** Amounts held per budget window, guarded by {@link #lock}. */
    private final Map<WindowKey, BigDecimal> reserved = new HashMap<>();
    /** Reservations not yet settled or released, guarded by {@link #lock}. */
    private final Map<UUID, Reservation> open = new HashMap<>();
    /** Settled spend of the windows in use, guarded by {@link #lock}; the database follows via {@link #writer}. */
    private final Map<WindowKey, BigDecimal> spent = new HashMap<>();
    /** Thresholds already published, so each is announced once per window; guarded by {@link #lock}. */
    private final Set<Announced> announced = new HashSet<>();
    private final BatchWriter<SpendWrite> writer;
    private volatile List<Budget> cached;
    private final java.util.concurrent.atomic.AtomicLong ids = new java.util.concurrent.atomic.AtomicLong();

    /**
     * One budget's window. The budget is named by id and creation time: SQLite may give a deleted budget's id to the
     * next one, and nothing held or spent on the old one may count on the new one.
     */
    private record WindowKey(long budgetId, long budgetCreatedAt, long windowStart) {
    }

    private static WindowKey key(Budget b, long windowStart) {
        return new WindowKey(b.id(), created(b), windowStart);
    }

    private static WindowKey key(Reservation.Hold h) {
        return new WindowKey(h.budgetId(), h.budgetCreatedAt(), h.windowStart());
    }

    private static long created(Budget b) {
        return b.createdAt().toEpochMilli();
    }

    private record Announced(long budgetId, long windowStart, BigDecimal threshold) {
    }

    BudgetService(JdbcClient jdbc, AuditService audit, Clock clock, SpendProperties properties,
                  PlatformTransactionManager transactions, ApplicationEventPublisher events, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.clock = clock;
        this.zone = properties.timeZone();
        this.holdFactor = BigDecimal.ONE.add(properties.reserveMargin());
        this.writer = new BatchWriter<>("budget-spend", "routewise.spend.budget-writes", 10_000, 500,
                Duration.ofMillis(100), this::persist, meters);
    }

    // ---- configuration ----

    @PermitAll
    public List<Budget> list() {
        return jdbc.sql("SELECT * FROM budget ORDER BY id").query(BudgetService::budget).list();
    }

    @PermitAll
    public Budget get(long id) {
        return find(id).orElseThrow(() -> new NotFoundException("Budget", id));
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Budget create(BudgetDraft draft) {
        Valid v = validate(draft, null);
        long now = clock.millis();
        jdbc.sql("""
                        INSERT INTO budget (scope, scope_id, period, limit_usd, policy, warn_at, created_at, updated_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(v.scope.wire(), v.scopeId, v.period.wire(), v.limit.toPlainString(), v.policy.wire(),
                        warnAtText(v.warnAt), now, now)
                .update();
        long id = jdbc.sql("SELECT max(id) FROM budget").query(Long.class).single();
        Budget created = get(id);
        invalidate();
        audit.recordChange(AuditAction.BUDGETS_CHANGED, "budget " + id, null, created.describe());
        return created;
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Budget update(long id, BudgetDraft draft) {
        Budget before = get(id);
        Valid v = validate(draft, id);
        jdbc.sql("""
                        UPDATE budget SET scope = ?, scope_id = ?, period = ?, limit_usd = ?, policy = ?, warn_at = ?,
                        updated_at = ? WHERE id = ?""")
                .params(v.scope.wire(), v.scopeId, v.period.wire(), v.limit.toPlainString(), v.policy.wire(),
                        warnAtText(v.warnAt), clock.millis(), id)
                .update();
        Budget after = get(id);
        invalidate();
        audit.recordChange(AuditAction.BUDGETS_CHANGED, "budget " + id, before.describe(), after.describe());
        return after;
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public void delete(long id) {
        Budget before = get(id);
        jdbc.sql("DELETE FROM budget_spend WHERE budget_id = ?").param(id).update();
        jdbc.sql("DELETE FROM budget WHERE id = ?").param(id).update();
        invalidate();
        synchronized (lock) {
            // SQLite may give the next budget this id: nothing of this one may carry over to it
            spent.keySet().removeIf(k -> k.budgetId() == id);
            reserved.keySet().removeIf(k -> k.budgetId() == id);
            announced.removeIf(a -> a.budgetId() == id);
        }
        audit.recordChange(AuditAction.BUDGETS_CHANGED, "budget " + id, before.describe(), null);
    }

    /** Every budget with its current window's spent, reserved and remaining amounts. */
    @PermitAll
    public List<BudgetStatus> status() {
        Instant now = clock.instant();
        List<BudgetStatus> result = new ArrayList<>();
        synchronized (lock) {
            for (Budget b : active()) {
                if (b.period() == BudgetPeriod.REQUEST) {
                    result.add(new BudgetStatus(b, null, BigDecimal.ZERO, BigDecimal.ZERO, b.limitUsd(), false));
                    continue;
                }
                long window = windowStart(b.period(), now);
                BigDecimal spent = spentIn(key(b, window));
                BigDecimal held = reserved.getOrDefault(key(b, window), BigDecimal.ZERO);
                BigDecimal used = spent.add(held);
                result.add(new BudgetStatus(b, Instant.ofEpochMilli(window), spent, held,
                        b.limitUsd().subtract(used).max(BigDecimal.ZERO), used.compareTo(b.limitUsd()) >= 0));
            }
        }
        return result;
    }

    // ---- enforcement ----

    /** The budgets, cached for enforcement: a gateway call must not read the database. Null until loaded. */
    private List<Budget> active() {
        List<Budget> b = cached;
        if (b == null) {
            synchronized (lock) {
                b = cached;
                if (b == null) {
                    b = List.copyOf(list());
                    cached = b;
                }
            }
        }
        return b;
    }

    /** Drops the cached budgets now and again when the changing transaction commits. */
    private void invalidate() {
        cached = null;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    cached = null;
                }
            });
        }
    }

    /**
     * Holds a call's cost on every budget that applies to the caller, before the upstream call. Reads no database
     * once the budgets and the current windows' spend are loaded.
     *
     * @throws BudgetExceededException when a {@code block} budget would pass its limit; nothing is held then
     * @return the reservation to settle or release; flagged {@code degrade} when a {@code degrade} budget would pass
     *         its limit (the call is admitted but should go to a cheaper profile, and its cost is still counted)
     */
    @PermitAll
    public Reservation reserve(Scope scope, BigDecimal estimatedUsd) {
        checkEstimate(estimatedUsd);
        List<Budget> all = active();
        if (!anyAppliesTo(all, scope)) {
            // the common case without budgets: no lock, nothing to track, settling it does nothing
            return Reservation.untracked(scope, estimatedUsd);
        }
        Instant now = clock.instant();
        synchronized (lock) {
            List<Budget> degradedBy = new ArrayList<>();
            List<Reservation.Hold> holds = new ArrayList<>();
            BigDecimal held = estimatedUsd.multiply(holdFactor);
            for (Budget b : all) {
                if (!b.appliesTo(scope)) {
                    continue;
                }
                Long window = b.period() == BudgetPeriod.REQUEST ? null : windowStart(b.period(), now);
                if (admit(b, window, held, estimatedUsd)) {
                    degradedBy.add(b);
                }
                if (window != null) {
                    holds.add(new Reservation.Hold(b.id(), created(b), window, held));
                }
            }
            holds.forEach(h -> reserved.merge(key(h), h.amountUsd(), BigDecimal::add));
            Reservation r = new Reservation(new UUID(1, ids.incrementAndGet()), scope, estimatedUsd,
                    !degradedBy.isEmpty(), degradedBy, holds);
            open.put(r.id(), r);
            return r;
        }
    }

    /**
     * Raises what a call holds to a larger estimate, before it tries a pricier model of its fallback chain (or a
     * second model after a cascade's first answer). Checked by the same rule as {@link #reserve}, counting only
     * the increase; a smaller estimate changes nothing.
     *
     * @throws BudgetExceededException when a {@code block} budget cannot take the increase; the reservation keeps
     *         what it held
     * @return the reservation to settle or release from now on
     */
    @PermitAll
    public Reservation raise(Reservation reservation, BigDecimal estimatedUsd) {
        checkEstimate(estimatedUsd);
        if (estimatedUsd.compareTo(reservation.estimateUsd()) <= 0) {
            return reservation;
        }
        if (reservation.untracked()) {
            return reserve(reservation.scope(), estimatedUsd);
        }
        BigDecimal extra = estimatedUsd.subtract(reservation.estimateUsd()).multiply(holdFactor);
        List<Budget> all = active();
        synchronized (lock) {
            Reservation current = open.get(reservation.id());
            if (current == null) {
                return reservation;
            }
            List<Budget> degradedBy = new ArrayList<>(current.degradedBy());
            List<Reservation.Hold> holds = new ArrayList<>();
            for (Budget b : all) {
                Reservation.Hold h = current.holds().stream().filter(x -> x.budgetId() == b.id()
                        && x.budgetCreatedAt() == created(b)).findFirst().orElse(null);
                boolean request = b.period() == BudgetPeriod.REQUEST;
                if (h == null && !request || request && !b.appliesTo(current.scope())) {
                    continue;
                }
                BigDecimal amount = request ? estimatedUsd.multiply(holdFactor) : extra;
                if (admit(b, h == null ? null : h.windowStart(), amount, estimatedUsd) && !degradedBy.contains(b)) {
                    degradedBy.add(b);
                }
                if (h != null) {
                    holds.add(new Reservation.Hold(b.id(), created(b), h.windowStart(), h.amountUsd().add(extra)));
                }
            }
            for (Reservation.Hold h : holds) {
                reserved.merge(key(h), extra, BigDecimal::add);
            }
            Reservation raised = new Reservation(current.id(), current.scope(), estimatedUsd, !degradedBy.isEmpty(),
                    degradedBy, holds);
            open.put(raised.id(), raised);
            return raised;
        }
    }

    /**
     * Whether {@code amount} more fits budget {@code b}; must hold {@link #lock}. A {@code block} budget that cannot
     * take it throws (and raises its exhausted alert once per window); a {@code degrade} budget answers true.
     */
    private boolean admit(Budget b, Long window, BigDecimal amount, BigDecimal estimate) {
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal inFlight = BigDecimal.ZERO;
        if (window != null) {
            WindowKey key = key(b, window);
            spent = spentIn(key);
            inFlight = reserved.getOrDefault(key, BigDecimal.ZERO);
        }
        if (!wouldExceed(b.limitUsd(), spent.add(inFlight), amount)) {
            return false;
        }
        if (window != null) {
            announce(b, BigDecimal.ONE, window, spent);
        }
        if (b.policy() == BudgetPolicy.BLOCK) {
            throw new BudgetExceededException(b, spent, inFlight, estimate);
        }
        return true;
    }

    private static boolean anyAppliesTo(List<Budget> all, Scope scope) {
        for (Budget b : all) {
            if (b.appliesTo(scope)) {
                return true;
            }
        }
        return false;
    }

    private static void checkEstimate(BigDecimal estimatedUsd) {
        if (estimatedUsd == null || estimatedUsd.signum() < 0) {
            throw new InvalidInputException("estimatedUsd", "The estimated cost must be zero or more");
        }
    }

    /** The one admission rule: exhausted when {@code used >= limit}, refused when {@code used + amount > limit}. */
    static boolean wouldExceed(BigDecimal limit, BigDecimal used, BigDecimal amount) {
        return used.compareTo(limit) >= 0 || used.add(amount).compareTo(limit) > 0;
    }

    /**
     * Ends a call: releases what it held and adds its cost to each windowed budget's spend, in the window it was
     * reserved in. The spend counts at once (in memory, for the next reservation) and is written to the database by
     * a background writer, so settling never waits on SQLite. When the actual cost is unknown (null; e.g. a stream
     * cut before its usage arrived) the estimate is counted, because the provider most likely billed the call and
     * counting nothing is how budgets get overshot. Settling a reservation that was already settled or released does
     * nothing.
     *
     * @return the warning thresholds this call's cost crossed (a budget's limit counts as threshold 1); each is also
     *         published once per window as an application event (listeners run on the settling thread and must only
     *         queue work)
     */
    @PermitAll
    public List<ThresholdCrossed> settle(Reservation reservation, BigDecimal actualUsd) {
        if (reservation.untracked()) {
            return List.of();
        }
        List<ThresholdCrossed> crossed = new ArrayList<>();
        synchronized (lock) {
            Reservation current = open.get(reservation.id());
            if (current == null || !unhold(current)) {
                return crossed;
            }
            BigDecimal cost = actualUsd == null ? current.estimateUsd() : actualUsd.max(BigDecimal.ZERO);
            Map<Long, Budget> byId = new HashMap<>();
            active().forEach(b -> byId.put(b.id(), b));
            for (Reservation.Hold h : current.holds()) {
                Budget b = byId.get(h.budgetId());
                if (b == null || created(b) != h.budgetCreatedAt()) {
                    continue; // deleted since the call was reserved
                }
                WindowKey key = key(h);
                BigDecimal before = spentIn(key);
                BigDecimal after = before.add(cost);
                spent.put(key, after);
                SpendWrite write = new SpendWrite(key, after);
                if (!writer.offer(write)) {
                    persist(List.of(write));
                }
                for (BigDecimal t : thresholds(b)) {
                    BigDecimal mark = b.limitUsd().multiply(t);
                    if (before.compareTo(mark) < 0 && after.compareTo(mark) >= 0) {
                        ThresholdCrossed c = announce(b, t, h.windowStart(), after);
                        if (c != null) {
                            crossed.add(c);
                        }
                    }
                }
            }
        }
        return crossed;
    }

    private static List<BigDecimal> thresholds(Budget b) {
        boolean hasLimit = b.warnAt().stream().anyMatch(t -> t.compareTo(BigDecimal.ONE) == 0);
        if (hasLimit) {
            return b.warnAt();
        }
        List<BigDecimal> all = new ArrayList<>(b.warnAt());
        all.add(BigDecimal.ONE);
        return all;
    }

    /** Publishes a crossed threshold the first time it is seen in its window; null when it was seen before. */
    private ThresholdCrossed announce(Budget b, BigDecimal threshold, long window, BigDecimal spentUsd) {
        if (!announced.add(new Announced(b.id(), window, threshold.stripTrailingZeros()))) {
            return null;
        }
        ThresholdCrossed c = new ThresholdCrossed(b, threshold, Instant.ofEpochMilli(window), spentUsd);
        events.publishEvent(c);
        return c;
    }

    /** Gives back what a call held when it never reached the provider. Releasing twice does nothing. */
    @PermitAll
    public void release(Reservation reservation) {
        if (reservation.untracked()) {
            return;
        }
        synchronized (lock) {
            Reservation current = open.get(reservation.id());
            if (current != null) {
                unhold(current);
            }
        }
    }

    private boolean unhold(Reservation reservation) {
        if (open.remove(reservation.id()) == null) {
            return false;
        }
        for (Reservation.Hold h : reservation.holds()) {
            reserved.computeIfPresent(key(h), (k, v) -> {
                BigDecimal left = v.subtract(h.amountUsd());
                return left.signum() <= 0 ? null : left;
            });
        }
        return true;
    }

    /** The first instant of the calendar day or month that contains {@code now}, in the configured zone. */
    long windowStart(BudgetPeriod period, Instant now) {
        ZonedDateTime day = now.atZone(zone).toLocalDate().atStartOfDay(zone);
        ZonedDateTime start = period == BudgetPeriod.MONTH ? day.withDayOfMonth(1).toLocalDate().atStartOfDay(zone)
                : day;
        return start.toInstant().toEpochMilli();
    }

    /** A window's settled spend: from memory, read once from the database per window; must hold {@link #lock}. */
    private BigDecimal spentIn(WindowKey key) {
        BigDecimal s = spent.get(key);
        if (s == null) {
            s = jdbc.sql("SELECT spent_usd FROM budget_spend WHERE budget_id = ? AND window_start = ?")
                    .params(key.budgetId(), key.windowStart()).query(String.class).optional().map(BigDecimal::new)
                    .orElse(BigDecimal.ZERO);
            // a new window: the budget's older windows are done and need not stay in memory
            spent.keySet().removeIf(k -> k.budgetId() == key.budgetId()
                    && (k.budgetCreatedAt() != key.budgetCreatedAt() || k.windowStart() < key.windowStart())
                    && !reserved.containsKey(k));
            spent.put(key, s);
        }
        return s;
    }

    /** A window's spend as it stands, for the background writer. */
    private record SpendWrite(WindowKey window, BigDecimal spentUsd) {
    }

    /** Writes the newest spend of each window in the batch; a deleted budget's late writes are dropped. */
    private void persist(List<SpendWrite> batch) {
        Map<WindowKey, SpendWrite> newest = new LinkedHashMap<>();
        batch.forEach(w -> newest.put(w.window(), w));
        tx.executeWithoutResult(status -> newest.values().forEach(w -> jdbc.sql("""
                        INSERT INTO budget_spend (budget_id, window_start, spent_usd)
                        SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM budget WHERE id = ? AND created_at = ?)
                        ON CONFLICT (budget_id, window_start) DO UPDATE SET spent_usd = excluded.spent_usd""")
                .params(w.window().budgetId(), w.window().windowStart(), w.spentUsd().toPlainString(),
                        w.window().budgetId(), w.window().budgetCreatedAt())
                .update()));
    }

    /** Writes what is still queued; on shutdown, and for tests that read the table. */
    @PreDestroy
    void close() throws InterruptedException {
        writer.close();
    }

    private Optional<Budget> find(long id) {
        return jdbc.sql("SELECT * FROM budget WHERE id = ?").param(id).query(BudgetService::budget).optional();
    }

    // ---- validation and mapping ----

    private record Valid(BudgetScope scope, String scopeId, BudgetPeriod period, BigDecimal limit,
                         BudgetPolicy policy, List<BigDecimal> warnAt) {
    }

    private Valid validate(BudgetDraft draft, Long id) {
        if (draft == null) {
            throw new InvalidInputException("scope", "Send a budget: {\"scope\": \"global\", \"period\": \"day\", "
                    + "\"limitUsd\": 10.00, \"policy\": \"block\"}");
        }
        BudgetScope scope = BudgetScope.parse(draft.scope());
        String scopeId = draft.scopeId() == null || draft.scopeId().isBlank() ? null : draft.scopeId().trim();
        if (scope == BudgetScope.GLOBAL && scopeId != null) {
            throw new InvalidInputException("scopeId", "A global budget has no scopeId");
        }
        if (scope != BudgetScope.GLOBAL && scopeId == null) {
            throw new InvalidInputException("scopeId", "A " + scope.wire() + " budget needs a scopeId (the "
                    + switch (scope) {
                        case TEAM -> "team name";
                        case KEY -> "API key id";
                        default -> "user name";
                    } + ")");
        }
        if (scope == BudgetScope.KEY && !scopeId.matches("\\d{1,18}")) {
            throw new InvalidInputException("scopeId", "A key budget's scopeId is the API key's numeric id");
        }
        BudgetPeriod period = BudgetPeriod.parse(draft.period());
        BigDecimal limit = draft.limitUsd();
        if (limit == null || limit.signum() <= 0) {
            throw new InvalidInputException("limitUsd", "The limit must be a positive amount in USD");
        }
        BudgetPolicy policy = BudgetPolicy.parse(draft.policy());
        TreeSet<BigDecimal> warnAt = new TreeSet<>();
        for (BigDecimal t : draft.warnAt() == null ? List.<BigDecimal>of() : draft.warnAt()) {
            if (t == null || t.signum() <= 0 || t.compareTo(BigDecimal.ONE) > 0) {
                throw new InvalidInputException("warnAt", "Warning thresholds are fractions of the limit above 0 "
                        + "and at most 1 (100 %), e.g. [0.75, 0.9] for 75 % and 90 %");
            }
            if (!warnAt.add(t.stripTrailingZeros())) {
                throw new InvalidInputException("warnAt", "Warning threshold " + t.toPlainString() + " is listed twice");
            }
        }
        boolean duplicate = list().stream().anyMatch(b -> (id == null || b.id() != id) && b.scope() == scope
                && Objects.equals(b.scopeId(), scopeId) && b.period() == period);
        if (duplicate) {
            throw new InvalidInputException("period", "There is already a " + period.wire() + " budget for "
                    + scope.wire() + (scopeId == null ? "" : " '" + scopeId + "'") + "; change that one instead");
        }
        return new Valid(scope, scopeId, period, limit, policy, List.copyOf(warnAt));
    }

    private static String warnAtText(List<BigDecimal> warnAt) {
        return warnAt.stream().map(BigDecimal::toPlainString).collect(Collectors.joining(",", "[", "]"));
    }

    private static List<BigDecimal> warnAtList(String text) {
        String inner = text.trim();
        inner = inner.substring(1, inner.length() - 1).trim();
        if (inner.isEmpty()) {
            return List.of();
        }
        List<BigDecimal> values = new ArrayList<>();
        for (String part : inner.split(",")) {
            values.add(new BigDecimal(part.trim()));
        }
        return values;
    }

    private static Budget budget(ResultSet rs, int row) throws SQLException {
        return new Budget(rs.getLong("id"), BudgetScope.parse(rs.getString("scope")), rs.getString("scope_id"),
                BudgetPeriod.parse(rs.getString("period")), new BigDecimal(rs.getString("limit_usd")),
                BudgetPolicy.parse(rs.getString("policy")), warnAtList(rs.getString("warn_at")),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }
}
