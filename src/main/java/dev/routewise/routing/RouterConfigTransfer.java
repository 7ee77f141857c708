package dev.routewise.routing;

import dev.routewise.base.InvalidInputException;
import dev.routewise.catalog.CostTier;
import dev.routewise.classify.engine.TaskLabel;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceInput;
import dev.routewise.discovery.SourceService;
import dev.routewise.routing.engine.ModelPattern;
import dev.routewise.routing.engine.Profile;
import dev.routewise.security.AppRoles;
import jakarta.annotation.security.RolesAllowed;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Router configuration as code: the whole configuration (profiles, overrides, workflows, sources without secrets)
 * exported as YAML, and imported from YAML after validation, with a dry run that lists every change. A section left
 * out of an imported file is left alone; a section in it replaces the current one, except sources, which are only
 * added or updated (deleting a source deletes its models: that stays a deliberate act in the console).
 */
@Service
public class RouterConfigTransfer {

    /** The file format; {@code version} guards against files of a future, incompatible layout. */
    public record RouterDocument(Integer version, String activeProfile, Boolean presets, List<ProfileDraft> profiles,
                                 Map<String, Map<String, String>> overrides, List<Workflow> workflows,
                                 String timeZone, List<RuleService.RuleDraft> rules,
                                 List<SourceDocument> sources) {
    }

    /**
     * A source without its secrets. On import {@code apiKeyEnv} names an environment variable of the server that
     * holds the key, so files can be committed without keys in them.
     */
    public record SourceDocument(String name, String type, String baseUrl, String docUrl, Boolean enabled,
                                 String schedule, String apiKeyEnv) {
    }

    /** What an import did, or in a dry run would do. */
    public record ImportResult(boolean dryRun, boolean applied, List<String> changes) {
    }

    static final int VERSION = 1;

    private final RouterConfigService config;
    private final SourceService sources;
    private final RuleService rules;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Function<String, String> environment;
    private final ObjectMapper yaml = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    RouterConfigTransfer(RouterConfigService config, SourceService sources, RuleService rules,
                         PlatformTransactionManager transactions, Clock clock) {
        this.config = config;
        this.sources = sources;
        this.rules = rules;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = clock;
        this.environment = System::getenv;
    }

    /** The current configuration as a YAML document. */
    @RolesAllowed(AppRoles.VIEWER)
    public String exportYaml() {
        return "# Routewise router configuration, exported " + clock.instant() + "\n"
                + "# Import it with POST /api/v1/router/config (add ?dryRun=true to preview the changes).\n"
                + yaml.writeValueAsString(export());
    }

    @RolesAllowed(AppRoles.VIEWER)
    public RouterDocument export() {
        RouterConfig c = config.current();
        List<ProfileDraft> profiles = c.profiles().stream().map(RouterConfigTransfer::draft).toList();
        Map<String, Map<String, String>> overrides = new TreeMap<>();
        c.overrides().forEach((profile, tasks) -> {
            Map<String, String> byTask = new TreeMap<>();
            tasks.forEach((task, model) -> byTask.put(task.id(), model));
            if (!byTask.isEmpty()) {
                overrides.put(profile, byTask);
            }
        });
        List<SourceDocument> sourceDocs = sources.list().stream().map(s -> new SourceDocument(s.name(), s.type().key(),
                s.baseUrl(), s.docUrl(), s.enabled(), s.schedule(), null)).toList();
        RuleService.Rules current = rules.list();
        List<RuleService.RuleDraft> ruleDocs = current.rules().stream().map(r -> new RuleService.RuleDraft(r.name(),
                r.description(), r.enabled(), r.condition(), r.action(), r.value())).toList();
        return new RouterDocument(VERSION, c.activeProfile(), c.presets(), profiles, overrides,
                List.copyOf(c.workflows().values()), current.timeZone(), ruleDocs, sourceDocs);
    }

