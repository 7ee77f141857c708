package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.catalog.CostTier;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.routing.engine.ModelPattern;
import dev.routewise.routing.engine.Profile;
import dev.routewise.routing.engine.Weights;
import dev.routewise.security.AppRoles;
import dev.routewise.security.AuditAction;
import dev.routewise.security.AuditService;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The active profile, custom profiles and edits of the built-in ones, per-task overrides and workflows: stored in
 * the database, held in memory for decisions, every change audited with its value before and after.
 */
@Service
public class RouterConfigService {

    static final String ACTIVE_PROFILE = "active-profile";
    static final String PRESETS = "presets";
    public static final List<String> FACTORS = List.of("capability", "cost", "quality", "latency", "historical");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final JdbcClient jdbc;
    private final AuditService audit;
    private final Clock clock;
    private final RoutingProperties properties;
    private final AtomicReference<RouterConfig> current = new AtomicReference<>();

    private final org.springframework.context.ApplicationEventPublisher events;

    RouterConfigService(JdbcClient jdbc, AuditService audit, Clock clock, RoutingProperties properties,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.properties = properties;
        reload();
        profile(properties.defaultProfile());
    }

    public RouterConfig current() {
        return current.get();
    }

    /** The profile called {@code name}, built-in or custom, with its current settings. */
    public Profile profile(String name) {
        return settings(name).profile();
    }

    public ProfileSettings settings(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("profile", "Choose a profile: " + String.join(", ",
                    current.get().profileNames()));
        }
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        return current.get().profile(wanted).orElseThrow(() -> new InvalidInputException("profile",
                "Unknown profile '" + name + "': use " + String.join(", ", current.get().profileNames())));
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RouterConfig setActiveProfile(String name) {
        Profile profile = profile(name);
        String before = current.get().activeProfile();
        putSetting(ACTIVE_PROFILE, profile.name());
        audit.recordChange(AuditAction.ROUTER_CHANGED, "active profile", before, profile.name());
        return reload();
    }

    /** Turns seed 000's presets of the built-in profiles on or off. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RouterConfig setPresets(boolean on) {
        boolean before = current.get().presets();
        putSetting(PRESETS, Boolean.toString(on));
        if (before != on) {
            audit.recordChange(AuditAction.ROUTER_CHANGED, "seed presets", before ? "on" : "off", on ? "on" : "off");
        }
        return reload();
    }

    /** Forces {@code model} for {@code task} within {@code profile} (the active one when null). */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RouterConfig setOverride(String profileName, String taskName, String model) {
        String profile = profileName == null ? current.get().activeProfile() : profile(profileName).name();
        TaskLabel task = task(taskName);
        String id = modelId("model", model);
        if (id == null) {
            throw new InvalidInputException("model", "Give a model id such as openai/gpt-4o");
        }
        String before = current.get().overridesOf(profile).get(task);
        jdbc.sql("INSERT INTO task_override (profile, task, model, updated_at, updated_by) VALUES (?, ?, ?, ?, ?) "
                        + "ON CONFLICT (profile, task) DO UPDATE SET model = excluded.model, "
                        + "updated_at = excluded.updated_at, updated_by = excluded.updated_by")
                .params(profile, task.id(), id, clock.millis(), actor()).update();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "override " + profile + "/" + task.id(), before, id);
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

