package dev.routewise.spend;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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

    private record WindowKey(long budgetId, long windowStart) {
    }

    BudgetService(JdbcClient jdbc, AuditService audit, Clock clock, SpendProperties properties,
                  PlatformTransactionManager transactions, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
        this.tx = new TransactionTemplate(transactions);
        this.audit = audit;
        this.clock = clock;
        this.zone = properties.timeZone();
        this.holdFactor = BigDecimal.ONE.add(properties.reserveMargin());
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
        audit.recordChange(AuditAction.BUDGETS_CHANGED, "budget " + id, before.describe(), after.describe());
        return after;
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public void delete(long id) {
        Budget before = get(id);
        jdbc.sql("DELETE FROM budget_spend WHERE budget_id = ?").param(id).update();
        jdbc.sql("DELETE FROM budget WHERE id = ?").param(id).update();
        audit.recordChange(AuditAction.BUDGETS_CHANGED, "budget " + id, before.describe(), null);
    }

    /** Every budget with its current window's spent, reserved and remaining amounts. */
    @PermitAll
    public List<BudgetStatus> status() {
        Instant now = clock.instant();
        List<BudgetStatus> result = new ArrayList<>();
        synchronized (lock) {
            for (Budget b : list()) {
                if (b.period() == BudgetPeriod.REQUEST) {
                    result.add(new BudgetStatus(b, null, BigDecimal.ZERO, BigDecimal.ZERO, b.limitUsd(), false));
                    continue;
                }
                long window = windowStart(b.period(), now);
                BigDecimal spent = spent(b.id(), window);
                BigDecimal held = reserved.getOrDefault(new WindowKey(b.id(), window), BigDecimal.ZERO);
                BigDecimal used = spent.add(held);
                result.add(new BudgetStatus(b, Instant.ofEpochMilli(window), spent, held,
                        b.limitUsd().subtract(used).max(BigDecimal.ZERO), used.compareTo(b.limitUsd()) >= 0));
            }
        }
        return result;
    }

    // ---- enforcement ----

    /**
     * Holds a call's cost on every budget that applies to the caller, before the upstream call.
     *
     * @throws BudgetExceededException when a {@code block} budget would pass its limit; nothing is held then
     * @return the reservation to settle or release; flagged {@code degrade} when a {@code degrade} budget would pass
     *         its limit (the call is admitted but should go to a cheaper profile, and its cost is still counted)
     */
    @PermitAll
    public Reservation reserve(Scope scope, BigDecimal estimatedUsd) {
        if (estimatedUsd == null || estimatedUsd.signum() < 0) {
            throw new InvalidInputException("estimatedUsd", "The estimated cost must be zero or more");
        }
        BigDecimal held = estimatedUsd.multiply(holdFactor);
        Instant now = clock.instant();
        synchronized (lock) {
            List<Budget> degradedBy = new ArrayList<>();
            List<Reservation.Hold> holds = new ArrayList<>();
            for (Budget b : list()) {
                if (!b.appliesTo(scope)) {
                    continue;
                }
                BigDecimal spent = BigDecimal.ZERO;
                BigDecimal inFlight = BigDecimal.ZERO;
                Long window = null;
                if (b.period() != BudgetPeriod.REQUEST) {
                    window = windowStart(b.period(), now);
                    spent = spent(b.id(), window);
                    inFlight = reserved.getOrDefault(new WindowKey(b.id(), window), BigDecimal.ZERO);
                }
                if (wouldExceed(b.limitUsd(), spent.add(inFlight), held)) {
                    if (b.policy() == BudgetPolicy.BLOCK) {
                        throw new BudgetExceededException(b, spent, inFlight, estimatedUsd);
                    }
                    degradedBy.add(b);
                }
                if (window != null) {
                    holds.add(new Reservation.Hold(b.id(), window, held));
                }
            }
            for (Reservation.Hold h : holds) {
                reserved.merge(new WindowKey(h.budgetId(), h.windowStart()), h.amountUsd(), BigDecimal::add);
            }
            Reservation r = new Reservation(UUID.randomUUID(), estimatedUsd, !degradedBy.isEmpty(), degradedBy, holds);
            open.put(r.id(), r);
            return r;
        }
    }

    /** The one admission rule: exhausted when {@code used >= limit}, refused when {@code used + amount > limit}. */
    static boolean wouldExceed(BigDecimal limit, BigDecimal used, BigDecimal amount) {
        return used.compareTo(limit) >= 0 || used.add(amount).compareTo(limit) > 0;
    }

    /**
     * Ends a call: releases what it held and adds its cost to each windowed budget's spend, in the window it was
     * reserved in. When the actual cost is unknown (null; e.g. a stream cut before its usage arrived) the estimate is
     * counted, because the provider most likely billed the call and counting nothing is how budgets get overshot.
     * Settling a reservation that was already settled or released does nothing.
     *
     * @return the warning thresholds this call's cost crossed; each is also published as an application event
     *         (listeners run on the settling thread and must only queue work)
     */
    @PermitAll
    public List<ThresholdCrossed> settle(Reservation reservation, BigDecimal actualUsd) {
        BigDecimal cost = actualUsd == null ? reservation.estimateUsd() : actualUsd.max(BigDecimal.ZERO);
        List<ThresholdCrossed> crossed = new ArrayList<>();
        synchronized (lock) {
            if (!unhold(reservation)) {
                return crossed;
            }
            // committed before the lock is let go, so the next reservation reads this spend
            tx.executeWithoutResult(status -> addSpend(reservation, cost, crossed));
        }
        crossed.forEach(events::publishEvent);
        return crossed;
    }

    private void addSpend(Reservation reservation, BigDecimal cost, List<ThresholdCrossed> crossed) {
        for (Reservation.Hold h : reservation.holds()) {
            Optional<Budget> budget = find(h.budgetId());
            if (budget.isEmpty()) {
                continue;
            }
            BigDecimal before = spent(h.budgetId(), h.windowStart());
            BigDecimal after = before.add(cost);
            jdbc.sql("""
                            INSERT INTO budget_spend (budget_id, window_start, spent_usd) VALUES (?, ?, ?)
                            ON CONFLICT (budget_id, window_start) DO UPDATE SET spent_usd = excluded.spent_usd""")
                    .params(h.budgetId(), h.windowStart(), after.toPlainString())
                    .update();
            Budget b = budget.get();
            for (BigDecimal t : b.warnAt()) {
                BigDecimal mark = b.limitUsd().multiply(t);
                if (before.compareTo(mark) < 0 && after.compareTo(mark) >= 0) {
                    crossed.add(new ThresholdCrossed(b, t, Instant.ofEpochMilli(h.windowStart()), after));
                }
            }
        }
    }

    /** Gives back what a call held when it never reached the provider. Releasing twice does nothing. */
    @PermitAll
    public void release(Reservation reservation) {
        synchronized (lock) {
            unhold(reservation);
        }
    }

    private boolean unhold(Reservation reservation) {
        if (open.remove(reservation.id()) == null) {
            return false;
        }
        for (Reservation.Hold h : reservation.holds()) {
            reserved.computeIfPresent(new WindowKey(h.budgetId(), h.windowStart()), (k, v) -> {
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

    private BigDecimal spent(long budgetId, long windowStart) {
        return jdbc.sql("SELECT spent_usd FROM budget_spend WHERE budget_id = ? AND window_start = ?")
                .params(budgetId, windowStart).query(String.class).optional().map(BigDecimal::new)
                .orElse(BigDecimal.ZERO);
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
                        + "and at most 1, e.g. [0.75, 0.9]");
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
