package dev.routewise.spend;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.base.db.BatchWriter;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Budget alerts: one per budget, window and threshold crossed, listed in the console and posted to the optional
 * webhook (docs/spend.md).
 *
 * <p>{@link BudgetService#settle} publishes {@link ThresholdCrossed} on the request thread of a gateway call, so the
 * listener only queues the event; one writer thread stores it with insert-or-ignore on the unique key (budget,
 * window, threshold) and, only when a row was inserted, publishes {@link AlertRaised} (the console's notifications)
 * and hands the alert to the webhook. A repeated event (a restart, a limit raised and crossed again in the same
 * window) therefore raises nothing.
 */
@Service
public class AlertService {

    /** The most alerts one page may hold. */
    public static final int MAX_PAGE = 500;

    private final JdbcClient jdbc;
    private final AlertWebhook webhook;
    private final ApplicationEventPublisher events;
    private final AuditService audit;
    private final Clock clock;
    private final BatchWriter<ThresholdCrossed> writer;

    AlertService(JdbcClient jdbc, AlertWebhook webhook, ApplicationEventPublisher events, AuditService audit,
                 Clock clock, AlertProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.webhook = webhook;
        this.events = events;
        this.audit = audit;
        this.clock = clock;
        this.writer = new BatchWriter<>("alert", "routewise.alerts", properties.queue(), 50, Duration.ofMillis(200),
                batch -> batch.forEach(this::raise), meters);
    }

    /** Queues a crossed threshold for the alert writer. Runs on the settling (request) thread: never blocks. */
    @EventListener
    public void onThresholdCrossed(ThresholdCrossed crossed) {
        writer.offer(crossed);
    }

    /** Stores the alert unless this threshold of this budget's window already has one; on the writer thread. */
    Optional<Alert> raise(ThresholdCrossed crossed) {
        Budget b = crossed.budget();
        String threshold = crossed.threshold().stripTrailingZeros().toPlainString();
        long window = crossed.windowStart().toEpochMilli();
        int inserted = jdbc.sql("""
                        INSERT INTO spend_alert (budget_id, budget_created_at, scope, period, window_start, threshold,
                            spent_usd, limit_usd, message, created_at, delivery)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (budget_id, budget_created_at, window_start, threshold) DO NOTHING""")
                .params(b.id(), b.createdAt().toEpochMilli(), scopeName(b), b.period().wire(), window, threshold,
                        crossed.spentUsd().toPlainString(), b.limitUsd().toPlainString(),
                        message(b, crossed.threshold(), crossed.spentUsd()), clock.millis(),
                        (webhook.active() ? AlertDelivery.PENDING : AlertDelivery.NONE).wire())
                .update();
        if (inserted == 0) {
            return Optional.empty();
        }
        Alert alert = jdbc.sql("""
                        SELECT * FROM spend_alert WHERE budget_id = ? AND budget_created_at = ? AND window_start = ?
                        AND threshold = ?""")
                .params(b.id(), b.createdAt().toEpochMilli(), window, threshold).query(AlertService::alert).single();
        if (alert.delivery() == AlertDelivery.PENDING) {
            webhook.deliver(alert);
        }
        events.publishEvent(new AlertRaised(alert));
        return Optional.of(alert);
    }

    // ---- reading ----

    /** Alerts newest first; only the unacknowledged ones when {@code openOnly}. */
    @PermitAll
    public AlertPage list(boolean openOnly, long offset, int limit) {
        if (offset < 0) {
            throw new InvalidInputException("offset", "Offsets start at 0");
        }
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "Ask for 1 to " + MAX_PAGE + " alerts at a time");
        }
        List<Alert> items = jdbc.sql("SELECT * FROM spend_alert" + where(openOnly)
                        + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?")
                .params(limit, offset).query(AlertService::alert).list();
        return new AlertPage(items, count(openOnly), offset, limit);
    }

    /** How many alerts there are; only the unacknowledged ones when {@code openOnly}. */
    @PermitAll
    public long count(boolean openOnly) {
        return jdbc.sql("SELECT count(*) FROM spend_alert" + where(openOnly)).query(Long.class).single();
    }

    @PermitAll
    public Alert get(long id) {
        return jdbc.sql("SELECT * FROM spend_alert WHERE id = ?").param(id).query(AlertService::alert).optional()
                .orElseThrow(() -> new NotFoundException("Alert", id));
    }

    private static String where(boolean openOnly) {
        return openOnly ? " WHERE acknowledged_at IS NULL" : "";
    }

    // ---- acknowledging ----

    /** Marks an alert as seen by the current user; acknowledging it again changes nothing. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Alert acknowledge(long id) {
        Alert alert = get(id);
        if (alert.open()) {
            jdbc.sql("UPDATE spend_alert SET acknowledged_at = ?, acknowledged_by = ? WHERE id = ?")
                    .params(clock.millis(), actor(), id).update();
        }
        return get(id);
    }

    // ---- the webhook ----

    /** The webhook's settings with its URL only as a masked hint. */
    @PermitAll
    public WebhookSettings webhook() {
        return webhook.settings();
    }

    /** Sets, replaces or removes the webhook URL and switches it on or off; audited with the hints only. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public WebhookSettings saveWebhook(WebhookInput input) {
        WebhookSettings before = webhook.settings();
        WebhookSettings after = webhook.save(input, actor());
        audit.recordChange(AuditAction.ALERTS_CHANGED, "alert webhook", describe(before), describe(after));
        return after;
    }

    /**
     * Posts a test message now, once, to {@code url} or (null or blank) the stored URL, and waits for the answer (at
     * most {@code routewise.alerts.timeout}): call it off the UI thread.
     */
    @RolesAllowed(AppRoles.OPERATOR)
    public WebhookResult testWebhook(String url) {
        return webhook.test(url);
    }

    private static String describe(WebhookSettings s) {
        return s.configured() ? s.urlHint() + (s.enabled() ? " enabled" : " disabled") : null;
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }

    // ---- wording and mapping ----

    /** Who a budget counts, as people read it. */
    static String scopeName(Budget b) {
        return switch (b.scope()) {
            case GLOBAL -> "Global";
            case TEAM -> "Team '" + b.scopeId() + "'";
            case KEY -> "API key " + b.scopeId();
            case USER -> "User '" + b.scopeId() + "'";
        };
    }

    /**
     * E.g. {@code Team 'ml' daily budget $10.00: 90 % used ($9.12)}, or for the whole limit
     * {@code Team 'ml' daily budget $10.00 exhausted ($10.05 spent)}.
     */
    static String message(Budget b, BigDecimal threshold, BigDecimal spent) {
        String head = scopeName(b) + " " + (b.period() == BudgetPeriod.MONTH ? "monthly" : "daily") + " budget "
                + usd(b.limitUsd());
        if (threshold.compareTo(BigDecimal.ONE) >= 0) {
            return head + " exhausted (" + usd(spent) + " spent)";
        }
        return head + ": " + threshold.movePointRight(2).stripTrailingZeros().toPlainString() + " % used ("
                + usd(spent) + ")";
    }

    /** Dollars to the cent, or to the last digit that matters below a dollar ($0.0035); the fields stay exact. */
    static String usd(BigDecimal amount) {
        BigDecimal plain = amount.stripTrailingZeros();
        return "$" + (plain.scale() <= 2 || amount.abs().compareTo(BigDecimal.ONE) >= 0
                ? amount.setScale(2, RoundingMode.HALF_UP) : plain).toPlainString();
    }

    static Alert alert(ResultSet rs, int row) throws SQLException {
        return new Alert(rs.getLong("id"), rs.getLong("budget_id"), rs.getString("scope"),
                BudgetPeriod.parse(rs.getString("period")), Instant.ofEpochMilli(rs.getLong("window_start")),
                new BigDecimal(rs.getString("threshold")), new BigDecimal(rs.getString("spent_usd")),
                new BigDecimal(rs.getString("limit_usd")), rs.getString("message"),
                Instant.ofEpochMilli(rs.getLong("created_at")), AlertWebhook.instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"), AlertDelivery.parse(rs.getString("delivery")),
                rs.getInt("attempts"), rs.getString("last_error"));
    }

    @PreDestroy
    void stop() throws InterruptedException {
        writer.close();
    }
}
