package dev.routewise.cli;

import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/** A command that calls the REST API: global options, the run's output, and JSON helpers. */
abstract class ApiCommand implements Callable<Integer> {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Discovery of a slow provider may take a while; anything longer is a server problem. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);

    @Mixin
    GlobalOptions global;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        return execute();
    }

    abstract int execute();

    Io io() {
        return ((Cli) spec.root().userObject()).io();
    }

    PrintWriter out() {
        return io().out();
    }

    Ansi ansi() {
        return global.noColor ? Ansi.OFF : io().ansi();
    }

    RoutewiseApi api() {
        return new RoutewiseApi(global.url(io()), global.key(io()), CONNECT_TIMEOUT, REQUEST_TIMEOUT);
    }

    boolean json() {
        return global.json;
    }

    /** For {@code --json}: the server's body unchanged. */
    int printRaw(String body) {
        out().println(body);
        return 0;
    }

    void print(Table table) {
        out().print(table.render(ansi()));
    }

    String style(String text, String style) {
        return Styles.apply(ansi(), text, style);
    }

    /** A "label: value" line with the label dimmed. */
    void field(String label, Object value) {
        out().println(style(label + ":", "faint") + " " + (value == null ? "-" : value));
    }

    static String text(JsonNode node, String field) {
        return RoutewiseApi.text(node, field);
    }

    static String textOr(JsonNode node, String field, String fallback) {
        String value = text(node, field);
        return value == null ? fallback : value;
    }
}
