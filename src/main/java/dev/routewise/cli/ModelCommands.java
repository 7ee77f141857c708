package dev.routewise.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.routewise.cli.RoutewiseApi.params;
import static dev.routewise.cli.RoutewiseApi.query;
import static dev.routewise.cli.RoutewiseApi.segment;

/**
 * {@code routewise model ...}: classification, usage statistics, costs, budgets and downgrade suggestions, export,
 * weights, reset.
 */
@Command(name = "model", description = "Classify prompts, usage statistics, costs, budgets, downgrade suggestions, "
        + "export, weights, reset.",
        subcommands = {ModelCommands.Classify.class, ModelCommands.Stats.class, ModelCommands.Cost.class,
                ModelCommands.Budget.class, ModelCommands.Suggestions.class, ModelCommands.Export.class,
                ModelCommands.Config.class, ModelCommands.Reset.class})
final class ModelCommands {

    enum Period { day, week, month }

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Command(name = "classify", description = "Classify a prompt: task, confidence, complexity, signals.")
    static final class Classify extends ApiCommand {

        @Parameters(paramLabel = "<prompt>", description = "The prompt to classify (quote it).")
        String prompt;

        @Override
        int execute() {
            RoutewiseApi.Answer answer = api().send("POST", "/api/v1/classify", Map.of("prompt", prompt));
            if (json()) {
                return printRaw(answer.body());
            }
            JsonNode c = answer.json();
            field("Task", style(text(c, "task"), "bold") + " (confidence "
                    + Styles.decimal(c.path("confidence").asDouble(), 2) + ", by " + text(c, "tier") + ")");
            field("Complexity", text(c, "complexity") + " (score " + Styles.decimal(c.path("complexityScore").asDouble(), 2)
                    + ")");
            field("Modalities", String.join(", ", RouterCommands.strings(c.path("requiredModalities"))));
            field("Estimated tokens", Styles.count(c.path("estimatedInputTokens").asLong()) + " in, "
                    + Styles.count(c.path("estimatedOutputTokens").asLong()) + " out");
            List<String> signals = new ArrayList<>();
            for (Map.Entry<String, JsonNode> s : c.path("signals").properties()) {
                JsonNode v = s.getValue();
                if (v.isBoolean() ? v.asBoolean() : !(v.isNull() || (v.isNumber() && v.asDouble() == 0)
                        || (v.isContainer() && v.isEmpty()) || (v.isString() && v.asString().isEmpty()))) {
                    signals.add(v.isBoolean() ? s.getKey() : s.getKey() + "=" + (v.isString() ? v.asString() : v));
                }
            }
            field("Signals", signals.isEmpty() ? "none" : String.join(", ", signals));
            List<String> sensitive = RouterCommands.strings(c.path("sensitiveData"));
            if (!sensitive.isEmpty()) {
                field("Sensitive data", style(String.join(", ", sensitive), "red"));
            }
            if (text(c, "lockedModel") != null) {
                field("Locked to", text(c, "lockedModel"));
            }
            List<Map.Entry<String, JsonNode>> scores = new ArrayList<>(c.path("scores").properties());
            scores.sort(Comparator.comparingDouble((Map.Entry<String, JsonNode> e) -> e.getValue().asDouble()).reversed());
            Table table = new Table("TASK", "SCORE").right(1);
            scores.stream().limit(5).forEach(e -> table.add(e.getKey(), Styles.decimal(e.getValue().asDouble(), 3)));
            out().println(style("Scores:", "faint"));
            print(table);
            List<String> reasons = RouterCommands.strings(c.path("reasons"));
            if (!reasons.isEmpty()) {
                out().println(style("Why:", "faint"));
                reasons.forEach(r -> out().println("  - " + r));
            }
            return 0;
        }
    }

    @Command(name = "stats", description = "Routing statistics for the last day, week (7 days) or month (30 days): "
            + "decisions by model, task and profile, latency, outcomes, overrides and estimated cost.")
    static final class Stats extends ApiCommand {

