package dev.routewise.spend;

/**
 * A new alert was stored (never for a repeated threshold). Published from the alert writer's thread, so listeners
 * (the console's notifications, the dashboard) may push to UIs but must not block for long.
 */
public record AlertRaised(Alert alert) {
}
