package dev.routewise.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * The entry point of the command-line client: {@code java -jar routewise.jar router status}.
 * {@link #run} is the whole program (tests call it with their own writers and environment);
 * {@link #main} only binds it to the process.
 */
@Command(name = "routewise",
        description = "Command-line client of a Routewise server's REST API.",
        subcommands = {RouterCommands.class, ModelCommands.class, HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
                "  0  ok",
                "  1  local failure (e.g. the export file cannot be written)",
                "  2  usage error: unknown command or option, missing argument",
                "  3  not authenticated (401) or role not allowed (403): see --key",
                "  4  request rejected (400, 404, 409, 422): the reasons are printed",
                "  5  server unreachable, timed out or failing (5xx): the URL is printed",
                "%nEnvironment: ROUTEWISE_URL, ROUTEWISE_API_KEY, NO_COLOR.",
                "Every command takes --url, --key, --json and --no-color; see <command> --help."})
public final class Cli {

    /** First arguments that mean "run the CLI" rather than "start the server". */
    private static final Set<String> COMMANDS = Set.of("router", "model", "help", "--help", "-h");

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    private final Io io;

    private Cli(Io io) {
        this.io = io;
    }

    Io io() {
        return io;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, System.out.charset()), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, System.err.charset()), true);
        int code = run(args, out, err, System.getenv());
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** True when these program arguments are a CLI command, so the server must not start. */
    public static boolean isCommand(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    /** Runs one command line; returns its exit code. Colour only on a terminal, never with --no-color or NO_COLOR. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
        return run(args, out, err, env, Ansi.AUTO);
    }

    /** {@code ansi} is what the output supports; --no-color and NO_COLOR turn it off (help text included). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env, Ansi ansi) {
        boolean noColor = !env.getOrDefault("NO_COLOR", "").isEmpty() || Arrays.asList(args).contains("--no-color");
        Ansi resolved = !noColor && ansi.enabled() ? Ansi.ON : Ansi.OFF;
        CommandLine cli = new CommandLine(new Cli(new Io(out, err, env, resolved)));
        cli.setOut(out);
        cli.setErr(err);
        cli.setColorScheme(CommandLine.Help.defaultColorScheme(resolved));
        // prompts may start with '@'; they are text, not argument files
        cli.setExpandAtFiles(false);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            if (e instanceof CliException failure) {
                err.println(Styles.apply(resolved, "Error:", "red,bold") + " " + failure.getMessage());
                return failure.exitCode();
            }
            err.println("Error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            return 1;
        });
        try {
            return cli.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }
}
