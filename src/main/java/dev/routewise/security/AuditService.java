package dev.routewise.security;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.data.domain.Sort;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.data.relational.core.query.Criteria;
import org.springframework.data.relational.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;

/** Records security events and lets admins browse them. */
@Service
public class AuditService {

    private final AuditRepository repository;
    private final JdbcAggregateTemplate template;
    private final CurrentActor actor;
    private final Clock clock;

    AuditService(AuditRepository repository, JdbcAggregateTemplate template, CurrentActor actor, Clock clock) {
        this.repository = repository;
        this.template = template;
        this.actor = actor;
        this.clock = clock;
    }

    /** Records an event done by whoever acts in the current request. */
    void record(AuditAction action, String target, String detail) {
        record(action, actor.name(), target, detail, actor.remoteAddress());
    }

    /** Records a configuration change by the current actor, with the value before and after. */
    public void recordChange(AuditAction action, String target, String before, String after) {
        record(action, target, "before: " + (before == null ? "(none)" : before) + "; after: "
                + (after == null ? "(none)" : after));
    }

    void record(AuditAction action, String actorName, String target, String detail, String remoteAddress) {
        repository.save(new AuditEvent(null, clock.instant(), actorName, action.name(), target, detail, remoteAddress));
    }

    @RolesAllowed(AppRoles.ADMIN)
    public List<AuditEvent> find(AuditFilter filter, long offset, int limit) {
        Query query = Query.query(criteria(filter))
                .sort(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id")))
                .offset(offset).limit(limit);
        return template.findAll(query, AuditEvent.class);
    }

    @RolesAllowed(AppRoles.ADMIN)
    public long count(AuditFilter filter) {
        return template.count(Query.query(criteria(filter)), AuditEvent.class);
    }

    /** The signed-in user's own recent sign-in events, newest first. */
    @PermitAll
    public List<AuditEvent> recentSignInsOfCurrentUser(int limit) {
        String name = actor.username().orElseThrow();
        Criteria criteria = Criteria.where("actor").is(name)
                .and("action").in(AuditAction.LOGIN_SUCCEEDED.name(), AuditAction.LOGIN_FAILED.name(),
                        AuditAction.LOGIN_THROTTLED.name());
        return template.findAll(Query.query(criteria)
                .sort(Sort.by(Sort.Order.desc("occurredAt"), Sort.Order.desc("id"))).limit(limit), AuditEvent.class);
    }

    private static Criteria criteria(AuditFilter filter) {
        Criteria criteria = Criteria.empty();
        if (filter.action() != null) {
            criteria = criteria.and("action").is(filter.action().name());
        }
        if (notBlank(filter.actor())) {
            criteria = criteria.and("actor").like("%" + filter.actor().trim() + "%").ignoreCase(true);
        }
        if (notBlank(filter.text())) {
            String pattern = "%" + filter.text().trim() + "%";
            criteria = criteria.and(Criteria.where("actor").like(pattern).ignoreCase(true)
                    .or("target").like(pattern).ignoreCase(true)
                    .or("detail").like(pattern).ignoreCase(true));
        }
        if (filter.from() != null) {
            criteria = criteria.and("occurredAt").greaterThanOrEquals(filter.from());
        }
        if (filter.to() != null) {
            criteria = criteria.and("occurredAt").lessThan(filter.to());
        }
        return criteria;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