        @Option(names = "--period", paramLabel = "<period>", defaultValue = "day",
                description = "day, week or month (default day).")
        Period period;

        @Override
        int execute() {
            RoutewiseApi.Answer answer = api().get("/api/v1/stats" + query(params("period", period)));
            if (json()) {
                return printRaw(answer.body());
            }
            JsonNode s = answer.json();
            field("Window", text(s, "from") + " to " + text(s, "to") + " (" + text(s, "period") + ")");
            long total = s.path("totalDecisions").asLong();
            field("Decisions", Styles.count(total) + " (" + Styles.count(s.path("routed").asLong()) + " routed to a model)");
            if (total == 0) {
                out().println("No routing decisions in this window.");
                return 0;
            }
            JsonNode latency = s.path("latency");
            field("Routing latency", "p50 " + latency.path("p50Micros").asLong() + " us, p95 "
                    + latency.path("p95Micros").asLong() + " us, max " + latency.path("maxMicros").asLong() + " us");
            field("Estimated cost", Styles.usd(s.path("estimatedCostUsd").decimalValue()) + " (estimated"
                    + (s.path("unpricedDecisions").asLong() > 0
                    ? "; " + s.path("unpricedDecisions").asLong() + " decisions for unpriced models not counted" : "")
                    + ")");
            JsonNode o = s.path("outcomes");
            long reported = o.path("reported").asLong();
            field("Outcomes reported", reported == 0 ? "none" : Styles.count(reported) + ", success "
                    + Styles.percent(o.path("successRate").asDouble())
                    + (o.path("averageRating").isNumber() ? ", average rating "
                    + Styles.decimal(o.path("averageRating").asDouble(), 2) + "/5" : "")
                    + ", overridden by users " + o.path("overrides").asLong() + " times ("
                    + Styles.percent(o.path("overrideRate").asDouble()) + ")");
            groups("By model", "MODEL", s.path("byModel"));
            groups("By task", "TASK", s.path("byTask"));
            groups("By profile", "PROFILE", s.path("byProfile"));
            return 0;
        }

        private void groups(String title, String column, JsonNode groups) {
            out().println();
            out().println(style(title, "bold"));
            Table table = new Table(column, "DECISIONS", "SHARE").right(1, 2);
            for (JsonNode g : groups) {
                table.add(textOr(g, "key", "(no eligible model)"), Styles.count(g.path("count").asLong()),
                        Styles.percent(g.path("share").asDouble()));
            }
            print(table);
        }
    }

    @Command(name = "cost", description = "Spend per period from the cost ledger, grouped by model, provider, task, "
            + "profile, user, team or key, with unknown costs at their estimate and what routing saved.")
    static final class Cost extends ApiCommand {

        enum GroupBy { model, provider, task, profile, user, team, key }

        @Option(names = "--period", paramLabel = "<period>", defaultValue = "day",
                description = "day (today), week (the last 7 days) or month (this calendar month); default day.")
        Period period;
        @Option(names = "--from", paramLabel = "<date>", description = "First day, e.g. 2026-03-01 (with --to).")
        String from;
        @Option(names = "--to", paramLabel = "<date>", description = "Last day, included (with --from).")
        String to;
        @Option(names = "--group-by", paramLabel = "<group>", defaultValue = "model",
                description = "model, provider, task, profile, user, team or key (default model).")
        GroupBy groupBy;

