package dev.routewise.spend;

/**
 * A change to the alert webhook.
 *
 * @param url     the new URL; null keeps the stored one, blank removes it
 * @param enabled null keeps the current flag (a new webhook starts enabled)
 */
public record WebhookInput(String url, Boolean enabled) {
}
