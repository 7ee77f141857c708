package dev.routewise.spend;

import java.math.BigDecimal;
import java.util.List;

/** A budget as sent to create or replace one; {@link BudgetService} validates every field. */
public record BudgetDraft(String scope, String scopeId, String period, BigDecimal limitUsd, String policy,
                          List<BigDecimal> warnAt) {
}
