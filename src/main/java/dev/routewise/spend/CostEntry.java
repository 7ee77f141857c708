package dev.routewise.spend;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One call's cost for the ledger ({@link CostLedger#record}): one per gateway call, and one per outcome reported for
 * a decision the gateway did not execute. The type lives in spend so that gateway and routing, which depend on
 * spend, can hand entries over without spend depending on them.
 *
 * @param decisionId       the routing decision; the ledger keeps one entry per decision
 * @param createdAt        when the call was made, UTC epoch milliseconds (its day and month in the ledger's zone)
 * @param model            the model that answered (or was used), null when none did
 * @param user             the end user the call was made for
 * @param apiKeyId         the API key that made (or reported) the call; null for the master key or a console user
 * @param tokens           null when unknown (no usage reported)
 * @param estimatedCostUsd the decision's estimate; null when none is known (the ledger then looks it up)
 * @param actualCostUsd    exact; null unless {@code status} is known (zero for {@code NONE})
 */
public record CostEntry(String decisionId, long createdAt, CostSource source, String model, String provider,
                        String task, String profile, String user, String team, Long apiKeyId, TokenCounts tokens,
                        BigDecimal estimatedCostUsd, BigDecimal actualCostUsd, CostStatus status) {

    public CostEntry {
        Objects.requireNonNull(decisionId, "decisionId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        if (status == CostStatus.NONE) {
            actualCostUsd = BigDecimal.ZERO;
        } else if (status != CostStatus.KNOWN) {
            actualCostUsd = null;
        } else if (actualCostUsd == null) {
            throw new IllegalArgumentException("a known cost needs its amount");
        }
        if (tokens != null && !tokens.valid()) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
        if (actualCostUsd != null && actualCostUsd.signum() < 0 || estimatedCostUsd != null
                && estimatedCostUsd.signum() < 0) {
            throw new IllegalArgumentException("costs cannot be negative");
        }
    }

    CostEntry withEstimate(BigDecimal estimate) {
        return new CostEntry(decisionId, createdAt, source, model, provider, task, profile, user, team, apiKeyId,
                tokens, estimate, actualCostUsd, status);
    }
}
