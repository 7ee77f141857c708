package dev.routewise.routing;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads of the decision log: filtered, newest first, paged in SQL. */
@Repository
class DecisionQueries {



    private final JdbcClient jdbc;

    DecisionQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<LoggedDecision> find(DecisionFilter filter, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(filter, params);
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql("SELECT decision_id, created_at, profile, task, complexity, confidence, classifier_tier, "
                        + "model, rule, estimated_cost, latency_micros, caller FROM routing_decision" + where
                        + " ORDER BY created_at DESC, decision_id LIMIT :limit OFFSET :offset")
                .params(params)
                .query((rs, n) -> new LoggedDecision(rs.getString(1), Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getDouble(6), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10), rs.getLong(11), rs.getString(12)))
                .list();
    }

    long count(DecisionFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        return jdbc.sql("SELECT count(*) FROM routing_decision" + where(filter, params)).params(params)
                .query(Long.class).single();
    }

    private static String where(DecisionFilter f, Map<String, Object> params) {
        List<String> clauses = new ArrayList<>();
        add(clauses, params, "model", f.model());
        add(clauses, params, "task", f.task());
        add(clauses, params, "profile", f.profile());
        add(clauses, params, "caller", f.caller());
        if (f.from() != null) {
            clauses.add("created_at >= :from");
            params.put("from", f.from().toEpochMilli());
        }
        if (f.to() != null) {
            clauses.add("created_at < :to");
            params.put("to", f.to().toEpochMilli());
        }
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    private static void add(List<String> clauses, Map<String, Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            clauses.add(column + " = :" + column);
            params.put(column, value.strip());
        }
    }
}
