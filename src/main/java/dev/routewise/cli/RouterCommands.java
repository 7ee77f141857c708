package dev.routewise.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.routewise.cli.RoutewiseApi.params;
import static dev.routewise.cli.RoutewiseApi.query;
import static dev.routewise.cli.RoutewiseApi.segment;

/** {@code routewise router ...}: profiles, task chains and overrides, the catalog, discovery and test routing. */
@Command(name = "router", description = "Router status, profiles, task overrides, models, discovery and test routing.",
        subcommands = {RouterCommands.Status.class, RouterCommands.Profile.class, RouterCommands.Task.class,
                RouterCommands.Models.class, RouterCommands.Discover.class, RouterCommands.Test.class})
final class RouterCommands {

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Command(name = "status", description = "Active profile, each profile's task chains and overrides, "
            + "dropped decisions, and the health of the model sources.")
    static final class Status extends ApiCommand {

        @Override
        int execute() {
            RoutewiseApi api = api();
            RoutewiseApi.Answer router = api.get("/api/v1/router");
            RoutewiseApi.Answer sources = api.get("/api/v1/sources");
            if (json()) {
                return printRaw("{\"router\":" + router.body() + ",\"sources\":" + sources.body() + "}");
            }
            JsonNode r = router.json();
            String active = text(r, "activeProfile");
            field("Active profile", style(active, "bold"));
            long dropped = r.path("droppedDecisions").asLong();
            field("Decisions not logged (queue full)", dropped == 0 ? "0" : style(String.valueOf(dropped), "red"));
            for (JsonNode profile : r.path("profiles")) {
                String name = text(profile, "name");
                out().println();
                out().println(style("Profile " + name, "bold") + (name.equals(active) ? " (active)" : "")
                        + " - " + textOr(profile, "description", ""));
                print(chains(profile));
            }
            out().println();
            out().println(style("Model sources", "bold"));
            Table table = new Table("SOURCE", "TYPE", "ENABLED", "MODELS", "LAST RUN", "STATUS", "ERROR").right(3);
            for (JsonNode s : sources.json()) {
                JsonNode run = s.path("lastRun");
                boolean running = s.path("running").asBoolean();
                String status = running ? "running" : run.isObject() ? text(run, "status") : "never run";
                table.add(text(s, "name"), text(s, "type"), s.path("enabled").asBoolean() ? "yes" : "no",
                        Styles.count(s.path("models").asLong()) + (s.path("usingFallbacks").asBoolean() ? " (fallback)" : ""),
                        run.isObject() ? textOr(run, "finishedAt", textOr(run, "startedAt", "-")) : "-",
                        Styles.status(status), run.isObject() ? textOr(run, "error", "") : "");
            }
            if (table.isEmpty()) {
                out().println("No model sources yet: add one in the console (Model sources) or POST /api/v1/sources.");
            } else {
                print(table);
            }
            return 0;
        }

        private static Table chains(JsonNode profile) {
            Table table = new Table("TASK", "MODEL", "FALLBACKS", "OVERRIDE");
            JsonNode overrides = profile.path("overrides");
            for (Map.Entry<String, JsonNode> e : profile.path("taskChains").properties()) {
                List<String> chain = strings(e.getValue());
                String override = text(overrides, e.getKey());
                table.add(e.getKey(), chain.isEmpty() ? new Table.Cell("no eligible model", "red") : chain.getFirst(),
                        fallbacks(chain.size() <= 1 ? List.of() : chain.subList(1, chain.size()), 3),
                        override == null ? "" : new Table.Cell(override, "cyan"));
            }
            return table;
        }
    }

    @Command(name = "profile", description = "Show the active profile and every profile's description, weights "
            + "and tier preference; 'profile set <p>' makes another one active.",
            subcommands = Profile.Set.class)
    static final class Profile extends ApiCommand {

        @Override
        int execute() {
            RoutewiseApi.Answer router = api().get("/api/v1/router");
            if (json()) {
                return printRaw(router.body());
            }
            String active = text(router.json(), "activeProfile");
            field("Active profile", style(active, "bold"));
            Table table = new Table("", "PROFILE", "WEIGHTS cap/cost/qual/lat/hist", "TIERS", "DESCRIPTION");
            for (JsonNode p : router.json().path("profiles")) {
                boolean isActive = text(p, "name").equals(active);
                table.add(isActive ? "*" : "", new Table.Cell(text(p, "name"), isActive ? "bold" : null),
                        weights(p.path("weights")), String.join(" > ", strings(p.path("tierPreference"))),
                        textOr(p, "description", ""));
            }
            print(table);
            return 0;
        }

        @Command(name = "set", description = "Make <profile> the active one (for requests that name no profile).")
        static final class Set extends ApiCommand {

