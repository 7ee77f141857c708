package dev.routewise.spend;

import dev.routewise.base.HttpUrls;
import dev.routewise.base.InvalidInputException;
import dev.routewise.security.SecretBox;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one alert webhook: its URL stored encrypted ({@link SecretBox}), and the posts to it. Posts run on one
 * scheduler thread, never on a request or UI thread; retries wait on that scheduler instead of sleeping, so an alert
 * raised meanwhile is not held up. The body is what Slack's incoming webhooks accept ({@code {"text": ...}}) plus
 * the alert as a structured {@code "alert"} object for other receivers.
 */
@Component
class AlertWebhook {

    private static final Logger log = LoggerFactory.getLogger(AlertWebhook.class);
    private static final String PURPOSE = "alert-webhook:url";
    static final String TEST_TEXT = "Routewise test message: budget alerts will be posted here.";
    private static final int MAX_ERROR = 300;

    private final JdbcClient jdbc;
    private final SecretBox secrets;
    private final AlertProperties properties;
    private final Clock clock;
    private final HttpClient http;
    private final JsonMapper json = JsonMapper.builder().build();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("alert-webhook").factory());

    AlertWebhook(JdbcClient jdbc, SecretBox secrets, AlertProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.secrets = secrets;
        this.properties = properties;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    // ---- configuration ----

    WebhookSettings settings() {
        return jdbc.sql("SELECT * FROM alert_webhook WHERE id = 1").query(AlertWebhook::webhookRow).optional()
                .orElse(new WebhookSettings(false, null, false, null, null, null, null, null, null));
    }

    /** Applies a change; returns the settings before and after, for the audit log. */
    WebhookSettings save(WebhookInput input, String actor) {
        if (input == null) {
            throw new InvalidInputException("url",
                    "Send {\"url\": \"https://hooks.slack.com/services/...\", \"enabled\": true}");
        }
        WebhookSettings before = settings();
        String cipher = storedCipher().orElse(null);
        String hint = before.urlHint();
        if (input.url() != null) {
            if (input.url().isBlank()) {
                cipher = null;
                hint = null;
            } else {
                String url = HttpUrls.require("url", input.url()).toString();
                cipher = secrets.encrypt(url, PURPOSE);
                hint = SecretBox.mask(url);
            }
        }
        boolean enabled = input.enabled() != null ? input.enabled() : !before.configured() || before.enabled();
        jdbc.sql("""
                        INSERT INTO alert_webhook (id, url_cipher, url_hint, enabled, updated_at, updated_by)
                        VALUES (1, ?, ?, ?, ?, ?)
                        ON CONFLICT (id) DO UPDATE SET url_cipher = excluded.url_cipher, url_hint = excluded.url_hint,
                        enabled = excluded.enabled, updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(cipher, hint, enabled ? 1 : 0, clock.millis(), actor).update();
        return settings();
    }

    /** True when alerts raised now will be posted. */
    boolean active() {
        return activeUrl().isPresent();
    }

    private Optional<String> storedCipher() {
        return jdbc.sql("SELECT url_cipher FROM alert_webhook WHERE id = 1").query(String.class).optional();
    }

    private Optional<String> activeUrl() {
        return jdbc.sql("SELECT url_cipher FROM alert_webhook WHERE id = 1 AND enabled = 1 AND url_cipher IS NOT NULL")
                .query(String.class).optional().map(c -> secrets.decrypt(c, PURPOSE));
    }

    // ---- delivery ----

    /** Posts a new alert off the caller's thread, with retries; its delivery status is kept on the alert. */
    void deliver(Alert alert) {
        deliver(alert, 1);
    }

    private void deliver(Alert alert, int attempt) {
        scheduler.execute(() -> attempt(alert, attempt));
    }

    /** Alerts still pending when the server stopped are posted again. */
    @EventListener(ApplicationReadyEvent.class)
    void resumePending() {
        List<Alert> pending = jdbc.sql("SELECT * FROM spend_alert WHERE delivery = ? ORDER BY id")
                .param(AlertDelivery.PENDING.wire()).query(AlertService::alert).list();
        pending.forEach(a -> deliver(a, a.attempts() + 1));
    }

    private void attempt(Alert alert, int attempt) {
        try {
            Optional<String> url = activeUrl();
            if (url.isEmpty()) {
                update(alert.id(), AlertDelivery.FAILED, attempt - 1,
                        "The webhook was removed or disabled before the alert could be posted");
                return;
            }
            WebhookResult result = post(url.get(), payload(alert));
            if (result.sent()) {
                update(alert.id(), AlertDelivery.SENT, attempt, null);
            } else if (retryable(result) && attempt <= properties.retries()) {
                update(alert.id(), AlertDelivery.PENDING, attempt, result.error());
                scheduler.schedule(() -> attempt(alert, attempt + 1), properties.backoff(attempt).toMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                update(alert.id(), AlertDelivery.FAILED, attempt, result.error());
                log.warn("Alert {} could not be posted to the webhook after {} attempt(s): {}", alert.id(), attempt,
                        result.error());
            }
        } catch (RuntimeException e) {
            log.error("Posting alert {} to the webhook failed", alert.id(), e);
            update(alert.id(), AlertDelivery.FAILED, attempt, "Internal error: " + e.getMessage());
        }
    }

    private void update(long alertId, AlertDelivery delivery, int attempts, String error) {
        jdbc.sql("UPDATE spend_alert SET delivery = ?, attempts = ?, last_error = ? WHERE id = ?")
                .params(delivery.wire(), attempts, error, alertId).update();
    }

    /** One post of a test message, now, to {@code url} or (null) the stored URL; no retries. */
    WebhookResult test(String url) {
        String target = url != null && !url.isBlank() ? HttpUrls.require("url", url).toString()
                : storedCipher().map(c -> secrets.decrypt(c, PURPOSE)).orElseThrow(() ->
                new InvalidInputException("url", "No webhook URL is stored: enter one to test"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", TEST_TEXT);
        body.put("test", true);
        return post(target, json.writeValueAsString(body));
    }

    /** 5xx, 429 and no answer at all may pass; any other refusal will not. */
    static boolean retryable(WebhookResult result) {
        Integer status = result.status();
        return status == null || status == 429 || status >= 500;
    }

    private WebhookResult post(String url, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(properties.timeout())
                .header("Content-Type", "application/json").header("User-Agent", "Routewise")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        WebhookResult result;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            result = status / 100 == 2 ? new WebhookResult(true, status, null)
                    : new WebhookResult(false, status, cut("HTTP " + status + (response.body() == null
                    || response.body().isBlank() ? "" : ": " + response.body().strip())));
        } catch (HttpTimeoutException e) {
            result = new WebhookResult(false, null, "No answer within " + properties.timeout().toMillis() + " ms");
        } catch (IOException e) {
            result = new WebhookResult(false, null, cut("Cannot reach the webhook: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = new WebhookResult(false, null, "Interrupted while posting");
        }
        jdbc.sql("""
                        UPDATE alert_webhook SET last_delivery_at = ?, last_delivery = ?, last_status = ?, last_error = ?
                        WHERE id = 1""")
                .params(clock.millis(), result.sent() ? "sent" : "failed", result.status(), result.error()).update();
        return result;
    }

    private static String cut(String text) {
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "…";
    }

    /** Slack's {@code text}, and the alert's fields for receivers that read JSON. */
    String payload(Alert alert) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", alert.id());
        fields.put("budgetId", alert.budgetId());
        fields.put("scope", alert.scope());
        fields.put("period", alert.period().wire());
        fields.put("windowStart", alert.windowStart().toString());
        fields.put("threshold", alert.threshold());
        fields.put("spentUsd", alert.spentUsd());
        fields.put("limitUsd", alert.limitUsd());
        fields.put("exhausted", alert.exhausted());
        fields.put("message", alert.message());
        fields.put("createdAt", alert.createdAt().toString());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", ":warning: " + alert.message());
        body.put("alert", fields);
        return json.writeValueAsString(body);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }

    private static WebhookSettings webhookRow(ResultSet rs, int row) throws SQLException {
        return new WebhookSettings(rs.getString("url_cipher") != null, rs.getString("url_hint"),
                rs.getInt("enabled") == 1, instant(rs, "updated_at"), rs.getString("updated_by"),
                instant(rs, "last_delivery_at"), rs.getString("last_delivery"), integer(rs, "last_status"),
                rs.getString("last_error"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }

    private static Integer integer(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? null : value;
    }
}
