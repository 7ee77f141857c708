package dev.routewise.routing;

import jakarta.annotation.security.PermitAll;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/** The logged decisions, for the console and the API. */
@Service
public class DecisionHistory {

    private final DecisionQueries queries;
    private final JdbcClient jdbc;

    DecisionHistory(DecisionQueries queries, JdbcClient jdbc) {
        this.queries = queries;
        this.jdbc = jdbc;
    }

    @PermitAll
    public List<LoggedDecision> find(DecisionFilter filter, long offset, int limit) {
        return queries.find(filter, offset, limit);
    }

    @PermitAll
    public long count(DecisionFilter filter) {
        return queries.count(filter);
    }

    /** The explained decision as logged (reasons, fallback chain, top candidates), as JSON. */
    @PermitAll
    public Optional<String> detail(String decisionId) {
        return jdbc.sql("SELECT detail FROM routing_decision WHERE decision_id = ?").param(decisionId)
                .query(String.class).optional();
    }
}
