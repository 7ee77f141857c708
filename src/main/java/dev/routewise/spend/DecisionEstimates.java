package dev.routewise.spend;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

/**
 * The estimated cost of routing decisions, for ledger entries that arrive without one (a gateway call carries its
 * usage and actual cost, not the decision's estimate). Implemented by routing, which logs decisions; called only on
 * the ledger's writer thread.
 */
public interface DecisionEstimates {

    /** The estimate of each decision that is logged and has one; others are absent. */
    Map<String, BigDecimal> of(Collection<String> decisionIds);
}