    /** Creates a custom profile; absent fields take balanced's values. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public ProfileSettings createProfile(ProfileDraft draft) {
        String name = draft == null || draft.name() == null ? "" : draft.name().trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches() || name.equals("auto")) {
            throw new InvalidInputException("name", "Name the profile with 1-40 lower-case letters, digits, "
                    + "'-' or '_' (not 'auto'), e.g. anthropic-only");
        }
        if (current.get().profile(name).isPresent()) {
            throw new InvalidInputException("name", "A profile called '" + name + "' already exists");
        }
        ProfileSettings created = merge(new ProfileSettings(Profile.BALANCED.withPool(List.of()), null, false, false),
                name, draft);
        store(created);
        audit.recordChange(AuditAction.ROUTER_CHANGED, "profile " + name, null, describe(created));
        reload();
        return settings(name);
    }

    /** Changes the fields the draft sets; the name cannot change. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public ProfileSettings updateProfile(String name, ProfileDraft draft) {
        ProfileSettings before = settings(name);
        if (draft == null) {
            throw new InvalidInputException("profile", "Send the fields to change");
        }
        if (draft.name() != null && !draft.name().isBlank()
                && !draft.name().trim().equalsIgnoreCase(before.name())) {
            throw new InvalidInputException("name", "A profile cannot be renamed; create a new one instead");
        }
        ProfileSettings after = merge(before, before.name(), draft);
        store(after);
        audit.recordChange(AuditAction.ROUTER_CHANGED, "profile " + before.name(), describe(before), describe(after));
        reload();
        return settings(before.name());
    }

    /** Sets some factor weights of a profile, keeping the others' current shares. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public ProfileSettings updateWeights(String name, Map<String, Double> weights) {
        if (weights == null || weights.isEmpty()) {
            throw new InvalidInputException("weights", "Give at least one of " + String.join(", ", FACTORS));
        }
        return updateProfile(name, new ProfileDraft(null, null, weights, null, null, null, null));
    }

    /** Deletes a custom profile (with its overrides), or resets a built-in one to its shipped settings. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public RouterConfig deleteProfile(String name) {
        ProfileSettings before = settings(name);
        if (!before.builtIn()) {
            if (before.name().equals(current.get().activeProfile())) {
                throw new InvalidInputException("profile", "'" + before.name()
                        + "' is the active profile: choose another one first");
            }
            for (Workflow w : current.get().workflows().values()) {
                for (Workflow.Stage s : w.stages()) {
                    if (before.name().equals(s.profile())) {
                        throw new InvalidInputException("profile", "Workflow '" + w.name() + "' stage '" + s.name()
                                + "' uses profile '" + before.name() + "': change it first");
                    }
                }
            }
            jdbc.sql("DELETE FROM task_override WHERE profile = ?").param(before.name()).update();
            events.publishEvent(new ProfileDeleted(before.name()));
        }
        jdbc.sql("DELETE FROM router_profile WHERE name = ?").param(before.name()).update();
        RouterConfig after = reload();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "profile " + before.name(), describe(before),
                before.builtIn() ? describe(settings(before.name())) + " (reset)" : null);
        return after;
    }

    /** Creates or replaces a workflow; each stage names exactly one of a model or a profile. */
    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public Workflow saveWorkflow(String name, List<Workflow.Stage> stages) {
        Workflow workflow = validWorkflow(name, stages);
        Workflow before = current.get().workflows().get(workflow.name());
        writeWorkflow(workflow);
        audit.recordChange(AuditAction.ROUTER_CHANGED, "workflow " + workflow.name(),
                before == null ? null : describe(before), describe(workflow));
        reload();
        return workflow;
    }

    @RolesAllowed(AppRoles.OPERATOR)
    @Transactional
    public void deleteWorkflow(String name) {
        Workflow before = workflow(name);
        jdbc.sql("DELETE FROM router_workflow_stage WHERE workflow = ?").param(before.name()).update();
        audit.recordChange(AuditAction.ROUTER_CHANGED, "workflow " + before.name(), describe(before), null);
        reload();
    }

    /** The workflow called {@code name}, or a clear error. */
    public Workflow workflow(String name) {
        String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        Workflow w = current.get().workflows().get(wanted);
        if (w == null) {
            throw new InvalidInputException("workflow", "Unknown workflow '" + name + "'"
                    + (current.get().workflows().isEmpty() ? ": none is defined"
                    : ": use " + String.join(", ", current.get().workflows().keySet())));
        }
        return w;
    }