            @Parameters(paramLabel = "<profile>", description = "eco, balanced, premium or a custom profile")
            String profile;

            @Override
            int execute() {
                RoutewiseApi.Answer answer = api().send("PUT", "/api/v1/router/profile", Map.of("profile", profile));
                if (json()) {
                    return printRaw(answer.body());
                }
                field("Active profile", style(text(answer.json(), "activeProfile"), "bold"));
                return 0;
            }
        }
    }

    @Command(name = "task", description = "Show the model chain of <task> under a profile; --set forces a model "
            + "for it, --clear removes that override.")
    static final class Task extends ApiCommand {

        @Parameters(paramLabel = "<task>", description = "code, debugging, code_review, math, analysis, creative, "
                + "summarization, translation, planning, simple_qa or general")
        String task;

        @Option(names = "--profile", paramLabel = "<profile>", description = "Profile (default: the active one).")
        String profile;

        @ArgGroup(exclusive = true)
        Change change;

        static final class Change {
            @Option(names = "--set", paramLabel = "<model>", description = "Force this model id for the task.")
            String model;

            @Option(names = "--clear", description = "Remove the task's override.")
            boolean clear;
        }

        @Override
        int execute() {
            String path = "/api/v1/router/tasks/" + segment(task) + "/override" + query(params("profile", profile));
            RoutewiseApi.Answer answer;
            if (change != null && change.model != null) {
                answer = api().send("PUT", path, Map.of("model", change.model));
            } else if (change != null && change.clear) {
                answer = api().send("DELETE", path, null);
            } else {
                answer = api().get("/api/v1/router");
            }
            String name = profile != null ? profile : text(answer.json(), "activeProfile");
            JsonNode p = profileNamed(answer.json(), name);
            JsonNode chain = p.path("taskChains").path(task);
            if (chain.isMissingNode()) {
                List<String> tasks = new ArrayList<>(p.path("taskChains").propertyNames());
                throw new CliException(CliException.REJECTED, "Unknown task '" + task + "'. Tasks: "
                        + String.join(", ", tasks));
            }
            if (json()) {
                return printRaw(answer.body());
            }
            String override = text(p.path("overrides"), task);
            field("Task", style(task, "bold") + " under profile " + name);
            field("Override", override == null ? "none" : style(override, "cyan"));
            Table table = new Table("#", "MODEL", "ROLE").right(0);
            List<String> models = strings(chain);
            for (int i = 0; i < models.size(); i++) {
                table.add(i + 1, models.get(i), i == 0 ? (models.get(i).equals(override) ? "override" : "primary")
                        : "fallback");
            }
            if (models.isEmpty()) {
                out().println("No eligible model for this task under " + name + ".");
            } else {
                print(table);
            }
            return 0;
        }
    }

    @Command(name = "models", description = "List catalog models, filtered; pages of --size, from page 1.")
    static final class Models extends ApiCommand {

        @Option(names = "--provider", paramLabel = "<provider>", description = "Provider (source slug), e.g. openai.")
        String provider;
        @Option(names = "--tier", paramLabel = "<tier>", description = "Cost tier: low, medium or high.")
        String tier;
        @Option(names = "--modality", paramLabel = "<modality>", description = "e.g. text, image, audio.")
        String modality;
        @Option(names = {"-q", "--query"}, paramLabel = "<text>", description = "Text in the id or name.")
        String q;
        @Option(names = "--page", paramLabel = "<n>", defaultValue = "1", description = "Page, from 1 (default 1).")
        int page;
        @Option(names = "--size", paramLabel = "<n>", defaultValue = "50", description = "Models per page (default 50).")
        int size;

        @Override
        int execute() {
            if (page < 1) {
                throw new CliException(CliException.REJECTED, "--page starts at 1");
            }
            RoutewiseApi.Answer answer = api().get("/api/v1/models" + query(params("provider", provider, "tier", tier,
                    "modality", modality, "q", q, "page", page - 1, "size", size)));
            if (json()) {
                return printRaw(answer.body());
            }
            Table table = new Table("MODEL", "TIER", "IN $/MTOK", "OUT $/MTOK", "CONTEXT", "MODALITIES", "ENABLED")
                    .right(2, 3, 4);
            for (JsonNode m : answer.json().path("items")) {
                table.add(text(m, "id"), Styles.tier(text(m, "costTier")), price(m.path("inputPricePerMTok")),
                        price(m.path("outputPricePerMTok")),
                        m.path("contextTokens").isNumber() ? Styles.count(m.path("contextTokens").asLong()) : "-",
                        String.join(",", strings(m.path("modalities"))),
                        m.path("enabled").asBoolean() ? "yes" : new Table.Cell("no", "faint"));
            }
            long total = answer.json().path("total").asLong();
            if (table.isEmpty()) {
                out().println("No models match (" + total + " in total on these filters).");
                return 0;
            }
            print(table);
            long pages = Math.max(1, (total + size - 1) / size);
            out().println(style("Page " + page + " of " + pages + ", " + Styles.count(total) + " models", "faint"));
            return 0;
        }

