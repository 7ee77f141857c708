package dev.routewise.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Help.Ansi;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI without a server: help, usage errors, colour switches and an unreachable server. */
class CliUsageTest {

    record Run(int code, String out, String err) {
    }

    static Run run(Map<String, String> env, Ansi ansi, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), env, ansi);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void help_lists_the_commands_and_the_exit_codes() {
        Run top = run(Map.of(), Ansi.OFF, "--help");
        Run router = run(Map.of(), Ansi.OFF, "router", "--help");
        Run model = run(Map.of(), Ansi.OFF, "help", "model");

        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("router", "model", "Exit codes:", "3  not authenticated", "ROUTEWISE_API_KEY");
        assertThat(router.out()).contains("status", "profile", "task", "models", "discover", "test");
        assertThat(model.out()).contains("classify", "stats", "cost", "budget", "suggestions", "export", "config",
                "reset");
    }

    @Test
    void each_command_documents_the_global_options() {
        Run help = run(Map.of(), Ansi.OFF, "router", "test", "--help");

        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("--url", "ROUTEWISE_URL", "--key", "--json", "--no-color", "--max-cost",
                "--image");
    }

    @Test
    void unknown_commands_options_and_missing_arguments_are_usage_errors_with_exit_code_2() {
        assertThat(run(Map.of(), Ansi.OFF, "router", "bogus").code()).isEqualTo(2);
        assertThat(run(Map.of(), Ansi.OFF, "router", "status", "--frobnicate").code()).isEqualTo(2);
        Run missing = run(Map.of(), Ansi.OFF, "model", "classify");
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("Missing required parameter: '<prompt>'");
        assertThat(run(Map.of(), Ansi.OFF, "router", "task", "code", "--set", "x", "--clear").code()).isEqualTo(2);
        assertThat(run(Map.of(), Ansi.OFF, "model", "stats", "--period", "year").code()).isEqualTo(2);
        assertThat(run(Map.of(), Ansi.OFF, "router", "status", "--url", "ftp://example").err())
                .contains("not an http(s) URL");
    }

    @Test
    void an_unreachable_server_is_exit_code_5_with_the_url_tried_and_no_stack_trace() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        Run run = run(Map.of("ROUTEWISE_URL", "http://127.0.0.1:" + port), Ansi.OFF, "router", "status");

        assertThat(run.code()).isEqualTo(5);
        assertThat(run.err()).contains("Cannot reach Routewise at http://127.0.0.1:" + port + "/api/v1/router")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void colour_is_off_with_no_color_and_for_output_that_is_not_a_terminal() {
        assertThat(run(Map.of(), Ansi.ON, "--help").out()).contains("\u001B[");
        assertThat(run(Map.of(), Ansi.ON, "router", "status", "--help", "--no-color").out()).doesNotContain("\u001B[");
        assertThat(run(Map.of("NO_COLOR", "1"), Ansi.ON, "--help").out()).doesNotContain("\u001B[");
        StringWriter out = new StringWriter();
        // the public entry point decides by itself: a StringWriter is not a terminal, NO_COLOR wins anyway
        Cli.run(new String[]{"--help"}, new PrintWriter(out), new PrintWriter(new StringWriter()),
                Map.of("NO_COLOR", "1"));
        assertThat(out.toString()).doesNotContain("\u001B[");
        assertThat(Cli.isCommand(new String[]{"router", "status"})).isTrue();
        assertThat(Cli.isCommand(new String[]{"--server.port=8091"})).isFalse();
        assertThat(Cli.isCommand(new String[0])).isFalse();
    }
}
