package dev.routewise.cli;

import picocli.CommandLine.Help.Ansi;

import java.io.PrintWriter;
import java.util.Map;

/** Where a CLI run writes, what environment it reads, and whether colour is wanted at all. */
record Io(PrintWriter out, PrintWriter err, Map<String, String> env, Ansi ansi) {

    String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