        private static String price(JsonNode value) {
            return value.isNumber() ? Styles.usd(value.decimalValue()).substring(1) : "unpriced";
        }
    }

    @Command(name = "discover", description = "Discover models now: every enabled source, or one --source "
            + "(name, slug or id); prints each run's summary.")
    static final class Discover extends ApiCommand {

        @Option(names = "--source", paramLabel = "<name or id>", description = "Only this source.")
        String source;

        @Override
        int execute() {
            RoutewiseApi api = api();
            RoutewiseApi.Answer answer = source == null ? api.send("POST", "/api/v1/discovery/run", null)
                    : api.send("POST", "/api/v1/sources/" + sourceId(api) + "/discover", null);
            if (json()) {
                return printRaw(answer.body());
            }
            List<JsonNode> runs = new ArrayList<>();
            if (answer.json().isArray()) {
                answer.json().forEach(runs::add);
            } else {
                runs.add(answer.json());
            }
            if (runs.isEmpty()) {
                out().println("No enabled model sources to discover; add one in the console or POST /api/v1/sources.");
                return 0;
            }
            Table table = new Table("SOURCE", "STATUS", "LISTED", "ADDED", "UPDATED", "REMOVED", "UNCHANGED", "ERROR")
                    .right(2, 3, 4, 5, 6);
            for (JsonNode run : runs) {
                table.add(text(run, "source"), Styles.status(text(run, "status")), textOr(run, "listed", "-"),
                        run.path("added").asLong(), run.path("updated").asLong(), run.path("removed").asLong(),
                        run.path("unchanged").asLong(), textOr(run, "error", ""));
            }
            print(table);
            return 0;
        }

        private String sourceId(RoutewiseApi api) {
            if (source.matches("\\d+")) {
                return source;
            }
            List<String> names = new ArrayList<>();
            for (JsonNode s : api.get("/api/v1/sources").json()) {
                if (source.equalsIgnoreCase(text(s, "name")) || source.equalsIgnoreCase(text(s, "slug"))) {
                    return text(s, "id");
                }
                names.add(text(s, "name"));
            }
            throw new CliException(CliException.REJECTED, "No model source named '" + source + "'. Sources: "
                    + (names.isEmpty() ? "none" : String.join(", ", names)));
        }
    }

    @Command(name = "test", description = "Route a prompt without calling any model: the chosen model, why, "
            + "the top candidates with their factor scores, the fallback chain and the estimated cost.")
    static final class Test extends ApiCommand {

        @Parameters(paramLabel = "<prompt>", description = "The prompt to route (quote it).")
        String prompt;
        @Option(names = "--profile", paramLabel = "<profile>", description = "Profile (default: the active one).")
        String profile;
        @Option(names = "--task", paramLabel = "<task>", description = "Skip classification: this task.")
        String task;
        @Option(names = "--max-cost", paramLabel = "<usd>", description = "Cost cap for this request in US dollars.")
        BigDecimal maxCost;
        @Option(names = "--min-quality", paramLabel = "<0-100>", description = "Minimum quality score.")
        Double minQuality;
        @Option(names = "--max-latency-ms", paramLabel = "<ms>", description = "Maximum expected latency.")
        Integer maxLatencyMs;
        @Option(names = "--min-context", paramLabel = "<tokens>", description = "Minimum context window.")
        Integer minContext;
        @Option(names = "--image", description = "The request carries an image: only vision models are eligible.")
        boolean image;
        @Option(names = "--tools", description = "The request needs tool calling.")
        boolean tools;
        @Option(names = "--allow", paramLabel = "<pattern>", description = "Only these models, e.g. 'anthropic/*' "
                + "(repeatable).")
        List<String> allow;
        @Option(names = "--exclude", paramLabel = "<pattern>", description = "Never these models (repeatable).")
        List<String> exclude;
        @Option(names = "--candidates", paramLabel = "<n>", defaultValue = "5",
                description = "How many eligible candidates to show (default 5).")
        int candidates;

