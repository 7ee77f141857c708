package dev.routewise.spend;

import java.time.Instant;

/**
 * The alert webhook as the console and the API show it: never the URL (it usually carries a token), only a masked
 * hint to recognise it.
 *
 * @param configured     whether a URL is stored
 * @param urlHint        e.g. {@code htt…/x9Qz}; null when none is stored
 * @param lastDelivery   {@code sent} or {@code failed}: how the latest post (an alert's or a test) ended; null before
 *                       the first
 * @param lastStatus     the HTTP status of that post; null when none came
 */
public record WebhookSettings(boolean configured, String urlHint, boolean enabled, Instant updatedAt,
                              String updatedBy, Instant lastDeliveryAt, String lastDelivery, Integer lastStatus,
                              String lastError) {
}