        @Override
        int execute() {
            RoutewiseApi.Answer answer = notYet(() -> api().get("/api/v1/costs" + query(params("period",
                    from == null && to == null ? period : null, "from", from, "to", to, "groupBy", groupBy))),
                    "GET /api/v1/costs", "cost ledger");
            if (json()) {
                return printRaw(answer.body());
            }
            JsonNode r = answer.json();
            JsonNode p = r.path("period");
            JsonNode totals = r.path("totals");
            field("Period", text(p, "from") + " to " + text(p, "to") + " (" + text(p, "name") + ", "
                    + text(r, "timeZone") + ")");
            long calls = totals.path("calls").asLong();
            field("Calls", Styles.count(calls));
            if (calls == 0) {
                out().println("No calls in this period.");
                return 0;
            }
            field("Known cost", Styles.usd(totals.path("knownCostUsd").decimalValue()));
            long unknown = totals.path("unknownCostCalls").asLong();
            if (unknown > 0) {
                long unestimated = totals.path("unestimatedCalls").asLong();
                field("Unknown cost", Styles.count(unknown) + " calls, estimated "
                        + Styles.usd(totals.path("unknownCostEstimateUsd").decimalValue())
                        + (unestimated > 0 ? " (" + Styles.count(unestimated) + " without an estimate)" : "")
                        + "; not counted as $0");
            }
            JsonNode s = r.path("savings");
            if (s.path("calls").asLong() > 0) {
                field("Savings", "actual " + Styles.usd(s.path("actualUsd").decimalValue()) + " vs always the "
                        + "profile's top model " + Styles.usd(s.path("topModelUsd").decimalValue()) + " (saved "
                        + saved(s, "savedVsTopModel") + ") vs always premium "
                        + Styles.usd(s.path("premiumUsd").decimalValue()) + " (saved " + saved(s, "savedVsPremium")
                        + "), over " + Styles.count(s.path("calls").asLong()) + " calls");
            }
            out().println();
            Table table = new Table(groupBy.name().toUpperCase(java.util.Locale.ROOT), "CALLS", "TOKENS",
                    "KNOWN USD", "UNKNOWN", "ESTIMATED USD", "SHARE", "SAVED VS TOP").right(1, 2, 3, 4, 5, 6, 7);
            for (JsonNode row : r.path("rows")) {
                JsonNode t = row.path("tokens");
                long rowUnknown = row.path("unknownCostCalls").asLong();
                table.add(textOr(row, "key", "(none)"), Styles.count(row.path("calls").asLong()),
                        Styles.count(t.path("input").asLong() + t.path("output").asLong()),
                        Styles.usd(row.path("knownCostUsd").decimalValue()),
                        rowUnknown == 0 ? "-" : Styles.count(rowUnknown),
                        rowUnknown == 0 ? "-" : Styles.usd(row.path("unknownCostEstimateUsd").decimalValue()),
                        row.path("share").isNumber() ? Styles.percent(row.path("share").asDouble()) : "-",
                        row.path("savings").path("calls").asLong() == 0 ? "-"
                                : Styles.usd(row.path("savings").path("savedVsTopModelUsd").decimalValue()));
            }
            print(table);
            return 0;
        }

        private static String saved(JsonNode savings, String prefix) {
            JsonNode percent = savings.path(prefix + "Percent");
            java.math.BigDecimal amount = savings.path(prefix + "Usd").decimalValue();
            return (amount.signum() < 0 ? "-" : "") + Styles.usd(amount.abs())
                    + (percent.isNumber() ? ", " + percent.decimalValue().toPlainString() + "%" : "");
        }
    }

    @Command(name = "budget", description = "Budgets and how much of each window is spent, reserved and left.")
    static final class Budget extends ApiCommand {

        @Override
        int execute() {
            RoutewiseApi.Answer answer = notYet(() -> api().get("/api/v1/budget"), "GET /api/v1/budget", "budgets");
            if (json()) {
                return printRaw(answer.body());
            }
            if (answer.json().isEmpty()) {
                out().println("No budgets: create them in the console or with POST /api/v1/budgets.");
                return 0;
            }
            Table table = new Table("SCOPE", "PERIOD", "POLICY", "LIMIT USD", "SPENT USD", "RESERVED USD",
                    "REMAINING USD", "WINDOW FROM").right(3, 4, 5, 6);
            for (JsonNode s : answer.json()) {
                JsonNode b = s.path("budget");
                String scope = b.path("scope").asString("") + (b.path("scopeId").isNull() || b.path("scopeId")
                        .isMissingNode() ? "" : " " + b.path("scopeId").asString());
                table.add(scope, b.path("period").asString(""), b.path("policy").asString(""),
                        b.path("limitUsd").asString(""), s.path("spentUsd").asString(""),
                        s.path("reservedUsd").asString(""), s.path("exhausted").asBoolean(false) ? "exhausted"
                                : s.path("remainingUsd").asString(""), textOr(s, "windowStart", "per request"));
            }
            print(table);
            return 0;
        }
    }

