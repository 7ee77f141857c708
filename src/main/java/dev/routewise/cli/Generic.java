package dev.routewise.cli;

import tools.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints an answer whose exact shape this client does not fix (costs, budgets): top-level values as
 * "label: value" lines, each array of objects as a table of its scalar fields.
 */
final class Generic {

    private Generic() {
    }

    static void print(ApiCommand command, JsonNode answer) {
        if (answer.isArray()) {
            command.print(table(answer));
            return;
        }
        for (Map.Entry<String, JsonNode> e : answer.properties()) {
            JsonNode value = e.getValue();
            if (value.isArray() && !value.isEmpty() && value.get(0).isObject()) {
                command.out().println();
                command.out().println(command.style(e.getKey(), "bold"));
                command.print(table(value));
            } else if (value.isValueNode()) {
                command.field(e.getKey(), value.isNull() ? "-" : value.asString());
            } else {
                command.field(e.getKey(), value.toString());
            }
        }
    }

    static Table table(JsonNode rows) {
        Set<String> columns = new LinkedHashSet<>();
        rows.forEach(row -> row.properties().forEach(e -> {
            if (e.getValue().isValueNode()) {
                columns.add(e.getKey());
            }
        }));
        List<String> names = List.copyOf(columns);
        Table table = new Table(names.stream().map(Generic::header).toArray(String[]::new));
        for (int i = 0; i < names.size(); i++) {
            if (rows.get(0).path(names.get(i)).isNumber()) {
                table.right(i);
            }
        }
        for (JsonNode row : rows) {
            Object[] cells = new Object[names.size()];
            for (int i = 0; i < names.size(); i++) {
                JsonNode v = row.path(names.get(i));
                String text = v.isMissingNode() || v.isNull() ? "-" : v.asString();
                cells[i] = names.get(i).toLowerCase(java.util.Locale.ROOT).contains("tier") ? Styles.tier(text) : text;
            }
            table.add(cells);
        }
        return table;
    }

    /** costUsd -> COST USD */
    static String header(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }
}