    /**
     * Validates the whole file first; then, unless {@code dryRun}, applies it in one transaction. Either everything
     * in the file is applied or nothing is.
     */
    @RolesAllowed(AppRoles.ADMIN)
    public ImportResult importYaml(String text, boolean dryRun) {
        RouterDocument doc = parse(text);
        Plan plan = plan(doc);
        List<String> changes = diff(plan);
        if (changes.isEmpty()) {
            return new ImportResult(dryRun, false, changes);
        }
        try {
            // a dry run writes too and rolls back, so it finds every error a real import would
            transactions.executeWithoutResult(status -> {
                config.replaceSections(plan.activeProfile, plan.profiles, plan.overrides, plan.workflows);
                if (plan.presets != null && plan.presets != config.current().presets()) {
                    config.setPresets(plan.presets);
                }
                // rules may name profiles the file just created: let them see the new set
                config.reload();
                if (plan.rules != null || plan.timeZone != null) {
                    rules.replaceAll(plan.rules != null ? plan.rules : currentRuleDrafts(), plan.timeZone);
                }
                applySources(plan.sources);
                if (dryRun) {
                    status.setRollbackOnly();
                }
            });
        } finally {
            config.reload();
            rules.reload();
        }
        return new ImportResult(dryRun, !dryRun, changes);
    }