    @Command(name = "suggestions", description = "Downgrade suggestions: where a cheaper model did as well on a "
            + "task over the last 30 days, with the estimated monthly saving.")
    static final class Suggestions extends ApiCommand {

        @Override
        int execute() {
            RoutewiseApi.Answer answer = notYet(() -> api().get("/api/v1/costs/suggestions"),
                    "GET /api/v1/costs/suggestions", "downgrade suggestions");
            if (json()) {
                return printRaw(answer.body());
            }
            if (answer.json().isEmpty()) {
                out().println("No downgrade suggestions: a cheaper model is suggested once it and the current model "
                        + "each have at least 20 calls on the same task in the last 30 days, with a success rate "
                        + "at most 2 points lower (and, when the current model has 5 or more ratings, as many "
                        + "ratings averaging at most 0.1 lower).");
                return 0;
            }
            Table table = new Table("TASK", "CURRENT MODEL", "SUGGESTED", "CALLS", "SUCCESS", "RATING",
                    "MONTHLY SAVING USD", "SAVING %").right(3, 6, 7);
            BigDecimal total = BigDecimal.ZERO;
            for (JsonNode s : answer.json()) {
                BigDecimal saving = s.path("monthlySavingUsd").decimalValue();
                total = total.add(saving);
                table.add(textOr(s, "task", "-"), textOr(s, "currentModel", "-"), textOr(s, "suggestedModel", "-"),
                        Styles.count(s.path("calls").asLong()) + " / "
                                + Styles.count(s.path("suggestedCalls").asLong()),
                        Styles.percent(s.path("currentSuccessRate").asDouble()) + " -> "
                                + Styles.percent(s.path("suggestedSuccessRate").asDouble()),
                        s.path("currentRating").isNumber() ? Styles.decimal(s.path("currentRating").asDouble(), 2)
                                + " -> " + Styles.decimal(s.path("suggestedRating").asDouble(), 2) : "not rated",
                        new Table.Cell(Styles.usd(saving), "green"),
                        Styles.percent(s.path("savingShare").asDouble()));
            }
            out().println(style("Cheaper models that did as well on a task in the last 30 days (current -> "
                    + "suggested; calls of each; saving on the current volume at today's prices):", "faint"));
            print(table);
            field("Estimated saving", Styles.usd(total) + " per month if every suggestion is taken");
            return 0;
        }
    }

    @Command(name = "export", description = "Export the decision log (one row per decision, with its outcome) "
            + "as JSON or CSV, to a file or standard output.")
    static final class Export extends ApiCommand {

        enum Format { json, csv }

        @Option(names = "--format", paramLabel = "<format>", defaultValue = "json", description = "json or csv.")
        Format format;
        @Option(names = {"-o", "--output"}, paramLabel = "<file>", description = "Write to this file.")
        Path output;
        @Option(names = "--from", paramLabel = "<instant>", description = "From this time, e.g. 2026-01-31T00:00:00Z.")
        String from;
        @Option(names = "--to", paramLabel = "<instant>", description = "Before this time.")
        String to;

