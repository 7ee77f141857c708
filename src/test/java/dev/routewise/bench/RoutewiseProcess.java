package dev.routewise.bench;

import dev.routewise.support.ApiClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The packaged Routewise ({@code target/routewise.jar}) run in a process of its own, the way users run it, for
 * benchmarks that measure it from outside (wrk, other gateways beside it): production mode, its own JVM and heap,
 * nothing of the load generator in it. It gets a free port, a throw-away SQLite file and secret key, and
 * {@link ApiClient#MASTER_KEY} as master key so the bench can set it up over the REST API. Closing it stops the
 * process and deletes its files.
 */
final class RoutewiseProcess implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path dir;
    private final Path log;
    private final Process process;
    private final int port;
    private final ApiClient api;

    private RoutewiseProcess(Path dir, Path log, Process process, int port) {
        this.dir = dir;
        this.log = log;
        this.process = process;
        this.port = port;
        this.api = new ApiClient(port);
    }

    /** Starts the jar with the JVM that runs this bench and waits until its health check answers UP. */
    static RoutewiseProcess start(Path jar, Duration startTimeout) throws IOException {
        Path dir = Files.createTempDirectory("routewise-gateway-bench");
        Path log = dir.resolve("routewise.log");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // e.g. -Dbench.jvmArgs="-XX:StartFlightRecording=filename=/tmp/gw.jfr" to profile the gateway
        for (String arg : System.getProperty("bench.jvmArgs", "").split("\\s+")) {
            if (!arg.isBlank()) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = pb.environment();
        env.put("ROUTEWISE_DB_PATH", dir.resolve("routewise.db").toString());
        env.put("ROUTEWISE_SECRET_KEY_FILE", dir.resolve("secret.key").toString());
        env.put("ROUTEWISE_MASTER_KEY", ApiClient.MASTER_KEY);
        env.remove("ROUTEWISE_SECRET_KEY");
        env.remove("PORT");
        RoutewiseProcess routewise = new RoutewiseProcess(dir, log, pb.start(), port);
        try {
            routewise.await("Routewise to start (GET /actuator/health answering UP)", startTimeout,
                    Duration.ofMillis(250), () -> {
                        HttpResponse<String> r = routewise.api.call("GET", "/actuator/health", null, null);
                        return r.statusCode() == 200 && r.body().contains("\"UP\"");
                    });
        } catch (RuntimeException e) {
            routewise.close();
            throw e;
        }
        return routewise;
    }

    /** A port nothing listens on right now (the OS's pick). */
    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /**
     * Adds an enabled {@code openai-compatible} source for {@code baseUrl}, discovers it until a run succeeds (the
     * first one, started when the source is created, may still be running or may have failed) and answers the
     * catalog id of {@code modelId} as that source lists it.
     */
    String addSourceAndDiscover(String name, String baseUrl, String modelId, Duration timeout) {
        JsonNode source = json(expect(201, api.post("/api/v1/sources", JSON.writeValueAsString(Map.of(
                "name", name, "type", "openai-compatible", "baseUrl", baseUrl, "enabled", true))), "create source"));
        long id = source.path("id").asLong();
        AtomicReference<String> lastError = new AtomicReference<>("no answer yet");
        await("discovery of " + baseUrl + " to succeed", timeout, Duration.ofMillis(500), () -> {
            // answers when the run ends; joins a run already under way
            JsonNode run = json(api.post("/api/v1/sources/" + id + "/discover", null).body());
            lastError.set(run.path("status").asString("?") + ": " + run.path("error").asString(run.toString()));
            return "ok".equals(run.path("status").asString());
        }, lastError);
        AtomicReference<String> catalogId = new AtomicReference<>();
        await(modelId + " in the catalog", timeout, Duration.ofMillis(200), () -> {
            JsonNode page = json(api.get("/api/v1/models?q=" + URLEncoder.encode(modelId, StandardCharsets.UTF_8)
                    + "&size=100").body());
            for (JsonNode m : page.path("items")) {
                if (modelId.equals(m.path("modelId").asString()) && name.equals(m.path("source").asString())) {
                    catalogId.set(m.path("id").asString());
                    return true;
                }
            }
            return false;
        });
        return catalogId.get();
    }

    /** A new API key of the given role, as a client of the gateway would hold; answers its secret. */
    String createKey(String name, String role) {
        return json(expect(201, api.post("/api/v1/keys", JSON.writeValueAsString(Map.of("name", name, "role", role))),
                "create API key")).path("secret").asString();
    }

    /**
     * Waits until the classifier is done loading its embedding model (or failed, or is off): it loads in the
     * background after start-up, takes a core for seconds and changes the gateway's classification tier, so
     * measuring before it settles would measure the load.
     */
    void awaitClassifierSettled(Duration timeout) {
        await("the classifier's embedding model to load (GET /api/v1/classify/status)", timeout,
                Duration.ofMillis(500), () -> {
                    JsonNode s = json(api.get("/api/v1/classify/status").body());
                    return !s.path("training").asBoolean() && (s.path("embeddingsReady").asBoolean()
                            || !s.path("embeddingsEnabled").asBoolean() || !s.path("lastError").isNull());
                });
    }

    /**
     * Sends a chat completion for {@code model} through the gateway until it answers 200 (the router reads the
     * catalog from a snapshot that follows discovery shortly after); answers the model the gateway says it used.
     */
    String awaitGatewayAnswers(String key, String model, Duration timeout) {
        String request = JSON.writeValueAsString(Map.of("model", model,
                "messages", List.of(Map.of("role", "user", "content", "Say ok"))));
        AtomicReference<String> last = new AtomicReference<>("no answer yet");
        AtomicReference<String> used = new AtomicReference<>();
        await("POST /v1/chat/completions with " + model + " to answer 200", timeout, Duration.ofMillis(200), () -> {
            HttpResponse<String> r = api.call("POST", "/v1/chat/completions", key, request);
            last.set(r.statusCode() + " " + r.body());
            used.set(r.headers().firstValue("x-routewise-model").orElse("(no x-routewise-model header)"));
            return r.statusCode() == 200;
        }, last);
        return used.get();
    }

    /** CPU time the server's process has used so far, all its threads (JIT and GC included). */
    Optional<Duration> cpuTime() {
        return process.info().totalCpuDuration();
    }

    /** The last lines of the server's log, for failure messages. */
    String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void await(String what, Duration timeout, Duration every, java.util.concurrent.Callable<Boolean> done) {
        await(what, timeout, every, done, null);
    }

    /** Polls {@code done} until true; fails at once, with the server's log, when the process has exited. */
    private void await(String what, Duration timeout, Duration every, java.util.concurrent.Callable<Boolean> done,
                       AtomicReference<String> lastState) {
        try {
            Awaitility.await(what).atMost(timeout).pollInterval(every).pollDelay(Duration.ZERO)
                    .ignoreExceptionsInstanceOf(UncheckedIOException.class)
                    .failFast(() -> !process.isAlive())
                    .until(done);
        } catch (TerminalFailureException e) {
            throw new IllegalStateException("Routewise exited with code " + process.exitValue() + " while waiting for "
                    + what + "; its log ends with:\n" + logTail(40), e);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
                    + (lastState == null ? "" : " (last: " + lastState.get() + ")") + "; Routewise's log ends with:\n"
                    + logTail(40), e);
        }
    }

    private static String expect(int status, HttpResponse<String> r, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException(what + ": Routewise answered " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("Could not delete " + dir + ": " + e.getMessage());
        }
    }
}
