package dev.routewise.cli;

import picocli.CommandLine.Option;

/** The options every command takes. Defaults come from the environment, read per run (testable). */
final class GlobalOptions {

    static final String DEFAULT_URL = "http://localhost:8080";

    @Option(names = "--url", paramLabel = "<url>",
            description = "Routewise base URL (env ROUTEWISE_URL, default " + DEFAULT_URL + ").")
    String url;

    @Option(names = "--key", paramLabel = "<api key>",
            description = "API key sent as a bearer token (env ROUTEWISE_API_KEY).")
    String key;

    @Option(names = "--json", description = "Print the server's JSON as it is, for scripts.")
    boolean json;

    @Option(names = "--no-color", description = "No colours (also when NO_COLOR is set or output is not a terminal).")
    boolean noColor;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    String url(Io io) {
        String value = url != null ? url : io.env("ROUTEWISE_URL");
        return value == null ? DEFAULT_URL : value;
    }

    String key(Io io) {
        return key != null && !key.isBlank() ? key.strip() : io.env("ROUTEWISE_API_KEY");
    }
}