        @Override
        int execute() {
            RoutewiseApi api = api();
            try (InputStream body = api.download("/api/v1/export" + query(params("format", format, "from", from,
                    "to", to)))) {
                if (output == null) {
                    try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8)) {
                        reader.transferTo(out());
                    }
                    out().flush();
                    return 0;
                }
                long bytes;
                try (OutputStream file = Files.newOutputStream(output)) {
                    bytes = body.transferTo(file);
                }
                out().println("Exported the decision log to " + output + " (" + Styles.count(bytes) + " bytes, "
                        + format + ").");
                return 0;
            } catch (IOException e) {
                throw new CliException(1, "Export failed: " + e.getMessage());
            }
        }
    }

    @Command(name = "config", description = "Show a profile's scoring weights, or change them with --set-weight "
            + "<factor> <value> (factors: capability, cost, quality, latency, historical).")
    static final class Config extends ApiCommand {

        @Option(names = "--profile", paramLabel = "<profile>", description = "Profile (default: the active one).")
        String profile;

        @Option(names = "--set-weight", arity = "2", paramLabel = "<factor> <value>",
                description = "Set a weight, e.g. --set-weight cost 30 (repeatable).")
        List<String> setWeight;

        @Override
        int execute() {
            RoutewiseApi api = api();
            if (setWeight == null || setWeight.isEmpty()) {
                RoutewiseApi.Answer router = api.get("/api/v1/router");
                if (json()) {
                    return printRaw(router.body());
                }
                String name = profile != null ? profile : text(router.json(), "activeProfile");
                show(RouterCommands.profileNamed(router.json(), name));
                return 0;
            }
            Map<String, BigDecimal> weights = new LinkedHashMap<>();
            for (int i = 0; i < setWeight.size(); i += 2) {
                try {
                    weights.put(setWeight.get(i), new BigDecimal(setWeight.get(i + 1)));
                } catch (NumberFormatException e) {
                    throw new ParameterException(spec.commandLine(), "--set-weight " + setWeight.get(i)
                            + ": '" + setWeight.get(i + 1) + "' is not a number");
                }
            }
            String name = profile != null ? profile : text(api.get("/api/v1/router").json(), "activeProfile");
            RoutewiseApi.Answer answer = api.send("PATCH", "/api/v1/router/profiles/" + segment(name) + "/weights",
                    weights);
            if (json()) {
                return printRaw(answer.body());
            }
            show(answer.json());
            return 0;
        }

        private void show(JsonNode profile) {
            field("Profile", style(text(profile, "name"), "bold") + " - " + textOr(profile, "description", ""));
            Table table = new Table("FACTOR", "WEIGHT").right(1);
            for (Map.Entry<String, JsonNode> w : profile.path("weights").properties()) {
                table.add(w.getKey(), RouterCommands.weight(w.getValue()));
            }
            print(table);
            List<String> tiers = RouterCommands.strings(profile.path("tierPreference"));
            if (!tiers.isEmpty()) {
                field("Tier preference", String.join(" > ", tiers));
            }
        }
    }

    @Command(name = "reset", description = "Clear the decision cache and the learned statistics (admin).")
    static final class Reset extends ApiCommand {

        @Override
        int execute() {
            RoutewiseApi.Answer answer = api().send("POST", "/api/v1/router/reset", null);
            if (json()) {
                return printRaw(answer.body());
            }
            out().println("Cleared " + answer.json().path("cacheEntriesCleared").asLong() + " cache entries and "
                    + answer.json().path("learnedStatsCleared").asLong() + " learned statistics.");
            return 0;
        }
    }

    /** Endpoints of a later server version: a 404 means this server does not have the feature yet. */
    static RoutewiseApi.Answer notYet(java.util.function.Supplier<RoutewiseApi.Answer> call, String endpoint,
                                      String feature) {
        try {
            return call.get();
        } catch (CliException e) {
            if (e.status() == 404) {
                throw new CliException(CliException.REJECTED, 404, "This server has no " + feature + " yet ("
                        + endpoint + " answered 404). 'routewise model stats' shows the estimated cost of decisions.");
            }
            throw e;
        }
    }
}
