package dev.routewise.security;

import java.time.Instant;

/**
 * What to show of the audit log; every part is optional.
 *
 * @param text matched anywhere in actor, target or detail, ignoring case
 * @param from inclusive lower bound
 * @param to   exclusive upper bound
 */
public record AuditFilter(AuditAction action, String actor, String text, Instant from, Instant to) {

    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null);
}