        @Override
        int execute() {
            Map<String, Object> constraints = new LinkedHashMap<>();
            putIf(constraints, "maxCostUsd", maxCost);
            putIf(constraints, "minQuality", minQuality);
            putIf(constraints, "maxLatencyMs", maxLatencyMs);
            putIf(constraints, "minContextTokens", minContext);
            putIf(constraints, "modalities", image ? List.of("text", "image") : null);
            putIf(constraints, "allowedModels", allow);
            putIf(constraints, "excludedModels", exclude);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("prompt", prompt);
            putIf(body, "profile", profile);
            putIf(body, "task", task);
            putIf(body, "constraints", constraints.isEmpty() ? null : constraints);
            putIf(body, "tools", tools ? Boolean.TRUE : null);
            RoutewiseApi.Answer answer = api().send("POST", "/api/v1/route", body);
            if (json()) {
                return printRaw(answer.body());
            }
            JsonNode d = answer.json();
            JsonNode model = d.path("model");
            String tier = text(model, "costTier");
            field("Model", style(text(model, "id"), "bold") + " " + Styles.apply(ansi(), "[" + (tier == null ? "unpriced" : tier)
                    + "]", tier == null ? "faint" : Styles.tierStyle(tier)));
            field("Profile", text(d, "profile"));
            field("Task", text(d, "task") + " (confidence " + Styles.decimal(d.path("confidence").asDouble(), 2)
                    + ", by " + text(d, "tier") + ")");
            field("Complexity", text(d, "complexity"));
            if (text(d, "rule") != null) {
                field("Rule", text(d, "rule"));
            }
            field("Estimated cost", d.path("estimatedCostUsd").isNumber()
                    ? Styles.usd(d.path("estimatedCostUsd").decimalValue()) : "unknown (unpriced)");
            out().println(style("Why:", "faint"));
            for (JsonNode reason : d.path("reasons")) {
                out().println("  - " + reason.asString());
            }
            Table table = new Table("#", "CANDIDATE", "SCORE", "CAPAB", "COST", "QUALITY", "LATENCY", "HISTORY",
                    "EST. COST").right(0, 2, 3, 4, 5, 6, 7, 8);
            int shown = 0;
            int excluded = 0;
            for (JsonNode c : d.path("candidates")) {
                if (!c.path("eligible").asBoolean()) {
                    excluded++;
                    continue;
                }
                if (shown++ >= candidates) {
                    continue;
                }
                JsonNode f = c.path("factors");
                table.add(shown, new Table.Cell(text(c, "model"), shown == 1 ? "bold" : null),
                        Styles.decimal(c.path("score").asDouble(), 3), factor(f, "capability"), factor(f, "cost"),
                        factor(f, "quality"), factor(f, "latency"), factor(f, "historical"),
                        c.path("estimatedCostUsd").isNumber() ? Styles.usd(c.path("estimatedCostUsd").decimalValue())
                                : "-");
            }
            out().println(style("Top candidates:", "faint"));
            print(table);
            if (excluded > 0) {
                out().println(style(excluded + " models excluded (--json lists each reason)", "faint"));
            }
            field("Fallback chain", strings(d.path("fallbackChain")).isEmpty() ? "none"
                    : String.join(" -> ", strings(d.path("fallbackChain"))));
            field("Decision", text(d, "decisionId") + " in " + d.path("latencyMicros").asLong() + " us");
            return 0;
        }

        private static String factor(JsonNode factors, String name) {
            return factors.path(name).isNumber() ? Styles.decimal(factors.path(name).asDouble(), 2) : "-";
        }
    }

    static JsonNode profileNamed(JsonNode router, String name) {
        for (JsonNode p : router.path("profiles")) {
            if (name.equals(text(p, "name"))) {
                return p;
            }
        }
        List<String> names = new ArrayList<>();
        router.path("profiles").forEach(p -> names.add(text(p, "name")));
        throw new CliException(CliException.REJECTED, "Unknown profile '" + name + "'. Profiles: "
                + String.join(", ", names));
    }

    /** Weights as whole percentages in the contract's order, e.g. 35/20/20/15/10. */
    static String weights(JsonNode weights) {
        List<String> parts = new ArrayList<>();
        for (String factor : List.of("capability", "cost", "quality", "latency", "historical")) {
            parts.add(weight(weights.path(factor)));
        }
        return String.join("/", parts);
    }

    /** Servers report weights as fractions (0.35); shown as percent (35). */
    static String weight(JsonNode value) {
        if (!value.isNumber()) {
            return "-";
        }
        double v = value.asDouble();
        double percent = v <= 1.0 ? v * 100 : v;
        return percent == Math.rint(percent) ? String.valueOf((long) percent) : Styles.decimal(percent, 1);
    }

    static String fallbacks(List<String> models, int max) {
        if (models.isEmpty()) {
            return "-";
        }
        String shown = String.join(", ", models.subList(0, Math.min(max, models.size())));
        return models.size() > max ? shown + " +" + (models.size() - max) : shown;
    }

    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static String text(JsonNode node, String field) {
        return RoutewiseApi.text(node, field);
    }

    private static void putIf(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
