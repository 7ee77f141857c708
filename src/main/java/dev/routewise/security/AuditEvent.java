package dev.routewise.security;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

import java.time.Instant;
import java.util.Objects;

/**
 * One security event: who did what to what, when, from where.
 *
 * @param actor  user name, {@code key:<prefix>} for an API key, or {@code system}
 * @param action one of {@link AuditAction}'s names
 */
@Table("audit_event")
public record AuditEvent(@Id Long id, Instant occurredAt, String actor, String action, String target,
                         String detail, String remoteAddress) {

    public AuditEvent {
        Objects.requireNonNull(occurredAt);
        Objects.requireNonNull(actor);
        Objects.requireNonNull(action);
    }

    AuditEvent withId(Long newId) {
        return new AuditEvent(newId, occurredAt, actor, action, target, detail, remoteAddress);
    }
}