    Workflow validWorkflow(String name, List<Workflow.Stage> stages) {
        return validWorkflow(name, stages, profileName -> profile(profileName).name());
    }

    /** @param profiles resolves a profile name to its canonical form, or throws for an unknown one */
    Workflow validWorkflow(String name, List<Workflow.Stage> stages,
                           java.util.function.UnaryOperator<String> profiles) {
        String wf = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(wf).matches()) {
            throw new InvalidInputException("name", "Name the workflow with 1-40 lower-case letters, digits, "
                    + "'-' or '_', e.g. feature-dev");
        }
        if (stages == null || stages.isEmpty()) {
            throw new InvalidInputException("stages", "A workflow needs at least one stage, e.g. plan");
        }
        List<Workflow.Stage> clean = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < stages.size(); i++) {
            Workflow.Stage s = stages.get(i);
            String field = "stages[" + i + "]";
            String stage = s == null || s.name() == null ? "" : s.name().trim().toLowerCase(Locale.ROOT);
            if (!NAME.matcher(stage).matches()) {
                throw new InvalidInputException(field + ".name", "Name each stage with lower-case letters, "
                        + "digits, '-' or '_', e.g. review");
            }
            if (!seen.add(stage)) {
                throw new InvalidInputException(field + ".name", "Stage '" + stage + "' appears twice");
            }
            String model = modelId(field + ".model", s.model());
            String profile = s.profile() == null || s.profile().isBlank() ? null : profiles.apply(s.profile());
            if ((model == null) == (profile == null)) {
                throw new InvalidInputException(field, "Stage '" + stage + "' needs exactly one of a model or a "
                        + "profile");
            }
            clean.add(new Workflow.Stage(stage, model, profile));
        }
        return new Workflow(wf, clean);
    }

    private void writeWorkflow(Workflow workflow) {
        jdbc.sql("DELETE FROM router_workflow_stage WHERE workflow = ?").param(workflow.name()).update();
        int position = 0;
        for (Workflow.Stage s : workflow.stages()) {
            jdbc.sql("INSERT INTO router_workflow_stage (workflow, stage, position, model, profile, updated_at, "
                            + "updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)")
                    .params(workflow.name(), s.name(), position++, s.model(), s.profile(), clock.millis(), actor())
                    .update();
        }
    }

    /**
     * A complete profile from a config file: fields it leaves out take the shipped values of a built-in profile of
     * that name, else balanced's. Validates only; writes nothing.
     */
    ProfileSettings validProfile(ProfileDraft draft) {
        String name = draft == null || draft.name() == null ? "" : draft.name().trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches() || name.equals("auto")) {
            throw new InvalidInputException("name", "Name the profile with 1-40 lower-case letters, digits, "
                    + "'-' or '_' (not 'auto'), e.g. anthropic-only");
        }
        Profile shipped = Profile.builtIn(name).orElse(null);
        ProfileSettings base = shipped != null ? new ProfileSettings(shipped, null, true, false)
                : new ProfileSettings(Profile.BALANCED.withPool(List.of()), null, false, false);
        ProfileSettings merged = merge(base, name, draft);
        // a built-in written exactly as shipped is not an edit
        boolean edited = shipped != null && (!describe(merged).equals(describe(base))
                || !merged.profile().description().equals(shipped.description()));
        return new ProfileSettings(merged.profile(), merged.fallbackModel(), shipped != null, edited);
    }

    /**
     * Replaces whole sections of the configuration (null = leave that section alone) in the caller's transaction,
     * auditing each change. The caller reloads with {@link #reload()} after the transaction ends, whatever the result.
     */
    void replaceSections(String activeProfile, List<ProfileSettings> profiles,
                         Map<String, Map<TaskLabel, String>> overrides, List<Workflow> workflows) {
        RouterConfig before = current.get();
        if (profiles != null) {
            Set<String> names = new HashSet<>();
            profiles.forEach(p -> names.add(p.name()));
            for (ProfileSettings old : before.profiles()) {
                if (!names.contains(old.name()) && (old.edited() || !old.builtIn())) {
                    jdbc.sql("DELETE FROM router_profile WHERE name = ?").param(old.name()).update();
                    if (!old.builtIn()) {
                        jdbc.sql("DELETE FROM task_override WHERE profile = ?").param(old.name()).update();
                        events.publishEvent(new ProfileDeleted(old.name()));
                    }
                    audit.recordChange(AuditAction.ROUTER_CHANGED, "profile " + old.name(), describe(old),
                            old.builtIn() ? "reset by config import" : null);
                }
            }
            for (ProfileSettings p : profiles) {
                ProfileSettings old = before.profile(p.name()).orElse(null);
                if (p.builtIn() && !p.edited()) {
                    jdbc.sql("DELETE FROM router_profile WHERE name = ?").param(p.name()).update();
                } else {
                    store(p);
                }
                String after = describe(p);
                if (old == null || !describe(old).equals(after)) {
                    audit.recordChange(AuditAction.ROUTER_CHANGED, "profile " + p.name(),
                            old == null ? null : describe(old), after);
                }
            }
        }
        if (activeProfile != null && !activeProfile.equals(before.activeProfile())) {
            putSetting(ACTIVE_PROFILE, activeProfile);
            audit.recordChange(AuditAction.ROUTER_CHANGED, "active profile", before.activeProfile(), activeProfile);
        }
        if (overrides != null) {
            jdbc.sql("DELETE FROM task_override").update();
            overrides.forEach((profile, tasks) -> tasks.forEach((task, model) -> jdbc.sql(
                            "INSERT INTO task_override (profile, task, model, updated_at, updated_by) "
                                    + "VALUES (?, ?, ?, ?, ?)")
                    .params(profile, task.id(), model, clock.millis(), actor()).update()));
            if (!overrides.equals(before.overrides())) {
                audit.recordChange(AuditAction.ROUTER_CHANGED, "overrides", before.overrides().toString(),
                        overrides.toString());
            }
        }
        if (workflows != null) {
            jdbc.sql("DELETE FROM router_workflow_stage").update();
            workflows.forEach(this::writeWorkflow);
            Map<String, Workflow> after = new LinkedHashMap<>();
            workflows.forEach(w -> after.put(w.name(), w));
            if (!after.equals(before.workflows())) {
                audit.recordChange(AuditAction.ROUTER_CHANGED, "workflows", before.workflows().values().stream()
                        .map(w -> w.name() + ": " + describe(w)).toList().toString(), workflows.stream()
                        .map(w -> w.name() + ": " + describe(w)).toList().toString());
            }
        }
    }

    private ProfileSettings merge(ProfileSettings base, String name, ProfileDraft d) {
        Profile p = base.profile();
        Weights weights = d.weights() == null ? p.weights() : weights(p.weights(), d.weights());
        List<CostTier> tiers = d.tierPreference() == null ? p.tierPreference() : tiers(d.tierPreference());
        double tierWeight = p.tierWeight();
        if (d.tierWeight() != null) {
            if (!(d.tierWeight() >= 0 && d.tierWeight() <= 1)) {
                throw new InvalidInputException("tierWeight", "The tier weight is a share from 0 to 1, e.g. 0.25");
            }
            tierWeight = d.tierWeight();
        }
        List<ModelPattern> pool = p.pool();
        if (d.pool() != null) {
            pool = new ArrayList<>();
            for (String glob : d.pool()) {
                if (glob == null || glob.isBlank()) {
                    throw new InvalidInputException("pool", "A pool pattern must not be blank; use e.g. anthropic/*");
                }
                pool.add(ModelPattern.of(glob));
            }
        }
        String description = d.description() == null ? p.description() : d.description().strip();
        if (description.length() > 200) {
            throw new InvalidInputException("description", "Keep the description under 200 characters");
        }
        String fallback = d.fallbackModel() == null ? base.fallbackModel()
                : modelId("fallbackModel", d.fallbackModel());
        return new ProfileSettings(new Profile(name, description, weights, tiers, tierWeight, pool), fallback,
                base.builtIn(), base.builtIn());
    }

    private static Weights weights(Weights current, Map<String, Double> given) {
        Map<String, Double> w = new LinkedHashMap<>();
        w.put("capability", current.capability() * 100);
        w.put("cost", current.cost() * 100);
        w.put("quality", current.quality() * 100);
        w.put("latency", current.latency() * 100);
        w.put("historical", current.historical() * 100);
        given.forEach((factor, value) -> {
            String f = factor == null ? "" : factor.trim().toLowerCase(Locale.ROOT);
            if (!w.containsKey(f)) {
                throw new InvalidInputException("weights." + factor, "Unknown factor '" + factor + "': use "
                        + String.join(", ", FACTORS));
            }
            if (value == null || !(value >= 0) || value.isInfinite()) {
                throw new InvalidInputException("weights." + f, "A weight is a number >= 0");
            }
            w.put(f, value);
        });
        if (w.values().stream().mapToDouble(Double::doubleValue).sum() <= 0) {
            throw new InvalidInputException("weights", "At least one weight must be above 0");
        }
        return new Weights(w.get("capability"), w.get("cost"), w.get("quality"), w.get("latency"),
                w.get("historical"));
    }

    private static List<CostTier> tiers(List<String> keys) {
        List<CostTier> tiers = new ArrayList<>();
        for (String key : keys) {
            CostTier tier;
            try {
                tier = CostTier.fromKey(key == null ? "" : key);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("tierPreference", "Unknown cost tier '" + key
                        + "': use low, medium or high");
            }
            if (tiers.contains(tier)) {
                throw new InvalidInputException("tierPreference", "Tier " + tier.key() + " appears twice");
            }
            tiers.add(tier);
        }
        return tiers;
    }

    private static String modelId(String field, String model) {
        if (model == null || model.isBlank()) {
            return null;
        }
        String id = model.strip();
        if (!id.contains("/") || id.startsWith("/") || id.endsWith("/") || id.length() > 300) {
            throw new InvalidInputException(field, "Give a routing model id such as openai/gpt-4o-mini");
        }
        return id;
    }

    private void store(ProfileSettings s) {
        Profile p = s.profile();
        Weights w = p.weights();
        jdbc.sql("""
                INSERT INTO router_profile (name, description, built_in, w_capability, w_cost, w_quality, w_latency,
                    w_historical, tier_preference, tier_weight, pool, fallback_model, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (name) DO UPDATE SET description = excluded.description, w_capability = excluded.w_capability,
                    w_cost = excluded.w_cost, w_quality = excluded.w_quality, w_latency = excluded.w_latency,
                    w_historical = excluded.w_historical, tier_preference = excluded.tier_preference,
                    tier_weight = excluded.tier_weight, pool = excluded.pool, fallback_model = excluded.fallback_model,
                    updated_at = excluded.updated_at, updated_by = excluded.updated_by""")
                .params(p.name(), p.description(), s.builtIn() ? 1 : 0, w.capability(), w.cost(), w.quality(),
                        w.latency(), w.historical(),
                        String.join(",", p.tierPreference().stream().map(CostTier::key).toList()), p.tierWeight(),
                        String.join("\n", p.pool().stream().map(ModelPattern::glob).toList()), s.fallbackModel(),
                        clock.millis(), actor())
                .update();
    }

    private void putSetting(String name, String value) {
        jdbc.sql("INSERT INTO router_setting (name, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (name) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
                        + "updated_by = excluded.updated_by")
                .params(name, value, clock.millis(), actor()).update();
    }

    /** Re-reads everything and swaps the in-memory configuration. */
    RouterConfig reload() {
        Map<String, ProfileSettings> stored = new HashMap<>();
        jdbc.sql("SELECT * FROM router_profile").query((rs, n) -> {
            String tiers = rs.getString("tier_preference");
            String pool = rs.getString("pool");
            Profile p = new Profile(rs.getString("name"), rs.getString("description"),
                    new Weights(rs.getDouble("w_capability"), rs.getDouble("w_cost"), rs.getDouble("w_quality"),
                            rs.getDouble("w_latency"), rs.getDouble("w_historical")),
                    tiers.isBlank() ? List.of() : Arrays.stream(tiers.split(",")).map(CostTier::fromKey).toList(),
                    rs.getDouble("tier_weight"),
                    pool.isBlank() ? List.of() : Arrays.stream(pool.split("\n")).map(ModelPattern::of).toList());
            boolean builtIn = rs.getInt("built_in") == 1;
            return new ProfileSettings(p, rs.getString("fallback_model"), builtIn, builtIn);
        }).list().forEach(s -> stored.put(s.name(), s));
        List<ProfileSettings> profiles = new ArrayList<>();
        for (Profile builtIn : Profile.BUILT_IN) {
            ProfileSettings edited = stored.remove(builtIn.name());
            profiles.add(edited != null ? edited : new ProfileSettings(builtIn, null, true, false));
        }
        new TreeMap<>(stored).values().forEach(profiles::add);

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

        Map<String, List<Workflow.Stage>> stages = new TreeMap<>();
        jdbc.sql("SELECT workflow, stage, model, profile FROM router_workflow_stage ORDER BY workflow, position")
                .query((rs, n) -> {
                    stages.computeIfAbsent(rs.getString("workflow"), w -> new ArrayList<>())
                            .add(new Workflow.Stage(rs.getString("stage"), rs.getString("model"),
                                    rs.getString("profile")));
                    return null;
                }).list();
        Map<String, Workflow> workflows = new LinkedHashMap<>();
        stages.forEach((name, list) -> workflows.put(name, new Workflow(name, list)));

        boolean presets = jdbc.sql("SELECT value FROM router_setting WHERE name = ?").param(PRESETS)
                .query(String.class).optional().map(Boolean::parseBoolean).orElse(properties.presets());
        RouterConfig config = new RouterConfig(active, profiles, frozen, workflows, presets);
        current.set(config);
        return config;
    }

    /**
     * A profile's weights by factor name, in the contract's order, as shares x {@code scale} rounded to
     * {@code places} decimals (enough to read, stable against binary floating point noise).
     */
    static Map<String, Double> weightMap(Weights w, double scale, int places) {
        double[] values = {w.capability(), w.cost(), w.quality(), w.latency(), w.historical()};
        double unit = Math.pow(10, places);
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            map.put(FACTORS.get(i), Math.round(values[i] * scale * unit) / unit);
        }
        return map;
    }

    static String describe(ProfileSettings s) {
        Profile p = s.profile();
        Weights w = p.weights();
        return String.format(Locale.ROOT, "weights %.0f/%.0f/%.0f/%.0f/%.0f; tiers %s; tier weight %.2f; pool %s; "
                        + "fallback %s", w.capability() * 100, w.cost() * 100, w.quality() * 100, w.latency() * 100,
                w.historical() * 100, String.join(",", p.tierPreference().stream().map(CostTier::key).toList()),
                p.tierWeight(), p.pool().isEmpty() ? "all" : p.pool(), s.fallbackModel() == null ? "none"
                        : s.fallbackModel());
    }

    static String describe(Workflow w) {
        return String.join(", ", w.stages().stream().map(s -> s.name() + " -> "
                + (s.model() != null ? s.model() : "profile " + s.profile())).toList());
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
