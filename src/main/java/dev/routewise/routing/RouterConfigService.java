package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.Profile;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The active profile and per-task overrides: stored in the database, held in memory for
 * decisions, every change audited with its value before and after.
 */
@Service
public class RouterConfigService {

    static final String ACTIVE_PROFILE = "active-profile";

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final RoutingProperties properties;
    private final AtomicReference<RouterConfig> current = new AtomicReference<>();

    RouterConfigService(JdbcClient jdbc, AuditService audit, Clock clock, RoutingProperties properties) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        profile(properties.defaultProfile());
        reload();
    }

    public RouterConfig current() {
        return current.get();
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RouterConfig setActiveProfile(String name) {
        Profile profile = profile(name);
        String before = current.get().activeProfile();
        jdbc.sql("INSERT INTO router_setting (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .params(ACTIVE_PROFILE, profile.name(), clock.millis(), actor()).update();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "active profile", before, profile.name());
        return reload();
    }

    /** Forces {@code model} for {@code task} within {@code profile} (the active one when null). */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RouterConfig setOverride(String profileName, String taskName, String model) {
        String profile = profileName == null ? current.get().activeProfile() : profile(profileName).name();
        TaskLabel task = task(taskName);
        if (model == null || model.isBlank() || !model.contains("/")) {
            throw new InvalidInputException("model", "Give a model id such as openai/gpt-4o");
        }
        String before = current.get().overridesOf(profile).get(task);
        jdbc.sql("INSERT INTO task_override (profile, task, model, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (profile, task) DO UPDATE SET model = excluded.model, "
                        + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .params(profile, task.id(), model.strip(), clock.millis(), actor()).update();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "override " + profile + "/" + task.id(), before, model.strip());
        return reload();
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RouterConfig clearOverride(String profileName, String taskName) {
        String profile = profileName == null ? current.get().activeProfile() : profile(profileName).name();
        TaskLabel task = task(taskName);
        String before = current.get().overridesOf(profile).get(task);
        jdbc.sql("DELETE FROM task_override WHERE profile = ? AND task = ?").params(profile, task.id()).update();
        if (before != null) {
            audit.recordChange(AuditAction.ROUTER_CHANGED, "override " + profile + "/" + task.id(), before, null);
        }
        return reload();
    }

    private RouterConfig reload() {
        String active = jdbc.sql("SELECT value FROM router_setting WHERE name = ?").param(ACTIVE_PROFILE)
                .query(String.class).optional().orElse(properties.defaultProfile().toLowerCase(Locale.ROOT));
        Map<String, Map<TaskLabel, String>> overrides = new HashMap<>();
        jdbc.sql("SELECT profile, task, model FROM task_override")
                .query((rs, n) -> new String[]{rs.getString("profile"), rs.getString("task"), rs.getString("model")})
                .list()
                .forEach(row -> TaskLabel.fromId(row[1]).ifPresent(task -> overrides
                        .computeIfAbsent(row[0], p -> new EnumMap<>(TaskLabel.class)).put(task, row[2])));
        Map<String, Map<TaskLabel, String>> frozen = new HashMap<>();
        overrides.forEach((p, m) -> frozen.put(p, Map.copyOf(m)));
        RouterConfig config = new RouterConfig(active, frozen);
        current.set(config);
        return config;
    }

    static Profile profile(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("profile", "Choose a profile: eco, balanced or premium");
        }
        return Profile.builtIn(name.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                new InvalidInputException("profile", "Unknown profile '" + name + "': use eco, balanced or premium"));
    }

    private static TaskLabel task(String name) {
        return TaskLabel.fromId(name == null ? "" : name.trim().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new InvalidInputException("task", "Unknown task '" + name + "'"));
    }

    private static String actor() {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? "system" : auth.getName();
    }
}
