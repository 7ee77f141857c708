package dev.routewise.routing;

import dev.routewise.spend.DecisionEstimates;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decisions' estimated costs from the decision log, for ledger entries that lack one. A decision is logged when it
 * is made, before the call it chose runs, so by the time the ledger writes the call its decision is normally there;
 * one still queued (or dropped from a full queue) has no estimate.
 */
@Component
class LoggedDecisionEstimates implements DecisionEstimates {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;

    LoggedDecisionEstimates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, BigDecimal> of(Collection<String> decisionIds) {
        Map<String, BigDecimal> found = new HashMap<>();
        List<String> ids = List.copyOf(decisionIds);
        for (int from = 0; from < ids.size(); from += CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + CHUNK));
            jdbc.sql("SELECT decision_id, estimated_cost FROM routing_decision WHERE estimated_cost IS NOT NULL "
                            + "AND decision_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)")
                    .params(chunk)
                    .query((rs, n) -> found.put(rs.getString(1), new BigDecimal(rs.getString(2)))).list();
        }
        return found;
    }
}
