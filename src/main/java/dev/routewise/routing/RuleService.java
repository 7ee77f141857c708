package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.base.NotFoundException;
import dev.routewise.classify.engine.Classification;
import dev.routewise.classify.engine.Complexity;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.RouteCandidate;
import dev.routewise.routing.rules.Action;
import dev.routewise.routing.rules.Condition;
import dev.routewise.routing.rules.ProfileLookup;
import dev.routewise.routing.rules.Rule;
import dev.routewise.routing.rules.RuleException;
import dev.routewise.routing.rules.RuleInput;
import dev.routewise.routing.rules.RuleOutcome;
import dev.routewise.routing.rules.RuleSet;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.security.RolesAllowed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Routing rules: stored in the database, validated on every change, compiled once and held in memory so that
 * routing never reads the database. Every change is audited with the rule before and after.
 */
@Service
public class RuleService {

    static final String TIME_ZONE = "rules-time-zone";
    private static final Logger log = LoggerFactory.getLogger(RuleService.class);

    /** A stored rule as the console and the API show it. */
    public record RoutingRule(long id, int position, String name, String description, boolean enabled,
                              String condition, String action, String value, Instant updatedAt, String updatedBy) {

        /** {@code #2 weekend-eco: if weekday in [sat, sun] -> use_profile eco}, for the audit log. */
        String audit() {
            return "#" + position + " " + name + (enabled ? "" : " (disabled)") + ": if " + condition + " -> "
                    + action + " " + value;
        }
    }

    /** A rule to create or to replace one with; {@code enabled} null means enabled. */
    public record RuleDraft(String name, String description, Boolean enabled, String condition, String action,
                            String value) {
    }

    /** The time zone and the rules in evaluation order. */
    public record Rules(String timeZone, List<RoutingRule> rules) {
    }

    /**
     * Whether a condition and action would be accepted.
     *
     * @param field  the part at fault: condition, action or value
     * @param column 1-based column in the condition, null when the problem is not in the condition
     */
    public record Validation(boolean valid, String field, String error, Integer column) {

        static final Validation OK = new Validation(true, null, null, null);
    }

    /** A request to test rules against; every field optional (tokens default to 1,000 in and 500 out). */
    public record Sample(String task, String complexity, Double complexityScore, Integer tokens, Integer outputTokens,
                         Integer priority, List<String> labels, String user, String team, String space,
                         String profile, String sessionId, Instant time) {
    }

    /** One rule of a test: whether it matches the sample and whether its action took part in the outcome. */
    public record RuleCheck(String name, boolean enabled, boolean matches, boolean applied) {
    }

    /**
     * What the rules make of a sample.
     *
     * @param outcome one line for people, e.g. "use_model openai/gpt-4o-mini (rule 'weekend-mini')"
     * @param action  the decisive action (use_model, use_profile, deny) or null
     */
    public record TestResult(String timeZone, String localTime, List<RuleCheck> rules, List<String> matched,
                             String outcome, String rule, String action, String value, List<String> allowedModels,
                             List<String> excludedModels) {
    }

    private record State(RuleSet set, List<RoutingRule> rows) {
    }

    /** Provider health derived from one snapshot of routable models, rebuilt when that snapshot changes. */
    private record Health(List<RouteCandidate> models, Set<String> healthy) implements RuleInput.ProviderStatus {
        @Override
        public boolean healthy(String provider) {
            return healthy.contains(provider);
        }
    }

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final RoutableModels models;
    private final RouterConfigService config;
    private final ObjectProvider<ProfileLookup> profiles;
    private final AtomicReference<State> state = new AtomicReference<>();
    private volatile Health health = new Health(null, Set.of());