    RouterDocument parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("config", "The file is empty: export the current configuration for a "
                    + "starting point");
        }
        if (text.length() > 1_000_000) {
            throw new InvalidInputException("config", "The file is larger than 1 MB");
        }
        RouterDocument doc;
        try {
            doc = yaml.readValue(text, RouterDocument.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("config", "Unknown field '" + e.getPropertyName() + "'"
                    + lineOf(text, e.getPropertyName(), e) + "; known fields here: " + e.getKnownPropertyIds());
        } catch (JacksonException e) {
            throw new InvalidInputException("config", "Not a valid configuration" + where(e) + ": "
                    + e.getOriginalMessage());
        }
        if (doc == null) {
            throw new InvalidInputException("config", "The file holds no configuration");
        }
        if (doc.version() != null && doc.version() != VERSION) {
            throw new InvalidInputException("version", "This server reads version " + VERSION + " files, not "
                    + doc.version());
        }
        return doc;
    }

    /** The parser reports where it stopped, often the line after the key: point at the key itself. */
    private static String lineOf(String text, String key, JacksonException e) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^[ \\t-]*[\"']?"
                + java.util.regex.Pattern.quote(key) + "[\"']?\\s*:").matcher(text);
        if (m.find()) {
            return " at line " + (text.substring(0, m.start()).chars().filter(ch -> ch == '\n').count() + 1);
        }
        return where(e);
    }

    private static String where(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        return at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** The validated content of a file; a null section is not in the file. */
    private record Plan(String activeProfile, Boolean presets, List<ProfileSettings> profiles,
                        Map<String, Map<TaskLabel, String>> overrides, List<Workflow> workflows,
                        String timeZone, List<RuleService.RuleDraft> rules, List<SourceDocument> sources) {
    }

    private List<RuleService.RuleDraft> currentRuleDrafts() {
        return rules.list().rules().stream().map(r -> new RuleService.RuleDraft(r.name(), r.description(),
                r.enabled(), r.condition(), r.action(), r.value())).toList();
    }

    private Plan plan(RouterDocument doc) {
        List<ProfileSettings> profiles = null;
        if (doc.profiles() != null) {
            profiles = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < doc.profiles().size(); i++) {
                ProfileSettings p = at("profiles[" + i + "]", doc.profiles().get(i), config::validProfile);
                if (!names.add(p.name())) {
                    throw new InvalidInputException("profiles[" + i + "].name", "Profile '" + p.name()
                            + "' appears twice");
                }
                profiles.add(p);
            }
        }
        Set<String> known = new HashSet<>(profiles == null ? config.current().profileNames()
                : profiles.stream().map(ProfileSettings::name).toList());
        Profile.BUILT_IN.forEach(p -> known.add(p.name()));
        Function<String, String> profile = name -> {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            if (!known.contains(n)) {
                throw new InvalidInputException("profile", "Unknown profile '" + name + "': use "
                        + String.join(", ", new java.util.TreeSet<>(known)));
            }
            return n;
        };
        String active = doc.activeProfile() == null ? null : at("activeProfile", doc.activeProfile(), profile);
        if (active == null && profiles != null && !known.contains(config.current().activeProfile())) {
            throw new InvalidInputException("activeProfile", "The file deletes the active profile '"
                    + config.current().activeProfile() + "': set activeProfile too");
        }

        Map<String, Map<TaskLabel, String>> overrides = null;
        if (doc.overrides() != null) {
            overrides = new LinkedHashMap<>();
            for (var e : doc.overrides().entrySet()) {
                String p = at("overrides." + e.getKey(), e.getKey(), profile);
                Map<TaskLabel, String> tasks = new EnumMap<>(TaskLabel.class);
                for (var t : (e.getValue() == null ? Map.<String, String>of() : e.getValue()).entrySet()) {
                    String field = "overrides." + e.getKey() + "." + t.getKey();
                    TaskLabel task = TaskLabel.fromId(t.getKey() == null ? "" : t.getKey().trim())
                            .orElseThrow(() -> new InvalidInputException(field, "Unknown task '" + t.getKey() + "'"));
                    String model = t.getValue() == null ? "" : t.getValue().strip();
                    if (!model.contains("/")) {
                        throw new InvalidInputException(field, "Give a routing model id such as openai/gpt-4o");
                    }
                    tasks.put(task, model);
                }
                if (!tasks.isEmpty()) {
                    overrides.put(p, Map.copyOf(tasks));
                }
            }
        } else if (profiles != null) {
            // overrides of profiles the file deletes go with them
            Map<String, Map<TaskLabel, String>> kept = new LinkedHashMap<>();
            config.current().overrides().forEach((p, tasks) -> {
                if (known.contains(p)) {
                    kept.put(p, tasks);
                }
            });
            overrides = kept.size() == config.current().overrides().size() ? null : kept;
        }

        List<Workflow> workflows = null;
        if (doc.workflows() != null) {
            workflows = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < doc.workflows().size(); i++) {
                Workflow w = doc.workflows().get(i);
                String field = "workflows[" + i + "]";
                Workflow valid = at(field, w, x -> config.validWorkflow(x == null ? null : x.name(),
                        x == null ? null : x.stages(), profile::apply));
                if (!names.add(valid.name())) {
                    throw new InvalidInputException(field + ".name", "Workflow '" + valid.name() + "' appears twice");
                }
                workflows.add(valid);
            }
        } else if (profiles != null) {
            for (Workflow w : config.current().workflows().values()) {
                for (Workflow.Stage s : w.stages()) {
                    if (s.profile() != null && !known.contains(s.profile())) {
                        throw new InvalidInputException("profiles", "Workflow '" + w.name() + "' uses profile '"
                                + s.profile() + "', which the file deletes");
                    }
                }
            }
        }

        List<SourceDocument> sourceDocs = null;
        if (doc.sources() != null) {
            sourceDocs = new ArrayList<>();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < doc.sources().size(); i++) {
                SourceDocument s = doc.sources().get(i);
                String field = "sources[" + i + "]";
                if (s == null || s.name() == null || s.name().isBlank()) {
                    throw new InvalidInputException(field + ".name", "Each source needs a name");
                }
                if (!names.add(s.name().strip().toLowerCase(Locale.ROOT))) {
                    throw new InvalidInputException(field + ".name", "Source '" + s.name() + "' appears twice");
                }
                if (s.apiKeyEnv() != null && !s.apiKeyEnv().isBlank() && environment.apply(s.apiKeyEnv()) == null) {
                    throw new InvalidInputException(field + ".apiKeyEnv", "The environment variable "
                            + s.apiKeyEnv() + " is not set on the server");
                }
                sourceDocs.add(s);
            }
        }
        return new Plan(active, doc.presets(), profiles, overrides, workflows,
                doc.timeZone() == null || doc.timeZone().isBlank() ? null : doc.timeZone().strip(), doc.rules(),
                sourceDocs);
    }

    /** Runs a validation and prefixes the field of its error with where in the file the value is. */
    private static <T, R> R at(String path, T value, Function<T, R> validate) {
        try {
            return validate.apply(value);
        } catch (InvalidInputException e) {
            String field = e.field();
            throw new InvalidInputException(field == null || field.isBlank() || path.endsWith(field) ? path
                    : path + "." + field, e.getMessage());
        }
    }

    private List<String> diff(Plan plan) {
        RouterConfig c = config.current();
        List<String> changes = new ArrayList<>();
        if (plan.profiles != null) {
            Map<String, ProfileSettings> after = new LinkedHashMap<>();
            plan.profiles.forEach(p -> after.put(p.name(), p));
            for (ProfileSettings old : c.profiles()) {
                ProfileSettings now = after.get(old.name());
                if (now == null) {
                    if (old.builtIn() && old.edited()) {
                        changes.add("~ profile " + old.name() + ": reset to its shipped settings");
                    } else if (!old.builtIn()) {
                        changes.add("- profile " + old.name());
                    }
                } else if (!same(old, now)) {
                    changes.add("~ profile " + old.name() + ": " + RouterConfigService.describe(old) + "  ->  "
                            + RouterConfigService.describe(now)
                            + (old.profile().description().equals(now.profile().description()) ? ""
                            : "; description '" + now.profile().description() + "'"));
                }
            }
            for (ProfileSettings now : plan.profiles) {
                if (c.profile(now.name()).isEmpty()) {
                    changes.add("+ profile " + now.name() + ": " + RouterConfigService.describe(now));
                }
            }
        }
        if (plan.presets != null && plan.presets != c.presets()) {
            changes.add("~ seed presets: " + (c.presets() ? "on" : "off") + "  ->  " + (plan.presets ? "on" : "off"));
        }
        if (plan.activeProfile != null && !plan.activeProfile.equals(c.activeProfile())) {
            changes.add("~ active profile: " + c.activeProfile() + "  ->  " + plan.activeProfile);
        }
        if (plan.overrides != null) {
            Map<String, String> before = flatten(c.overrides());
            Map<String, String> after = flatten(plan.overrides);
            before.forEach((k, v) -> {
                if (!after.containsKey(k)) {
                    changes.add("- override " + k + " (" + v + ")");
                } else if (!after.get(k).equals(v)) {
                    changes.add("~ override " + k + ": " + v + "  ->  " + after.get(k));
                }
            });
            after.forEach((k, v) -> {
                if (!before.containsKey(k)) {
                    changes.add("+ override " + k + ": " + v);
                }
            });
        }
        if (plan.workflows != null) {
            Map<String, Workflow> after = new LinkedHashMap<>();
            plan.workflows.forEach(w -> after.put(w.name(), w));
            c.workflows().forEach((name, w) -> {
                Workflow now = after.get(name);
                if (now == null) {
                    changes.add("- workflow " + name);
                } else if (!now.equals(w)) {
                    changes.add("~ workflow " + name + ": " + RouterConfigService.describe(w) + "  ->  "
                            + RouterConfigService.describe(now));
                }
            });
            after.forEach((name, w) -> {
                if (!c.workflows().containsKey(name)) {
                    changes.add("+ workflow " + name + ": " + RouterConfigService.describe(w));
                }
            });
        }
        RuleService.Rules currentRules = rules.list();
        if (plan.timeZone != null && !plan.timeZone.equals(currentRules.timeZone())) {
            changes.add("~ rules time zone: " + currentRules.timeZone() + "  ->  " + plan.timeZone);
        }
        if (plan.rules != null) {
            Map<String, RuleService.RuleDraft> before = new LinkedHashMap<>();
            currentRuleDrafts().forEach(r -> before.put(r.name().toLowerCase(Locale.ROOT), r));
            Map<String, RuleService.RuleDraft> after = new LinkedHashMap<>();
            for (RuleService.RuleDraft r : plan.rules) {
                if (r != null && r.name() != null) {
                    after.put(r.name().strip().toLowerCase(Locale.ROOT), r);
                }
            }
            before.forEach((key, r) -> {
                RuleService.RuleDraft now = after.get(key);
                if (now == null) {
                    changes.add("- rule " + r.name());
                } else if (!ruleText(now).equals(ruleText(r))) {
                    changes.add("~ rule " + r.name() + ": " + ruleText(r) + "  ->  " + ruleText(now));
                }
            });
            after.forEach((key, r) -> {
                if (!before.containsKey(key)) {
                    changes.add("+ rule " + r.name().strip() + ": " + ruleText(r));
                }
            });
            List<String> orderBefore = before.keySet().stream().filter(after::containsKey).toList();
            List<String> orderAfter = after.keySet().stream().filter(before::containsKey).toList();
            if (!orderBefore.equals(orderAfter)) {
                changes.add("~ rule order: " + String.join(", ", after.values().stream()
                        .map(r -> r.name().strip()).toList()));
            }
        }
        if (plan.sources != null) {
            Map<String, ModelSource> existing = new LinkedHashMap<>();
            sources.list().forEach(s -> existing.put(s.name().toLowerCase(Locale.ROOT), s));
            for (SourceDocument d : plan.sources) {
                ModelSource s = existing.get(d.name().strip().toLowerCase(Locale.ROOT));
                if (s == null) {
                    changes.add("+ source " + d.name().strip() + " (" + d.type() + ")"
                            + (d.apiKeyEnv() == null ? "" : ", key from $" + d.apiKeyEnv()));
                    continue;
                }
                List<String> fields = new ArrayList<>();
                field(fields, "type", s.type().key(), d.type());
                field(fields, "baseUrl", s.baseUrl(), d.baseUrl());
                field(fields, "docUrl", s.docUrl(), d.docUrl());
                field(fields, "enabled", String.valueOf(s.enabled()), d.enabled() == null ? null
                        : String.valueOf(d.enabled()));
                field(fields, "schedule", s.schedule(), d.schedule());
                if (d.apiKeyEnv() != null && !d.apiKeyEnv().isBlank()) {
                    fields.add("api key from $" + d.apiKeyEnv());
                }
                if (!fields.isEmpty()) {
                    changes.add("~ source " + s.name() + ": " + String.join("; ", fields));
                }
            }
        }
        return changes;
    }

    private static String ruleText(RuleService.RuleDraft r) {
        return "if " + (r.condition() == null ? "" : r.condition().strip()) + " -> " + r.action() + " "
                + (r.value() == null ? "" : r.value().strip()) + (Boolean.FALSE.equals(r.enabled()) ? " (disabled)" : "")
                + (r.description() == null || r.description().isBlank() ? "" : " (" + r.description().strip() + ")");
    }

    private static boolean same(ProfileSettings a, ProfileSettings b) {
        return RouterConfigService.describe(a).equals(RouterConfigService.describe(b))
                && a.profile().description().equals(b.profile().description());
    }

    private static void field(List<String> out, String name, String before, String after) {
        if (after != null && !after.isBlank() && !after.strip().equals(before)) {
            out.add(name + " " + (before == null ? "-" : before) + " -> " + after.strip());
        }
    }

    private static Map<String, String> flatten(Map<String, Map<TaskLabel, String>> overrides) {
        Map<String, String> flat = new TreeMap<>();
        overrides.forEach((p, tasks) -> tasks.forEach((t, m) -> flat.put(p + "/" + t.id(), m)));
        return flat;
    }

    private void applySources(List<SourceDocument> docs) {
        if (docs == null) {
            return;
        }
        Map<String, ModelSource> existing = new LinkedHashMap<>();
        sources.list().forEach(s -> existing.put(s.name().toLowerCase(Locale.ROOT), s));
        for (int i = 0; i < docs.size(); i++) {
            SourceDocument d = docs.get(i);
            String key = d.apiKeyEnv() == null || d.apiKeyEnv().isBlank() ? null : environment.apply(d.apiKeyEnv());
            ModelSource s = existing.get(d.name().strip().toLowerCase(Locale.ROOT));
            SourceInput input = new SourceInput(d.name().strip(), d.type(), d.baseUrl(), key, d.docUrl(),
                    d.enabled(), d.schedule(), null);
            int index = i;
            at("sources[" + index + "]", input, in -> s == null ? sources.create(in) : sources.update(s.id(), in));
        }
    }

    private static ProfileDraft draft(ProfileSettings s) {
        Profile p = s.profile();
        Map<String, Double> weights = new LinkedHashMap<>();
        weights.put("capability", pct(p.weights().capability()));
        weights.put("cost", pct(p.weights().cost()));
        weights.put("quality", pct(p.weights().quality()));
        weights.put("latency", pct(p.weights().latency()));
        weights.put("historical", pct(p.weights().historical()));
        return new ProfileDraft(p.name(), p.description(), weights,
                p.tierPreference().stream().map(CostTier::key).toList(), p.tierWeight(),
                p.pool().stream().map(ModelPattern::glob).toList(), s.fallbackModel());
    }

    private static double pct(double share) {
        return Math.round(share * 10_000) / 100.0;
    }
}
