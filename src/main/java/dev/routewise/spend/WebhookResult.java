package dev.routewise.spend;

/**
 * How one post to the webhook ended.
 *
 * @param sent   the webhook answered 2xx
 * @param status the HTTP status; null when no answer came (timeout, connection refused)
 * @param error  what went wrong, when it did
 */
public record WebhookResult(boolean sent, Integer status, String error) {
}