    RuleService(JdbcClient jdbc, AuditService audit, Clock clock, RoutableModels models, RouterConfigService config,
                ObjectProvider<ProfileLookup> profiles) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.models = models;
        this.config = config;
        this.profiles = profiles;
        reload();
    }

    /** The compiled rules routing evaluates: memory only. */
    public RuleSet snapshot() {
        return state.get().set;
    }

    // ------------------------------------------------------------------ reading

    @RolesAllowed(AppRoles.VIEWER)
    public Rules list() {
        State s = state.get();
        return new Rules(s.set.zone().getId(), s.rows);
    }

    @RolesAllowed(AppRoles.VIEWER)
    public Validation validate(String condition, String action, String value) {
        try {
            Condition.parse(condition);
            if (action != null && !action.isBlank()) {
                Action.parse(action, value, profileLookup());
            }
            return Validation.OK;
        } catch (RuleException e) {
            return new Validation(false, e.field(), e.getMessage(), e.column() > 0 ? e.column() : null);
        }
    }

    /** Tests the stored rules against a sample request. */
    @RolesAllowed(AppRoles.VIEWER)
    public TestResult test(Sample sample) {
        return test(snapshot(), sample);
    }

    /** Tests unsaved rules (one or a whole set) against a sample, in {@code timeZone} (null: the stored zone). */
    @RolesAllowed(AppRoles.VIEWER)
    public TestResult test(List<RuleDraft> drafts, String timeZone, Sample sample) {
        ZoneId zone = timeZone == null || timeZone.isBlank() ? snapshot().zone() : zone(timeZone);
        return test(compile(drafts, zone, "rules"), sample);
    }

    // ------------------------------------------------------------------ changing

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RoutingRule create(RuleDraft draft) {
        State s = state.get();
        Rule rule = compile(draft, null, "");
        checkNames(s, rule, null);
        int position = s.rows.size() + 1;
        long id = jdbc.sql("INSERT INTO routing_rule (position, name, description, enabled, condition_text, "
                        + "action_type, action_value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                        + "RETURNING id")
                .params(position, rule.name(), rule.description(), rule.enabled() ? 1 : 0, rule.condition().text(),
                        rule.action().type().id(), rule.action().value(), clock.millis(), actor())
                .query(Long.class).single();
        RoutingRule created = row(reload(), id);
        audit.recordChange(AuditAction.RULES_CHANGED, "rule " + created.name(), null, created.audit());
        return created;
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RoutingRule update(long id, RuleDraft draft) {
        State s = state.get();
        RoutingRule before = row(s, id);
        Rule rule = compile(draft, id, "");
        checkNames(s, rule, id);
        jdbc.sql("UPDATE routing_rule SET name = ?, description = ?, enabled = ?, condition_text = ?, action_type = ?, "
                        + "action_value = ?, updated_at = ?, updated_by = ? WHERE id = ?")
                .params(rule.name(), rule.description(), rule.enabled() ? 1 : 0, rule.condition().text(),
                        rule.action().type().id(), rule.action().value(), clock.millis(), actor(), id)
                .update();
        RoutingRule after = row(reload(), id);
        audit.recordChange(AuditAction.RULES_CHANGED, "rule " + after.name(), before.audit(), after.audit());
        return after;
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RoutingRule setEnabled(long id, boolean enabled) {
        RoutingRule before = row(state.get(), id);
        jdbc.sql("UPDATE routing_rule SET enabled = ?, updated_at = ?, updated_by = ? WHERE id = ?")
                .params(enabled ? 1 : 0, clock.millis(), actor(), id).update();
        RoutingRule after = row(reload(), id);
        audit.recordChange(AuditAction.RULES_CHANGED, "rule " + after.name(), before.audit(), after.audit());
        return after;
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public void delete(long id) {
        State s = state.get();
        RoutingRule before = row(s, id);
        jdbc.sql("DELETE FROM routing_rule WHERE id = ?").param(id).update();
        List<Long> rest = s.rows.stream().map(RoutingRule::id).filter(other -> other != id).toList();
        writePositions(rest);
        reload();
        audit.recordChange(AuditAction.RULES_CHANGED, "rule " + before.name(), before.audit(), null);
    }

    /** Puts the rules in the given order; {@code ids} must name every rule exactly once. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Rules reorder(List<Long> ids) {
        State s = state.get();
        Set<Long> known = new HashSet<>(s.rows.stream().map(RoutingRule::id).toList());
        if (ids == null || ids.size() != known.size() || !known.equals(new HashSet<>(ids))) {
            throw new InvalidInputException("ids", "List every rule id exactly once, in the new order");
        }
        writePositions(ids);
        State after = reload();
        audit.recordChange(AuditAction.RULES_CHANGED, "rule order", names(s), names(after));
        return list();
    }

    /** Moves a rule up (negative {@code by}) or down, within bounds. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Rules move(long id, int by) {
        List<Long> order = new ArrayList<>(state.get().rows.stream().map(RoutingRule::id).toList());
        int from = order.indexOf(id);
        if (from < 0) {
            throw new NotFoundException("Rule", id);
        }
        int to = Math.clamp(from + (long) by, 0, order.size() - 1);
        if (to == from) {
            return list();
        }
        order.add(to, order.remove(from));
        return reorder(order);
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Rules setTimeZone(String timeZone) {
        ZoneId zone = zone(timeZone);
        String before = snapshot().zone().getId();
        writeTimeZone(zone);
        reload();
        audit.recordChange(AuditAction.RULES_CHANGED, "rules time zone", before, zone.getId());
        return list();
    }

    /**
     * Replaces every rule (and the time zone, unless null) in one transaction, after validating all of them:
     * a single bad rule changes nothing. Errors name the rule, e.g. field {@code rules[2].condition}.
     */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Rules replaceAll(List<RuleDraft> drafts, String timeZone) {
        State before = state.get();
        ZoneId zone = timeZone == null ? before.set.zone() : zone(timeZone);
        RuleSet set = compile(drafts == null ? List.of() : drafts, zone, "rules");
        jdbc.sql("DELETE FROM routing_rule").update();
        int position = 1;
        for (Rule rule : set.rules()) {
            jdbc.sql("INSERT INTO routing_rule (position, name, description, enabled, condition_text, action_type, "
                            + "action_value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(position++, rule.name(), rule.description(), rule.enabled() ? 1 : 0,
                            rule.condition().text(), rule.action().type().id(), rule.action().value(),
                            clock.millis(), actor())
                    .update();
        }
        writeTimeZone(zone);
        State after = reload();
        if (!all(before).equals(all(after))) {
            audit.recordChange(AuditAction.RULES_CHANGED, "all rules", all(before), all(after));
        }
        return list();
    }

    // ------------------------------------------------------------------ routing

    /** What rules can see of a request being routed; built only when enabled rules exist. */
    RuleInput input(Classification c, RoutingService.RequestContext context, String profile, String decisionId) {
        return new RuleInput(c.task(), c.complexity(), c.complexityScore(), c.estimatedInputTokens(),
                c.estimatedOutputTokens(), context.priority(), context.labels(), context.user(), context.team(),
                context.space(), profile, context.sessionId(), decisionId, clock.instant(), providers());
    }

    /** Health by provider, recomputed only when the routable models' snapshot changes. */
    RuleInput.ProviderStatus providers() {
        List<RouteCandidate> current = models.current();
        Health h = health;
        if (h.models != current) {
            Set<String> healthy = new HashSet<>();
            for (RouteCandidate m : current) {
                if (m.sourceHealthy()) {
                    healthy.add(m.provider().toLowerCase(Locale.ROOT));
                }
            }
            h = new Health(current, Set.copyOf(healthy));
            health = h;
        }
        return h;
    }

    // ------------------------------------------------------------------ internals

    private TestResult test(RuleSet set, Sample sample) {
        RuleInput input = sampleInput(sample == null ? new Sample(null, null, null, null, null, null, null, null,
                null, null, null, null, null) : sample);
        RuleOutcome outcome = set.evaluate(input);
        List<Boolean> matches = set.matches(input);
        List<RuleCheck> checks = new ArrayList<>();
        for (int i = 0; i < set.rules().size(); i++) {
            Rule r = set.rules().get(i);
            checks.add(new RuleCheck(r.name(), r.enabled(), matches.get(i), outcome.matched().contains(r)));
        }
        ZonedDateTime local = input.time().atZone(set.zone());
        String localTime = local.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " "
                + local.toLocalDateTime().withNano(0).toString().replace('T', ' ');
        Action action = outcome.action().orElse(null);
        return new TestResult(set.zone().getId(), localTime, checks,
                outcome.matched().stream().map(Rule::name).toList(), outcome.describe(), outcome.label(),
                action == null ? null : action.type().id(), action == null ? null : action.value(),
                outcome.allowedModels(), outcome.excludedModels());
    }

    private RuleInput sampleInput(Sample s) {
        TaskLabel task = s.task() == null || s.task().isBlank() ? TaskLabel.GENERAL : TaskLabel.fromId(s.task())
                .orElseThrow(() -> new InvalidInputException("task", "Unknown task '" + s.task() + "'"));
        Complexity complexity = s.complexity() == null || s.complexity().isBlank() ? Complexity.MEDIUM
                : Arrays.stream(Complexity.values()).filter(c -> c.id().equalsIgnoreCase(s.complexity().trim()))
                .findFirst().orElseThrow(() -> new InvalidInputException("complexity",
                        "Use simple, medium, complex or critical"));
        double score = s.complexityScore() == null ? 0.5 : s.complexityScore();
        if (!(score >= 0 && score <= 1)) {
            throw new InvalidInputException("complexityScore", "complexityScore is between 0 and 1");
        }
        int tokens = s.tokens() == null ? 1_000 : s.tokens();
        int outputTokens = s.outputTokens() == null ? 500 : s.outputTokens();
        if (tokens < 0 || outputTokens < 0) {
            throw new InvalidInputException(tokens < 0 ? "tokens" : "outputTokens", "Token counts are not negative");
        }
        String profile = s.profile() == null || s.profile().isBlank() ? config.current().activeProfile()
                : s.profile().trim().toLowerCase(Locale.ROOT);
        return new RuleInput(task, complexity, score, tokens, outputTokens, s.priority(),
                s.labels() == null ? List.of() : s.labels(), blankToNull(s.user()), blankToNull(s.team()),
                blankToNull(s.space()), profile, blankToNull(s.sessionId()), "test",
                s.time() == null ? clock.instant() : s.time(), providers());
    }

    private Rule compile(RuleDraft draft, Long id, String prefix) {
        if (draft == null) {
            throw new InvalidInputException(prefix.isEmpty() ? "name" : prefix, "Send a rule");
        }
        try {
            return Rule.compile(id, draft.name(), draft.description(), !Boolean.FALSE.equals(draft.enabled()),
                    draft.condition(), draft.action(), draft.value(), profileLookup());
        } catch (RuleException e) {
            throw new InvalidInputException(prefix.isEmpty() ? e.field() : prefix + "." + e.field(), e.getMessage());
        }
    }

    private RuleSet compile(List<RuleDraft> drafts, ZoneId zone, String field) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < drafts.size(); i++) {
            rules.add(compile(drafts.get(i), null, field + "[" + i + "]"));
        }
        try {
            return new RuleSet(rules, zone);
        } catch (RuleException e) {
            throw new InvalidInputException(field, e.getMessage());
        }
    }

    private static void checkNames(State s, Rule rule, Long self) {
        for (RoutingRule r : s.rows) {
            if (r.name().equalsIgnoreCase(rule.name()) && (self == null || r.id() != self)) {
                throw new InvalidInputException("name", "Another rule is already named '" + r.name() + "'");
            }
        }
    }

    private void writePositions(List<Long> ids) {
        int position = 1;
        for (Long id : ids) {
            jdbc.sql("UPDATE routing_rule SET position = ? WHERE id = ?").params(position++, id).update();
        }
    }

    private void writeTimeZone(ZoneId zone) {
        jdbc.sql("INSERT INTO router_setting (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .params(TIME_ZONE, zone.getId(), clock.millis(), actor()).update();
    }

    State reload() {
        String zoneId = jdbc.sql("SELECT value FROM router_setting WHERE name = ?").param(TIME_ZONE)
                .query(String.class).optional().orElse("UTC");
        ZoneId zone;
        try {
            zone = ZoneId.of(zoneId);
        } catch (DateTimeException e) {
            log.error("Stored rules time zone '{}' is unknown; using UTC", zoneId);
            zone = ZoneId.of("UTC");
        }
        List<RoutingRule> rows = jdbc.sql("SELECT id, position, name, description, enabled, condition_text, "
                        + "action_type, action_value, updated_at, updated_by FROM routing_rule ORDER BY position, id")
                .query((rs, n) -> new RoutingRule(rs.getLong("id"), n + 1, rs.getString("name"),
                        rs.getString("description"), rs.getInt("enabled") == 1, rs.getString("condition_text"),
                        rs.getString("action_type"), rs.getString("action_value"),
                        Instant.ofEpochMilli(rs.getLong("updated_at")), rs.getString("updated_by")))
                .list();
        List<Rule> compiled = new ArrayList<>();
        for (RoutingRule r : rows) {
            try {
                compiled.add(Rule.compile(r.id(), r.name(), r.description(), r.enabled(), r.condition(), r.action(),
                        r.value(), profileLookup()));
            } catch (RuleException e) {
                // e.g. a custom profile deleted after the rule was saved: skip the rule rather than route wrongly
                log.error("Rule '{}' no longer compiles and is skipped: {}", r.name(), e.getMessage());
            }
        }
        State s = new State(new RuleSet(compiled, zone), List.copyOf(rows));
        state.set(s);
        return s;
    }

    private ProfileLookup profileLookup() {
        return profiles.getIfAvailable(() -> ProfileLookup.BUILT_IN);
    }

    private static RoutingRule row(State s, long id) {
        return s.rows.stream().filter(r -> r.id() == id).findFirst()
                .orElseThrow(() -> new NotFoundException("Rule", id));
    }

    private static ZoneId zone(String timeZone) {
        if (timeZone == null || timeZone.isBlank()) {
            throw new InvalidInputException("timeZone", "Choose a time zone, e.g. Europe/Berlin or UTC");
        }
        try {
            return ZoneId.of(timeZone.trim());
        } catch (DateTimeException e) {
            throw new InvalidInputException("timeZone", "Unknown time zone '" + timeZone
                    + "': use a region such as Europe/Berlin, or UTC");
        }
    }

    private static String names(State s) {
        return String.join(", ", s.rows.stream().map(RoutingRule::name).toList());
    }

    private static String all(State s) {
        List<String> lines = new ArrayList<>();
        lines.add("time zone " + s.set.zone().getId());
        s.rows.forEach(r -> lines.add(r.audit()));
        return String.join("; ", lines);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
