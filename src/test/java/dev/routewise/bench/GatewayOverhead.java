package dev.routewise.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

/**
 * What the gateway adds to a call, side by side with Portkey's open-source gateway, in one repeatable command. It
 * starts the packaged Routewise on a free port with a throw-away database, points an {@code openai-compatible}
 * source at the stub of the shared bench ({@code ../shared/bench/gateway-overhead}), discovers it, creates an API
 * key, warms the gateway up, then runs the shared {@code run.sh} (wrk at 1 and 64 connections: the stub directly,
 * through Portkey when installed, through Routewise) and prints its figures with the added latency, the
 * throughput ratios and each gateway process's CPU time per request (which the other load of a shared machine
 * changes far less than latency). Then streaming: the shared stub does not stream, so a {@link StreamingStub} of
 * its own stands upstream and {@link StreamTimer} measures the time to the first byte directly, through Portkey and
 * through Routewise; while the gateway refuses {@code "stream": true} (400) that part says so and is skipped.
 * <p>
 * Run: {@code ./mvnw -q -DskipTests package exec:java@gateway-overhead} (4 to 8 minutes). Needs wrk and node;
 * Portkey is optional ({@code npm install --prefix /tmp/portkey @portkey-ai/gateway@1.15.2}, or
 * {@code PORTKEY_DIR}). Options as system properties: {@code -Dbench.seconds=10} (per wrk point),
 * {@code -Dbench.warmup.requests=40000} and {@code -Dbench.warmup.max=300} (the warm-up of Routewise before
 * run.sh: see {@link #warmUp}), {@code -Dbench.stream.requests=200}, {@code -Dbench.stream.warmup=200}.
 */
public final class GatewayOverhead {

    private static final int SECONDS = Integer.getInteger("bench.seconds", 10);
    private static final int WARMUP_REQUESTS = Integer.getInteger("bench.warmup.requests", 40_000);
    private static final int WARMUP_MAX_SECONDS = Integer.getInteger("bench.warmup.max", 300);
    private static final int WARMUP_ROUND_SECONDS = 5;
    private static final int STREAM_REQUESTS = Integer.getInteger("bench.stream.requests", 200);
    private static final int STREAM_WARMUP = Integer.getInteger("bench.stream.warmup", 200);
    /** The stream: a first event at once, then this many more, {@link #STREAM_GAP_MILLIS} apart. */
    private static final int STREAM_CHUNKS = 5;
    private static final long STREAM_GAP_MILLIS = 10;
    /** Where run.sh starts its stub and Portkey; fixed by the script. */
    private static final int STUB_PORT = 19001;
    private static final int RUN_SH_PORTKEY_PORT = 19002;
    private static final String STUB_MODEL = "bench-model";
    private static final Pattern RESULT = Pattern.compile("^(\\S+) c=(\\d+) RESULT rps=(\\d+) p50_us=(\\d+) "
            + "p90_us=(\\d+) p99_us=(\\d+) errors=(\\d+)");

    /**
     * One wrk measurement as run.sh prints it, and the CPU time the gateway's process spent per request meanwhile
     * (NaN where not measured): on a shared machine, other load changes that cost far less than the latencies.
     */
    record Point(String target, int connections, long rps, long p50, long p90, long p99, long errors,
                 double cpuMicrosPerRequest) {

        Point withCpu(Duration cpu, int seconds) {
            return new Point(target, connections, rps, p50, p90, p99, errors,
                    rps == 0 ? Double.NaN : cpu.toNanos() / 1e3 / (rps * (double) seconds));
        }

        static Optional<Point> parse(String line) {
            Matcher m = RESULT.matcher(line.trim());
            if (!m.find()) {
                return Optional.empty();
            }
            return Optional.of(new Point(m.group(1), Integer.parseInt(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                    Long.parseLong(m.group(7)), Double.NaN));
        }
    }

    private GatewayOverhead() {
    }

    public static void main(String[] args) throws Exception {
        Path runSh = Path.of(System.getProperty("bench.runScript", "../shared/bench/gateway-overhead/run.sh"))
                .toAbsolutePath().normalize();
        Path jar = Path.of(System.getProperty("bench.jar", "target/routewise.jar")).toAbsolutePath().normalize();
        Path portkey = Path.of(Optional.ofNullable(System.getenv("PORTKEY_DIR"))
                .orElse("/tmp/portkey/node_modules/@portkey-ai/gateway"));
        require(Files.isRegularFile(runSh), "The shared gateway bench is missing: no " + runSh
                + " (it lives in ../shared/bench/gateway-overhead beside the repository)");
        require(onPath("wrk"), "wrk is not installed; install it with: apt-get install -y wrk");
        require(onPath("node"), "node is not installed (the shared stub and Portkey run on it); install it with: "
                + "apt-get install -y nodejs");
        require(Files.isRegularFile(jar), "No " + jar + ": build it first with ./mvnw -q -DskipTests package "
                + "(the one-line command ./mvnw -q -DskipTests package exec:java@gateway-overhead does)");
        boolean withPortkey = Files.isRegularFile(portkey.resolve("build/start-server.js"));
        requirePortFree(STUB_PORT, "run.sh's stub");
        if (withPortkey) {
            requirePortFree(RUN_SH_PORTKEY_PORT, "run.sh's Portkey");
        }
        // what this bench started goes with it, also on Ctrl-C
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
                ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));

        System.out.printf("Gateway overhead: Routewise %s (%s), %s, %d cores, load average %s, java %s%n",
                commit(), jar.getFileName(), Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version"));
        if (!withPortkey) {
            System.out.println("  Portkey is not installed (no " + portkey + "/build/start-server.js): measuring "
                    + "direct and Routewise only. To compare: npm install --prefix /tmp/portkey "
                    + "@portkey-ai/gateway@1.15.2 (or set PORTKEY_DIR)");
        }

        Path stubJs = runSh.resolveSibling("stub.js");
        Path postLua = runSh.resolveSibling("post.lua");
        long started = System.nanoTime();
        try (RoutewiseProcess routewise = RoutewiseProcess.start(jar, Duration.ofMinutes(5));
             StreamingStub streamStub = new StreamingStub(STREAM_CHUNKS, STREAM_GAP_MILLIS)) {
            System.out.printf("- Routewise up at %s in %.1f s (temporary SQLite database)%n", routewise.url(),
                    (System.nanoTime() - started) / 1e9);
            Process stub = start(new ProcessBuilder("node", stubJs.toString(), Integer.toString(STUB_PORT))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD), "the shared stub for discovery and warm-up");
            String model;
            String streamModel;
            String key;
            try {
                awaitListening("the shared stub on port " + STUB_PORT, STUB_PORT, stub);
                model = routewise.addSourceAndDiscover("Bench stub", "http://127.0.0.1:" + STUB_PORT + "/v1",
                        STUB_MODEL, Duration.ofMinutes(2));
                streamModel = routewise.addSourceAndDiscover("Bench streaming stub", streamStub.baseUrl(),
                        StreamingStub.MODEL, Duration.ofMinutes(2));
                System.out.println("- sources discovered: " + STUB_MODEL + " is " + model + ", "
                        + StreamingStub.MODEL + " is " + streamModel);
                key = routewise.createKey("gateway bench", "VIEWER");
                routewise.awaitClassifierSettled(Duration.ofMinutes(3));
                String used = routewise.awaitGatewayAnswers(key, model, Duration.ofMinutes(1));
                System.out.println("- a VIEWER API key's chat completion through Routewise answers 200 ("
                        + "x-routewise-model: " + used + ")");
                warmUp(routewise, postLua, key, model);
            } finally {
                stop(stub);
            }
            // run.sh starts its own stub on the same port, and Routewise's source points there
            awaitPortFree(STUB_PORT);

            System.out.printf("- run.sh, %d s per point (%s)%n", SECONDS, runSh);
            List<Point> points = runShared(runSh, routewise, key, model);
            reportWrk(points, withPortkey);

            System.out.println();
            reportStreaming(routewise, streamStub, key, streamModel, withPortkey ? portkey : null);
        }
        System.out.println();
        System.out.println("Load average at the end: " + loadAverage() + " (" + Runtime.getRuntime()
                .availableProcessors() + " cores shared by wrk, the stubs, the gateways and anything else running)");
    }

    /**
     * Runs the shared script and reads its result lines as they come. At each line it samples the CPU time of both
     * gateways' processes (Routewise, and the Portkey that run.sh started), so each gateway's point gets the CPU its
     * process spent since the line before: the points run one after the other, so that is its own point's.
     */
    private static List<Point> runShared(Path runSh, RoutewiseProcess routewise, String key, String model)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", runSh.toString(), Integer.toString(SECONDS))
                .redirectError(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(Map.of("ROUTEWISE_URL", routewise.url(), "ROUTEWISE_KEY", key,
                "ROUTEWISE_MODEL", model));
        Process p = start(pb, "run.sh");
        List<Point> points = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        Map<String, Duration> cpuBefore = Map.of();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                System.out.println("    " + line);
                lines.add(line);
                Optional<Point> parsed = Point.parse(line);
                if (parsed.isPresent()) {
                    Map<String, Duration> cpuNow = new HashMap<>();
                    routewise.cpuTime().ifPresent(cpu -> cpuNow.put("routewise", cpu));
                    p.descendants().filter(h -> h.info().arguments().map(a -> String.join(" ", a)
                                    .contains("start-server.js")).orElse(false))
                            .findFirst().flatMap(h -> h.info().totalCpuDuration())
                            .ifPresent(cpu -> cpuNow.put("portkey", cpu));
                    Point point = parsed.get();
                    Duration before = cpuBefore.get(point.target());
                    Duration now = cpuNow.get(point.target());
                    points.add(before == null || now == null ? point : point.withCpu(now.minus(before), SECONDS));
                    cpuBefore = cpuNow;
                }
            }
        }
        // three targets, two connection counts, the script's sleep; generous on a loaded machine
        if (!p.waitFor(6L * SECONDS + 120, TimeUnit.SECONDS)) {
            stop(p);
            throw new IllegalStateException("run.sh did not finish in time");
        }
        require(points.stream().anyMatch(pt -> pt.target().equals("routewise")), "run.sh printed no figures for "
                + "Routewise; it printed:\n" + String.join("\n", lines));
        require(points.stream().anyMatch(pt -> pt.target().equals("direct")), "run.sh printed no figures for the "
                + "stub called directly; it printed:\n" + String.join("\n", lines));
        return points;
    }

    private static void reportWrk(List<Point> points, boolean withPortkey) {
        System.out.println();
        System.out.printf("Non-streaming, wrk -t1, %d s per point, one request repeated (shared post.lua):%n",
                SECONDS);
        System.out.println();
        System.out.println("| target | connections | requests/s | p50 | p90 | p99 | errors "
                + "| gateway CPU per request |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (Point p : points) {
            System.out.printf("| %s | %d | %,d | %s | %s | %s | %d | %s |%n", p.target(), p.connections(), p.rps(),
                    micros(p.p50()), micros(p.p90()), micros(p.p99()), p.errors(), Double.isNaN(p.cpuMicrosPerRequest())
                            ? "-" : micros(Math.round(p.cpuMicrosPerRequest())));
        }
        System.out.println();
        Point direct1 = find(points, "direct", 1);
        Point direct64 = find(points, "direct", 64);
        for (String gateway : withPortkey ? List.of("routewise", "portkey") : List.of("routewise")) {
            Point at1 = find(points, gateway, 1);
            if (at1 != null && direct1 != null) {
                System.out.printf("%-9s at 1 connection adds p50 %s, p99 %s to the stub called directly%n", gateway,
                        micros(at1.p50() - direct1.p50()), micros(at1.p99() - direct1.p99()));
            }
        }
        Point routewise64 = find(points, "routewise", 64);
        Point portkey64 = find(points, "portkey", 64);
        if (routewise64 != null && direct64 != null) {
            System.out.printf("routewise at 64 connections: %,d requests/s = %.2f of the stub called directly%s%n",
                    routewise64.rps(), ratio(routewise64.rps(), direct64.rps()), portkey64 == null ? ""
                            : String.format(", %.2f x Portkey (%,d requests/s = %.2f of direct)",
                            ratio(routewise64.rps(), portkey64.rps()), portkey64.rps(),
                            ratio(portkey64.rps(), direct64.rps())));
        }
        for (int connections : List.of(1, 64)) {
            Point r = find(points, "routewise", connections);
            Point pk = find(points, "portkey", connections);
            if (r != null && !Double.isNaN(r.cpuMicrosPerRequest())) {
                System.out.printf("routewise at %d connection%s uses %s of CPU per request%s%n", connections,
                        connections == 1 ? "" : "s", micros(Math.round(r.cpuMicrosPerRequest())),
                        pk == null || Double.isNaN(pk.cpuMicrosPerRequest()) ? "" : String.format(
                                ", %.2f x Portkey's %s", r.cpuMicrosPerRequest() / pk.cpuMicrosPerRequest(),
                                micros(Math.round(pk.cpuMicrosPerRequest()))));
            }
        }
        points.stream().filter(p -> p.errors() > 0).forEach(p -> System.out.printf("WARNING: %s at %d connections "
                + "had %d errors (non-2xx answers, socket errors or timeouts): its figures are suspect%n",
                p.target(), p.connections(), p.errors()));
    }

    private static void reportStreaming(RoutewiseProcess routewise, StreamingStub streamStub, String key,
                                        String streamModel, Path portkey) throws Exception {
        System.out.printf("Streaming, one request at a time, %d measured after %d warm-up per target; the stub "
                + "sends a first event at once, then %d more %d ms apart:%n", STREAM_REQUESTS, STREAM_WARMUP,
                STREAM_CHUNKS, STREAM_GAP_MILLIS);
        StreamTimer timer = new StreamTimer();
        List<StreamTimer.Figures> figures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        figures.add(timer.measure("direct", chat(streamStub.baseUrl(), "sk-bench", StreamingStub.MODEL, Map.of()),
                STREAM_WARMUP, STREAM_REQUESTS));
        if (portkey != null) {
            int port = RoutewiseProcess.freePort();
            Path log = Files.createTempFile("portkey-stream", ".log");
            Process pk = start(new ProcessBuilder("node", "build/start-server.js", "--port=" + port, "--headless")
                    .directory(portkey.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()), "Portkey");
            try {
                awaitListening("Portkey on port " + port, port, pk);
                HttpRequest viaPortkey = chat("http://127.0.0.1:" + port + "/v1", "sk-bench", StreamingStub.MODEL,
                        Map.of("x-portkey-provider", "openai", "x-portkey-custom-host", streamStub.baseUrl()));
                StreamTimer.Answer probe = timer.probe(viaPortkey);
                if (probe.streamed()) {
                    figures.add(timer.measure("portkey", viaPortkey, STREAM_WARMUP, STREAM_REQUESTS));
                } else {
                    notes.add("portkey: skipped, it answered " + probe.status() + " " + probe.contentType() + ": "
                            + StreamTimer.abbreviate(probe.body()) + firstError(log));
                }
            } finally {
                stop(pk);
                Files.deleteIfExists(log);
            }
        }
        HttpRequest viaRoutewise = chat(routewise.url() + "/v1", key, streamModel, Map.of());
        StreamTimer.Answer probe = timer.probe(viaRoutewise);
        if (probe.status() == 400) {
            notes.add("routewise: skipped, the gateway does not stream yet; it answers 400 to \"stream\": true: "
                    + StreamTimer.abbreviate(probe.body()));
        } else if (!probe.streamed()) {
            notes.add("routewise: skipped, it answered " + probe.status() + " " + probe.contentType()
                    + " instead of a whole event stream: " + StreamTimer.abbreviate(probe.body()));
        } else {
            figures.add(timer.measure("routewise", viaRoutewise, STREAM_WARMUP, STREAM_REQUESTS));
        }
        System.out.println();
        System.out.println("| target | first byte p50 | first byte p99 | whole stream p50 | whole stream p99 |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (StreamTimer.Figures f : figures) {
            System.out.printf("| %s | %s | %s | %s | %s |%n", f.target(), micros(f.firstByteP50()),
                    micros(f.firstByteP99()), micros(f.wholeP50()), micros(f.wholeP99()));
        }
        System.out.println();
        StreamTimer.Figures direct = figures.getFirst();
        for (StreamTimer.Figures f : figures.subList(1, figures.size())) {
            System.out.printf("%-9s adds p50 %s, p99 %s to the time to first byte%n", f.target(),
                    micros(f.firstByteP50() - direct.firstByteP50()), micros(f.firstByteP99() - direct.firstByteP99()));
        }
        notes.forEach(n -> System.out.println("NOTE: " + n));
    }

    /** The first error line of a log (Portkey answers "Something went wrong" and logs why), or nothing. */
    private static String firstError(Path log) throws IOException {
        // Portkey's start-up spinner rewrites its line with carriage returns, and the first error follows it
        return Files.readString(log, StandardCharsets.UTF_8).lines().flatMap(l -> Stream.of(l.split("\r")))
                .filter(l -> l.toLowerCase(Locale.ROOT).contains("error")).findFirst()
                .map(l -> l.replaceFirst("^.*Starting AI Gateway\\.\\.\\.", "").trim())
                .map(l -> "; its log says: " + StreamTimer.abbreviate(l)).orElse("");
    }

    /** A streaming chat completion request to an OpenAI-style API root. */
    private static HttpRequest chat(String apiRoot, String key, String model, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(apiRoot + "/chat/completions"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + model + "\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"Say ok\"}]}"));
        headers.forEach(b::header);
        return b.build();
    }

    /**
     * Warms Routewise up until the JVM has compiled the gateway's hot path: on a busy 2-core machine C2 keeps
     * compiling for a minute or more (thousands of requests), and a JVM measured before that measures its compiler
     * (CPU per request fell from 6 ms to 1.1 ms over two minutes in one run). Rounds of wrk at 8 connections, until
     * at least {@code bench.warmup.requests} requests are served and the last round's CPU time per request is no
     * more than 10 % below the best of the rounds before it; at most {@code bench.warmup.max} seconds. run.sh gives
     * Portkey no warm-up of its own; V8 settles within its first point (see docs/benchmarks.md).
     */
    private static void warmUp(RoutewiseProcess routewise, Path postLua, String key, String model)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WARMUP_MAX_SECONDS);
        long served = 0;
        double best = Double.MAX_VALUE;
        List<String> trail = new ArrayList<>();
        boolean settled = false;
        Point round = null;
        while (!settled && System.nanoTime() < deadline) {
            Optional<Duration> before = routewise.cpuTime();
            round = wrk(routewise.url(), 8, WARMUP_ROUND_SECONDS, postLua, key, model);
            Optional<Duration> after = routewise.cpuTime();
            require(round.errors() == 0, "Routewise answered errors during the warm-up; its log ends with:\n"
                    + routewise.logTail(40));
            served += round.rps() * WARMUP_ROUND_SECONDS;
            if (before.isEmpty() || after.isEmpty()) {
                // no CPU figures on this system: the request count alone decides
                settled = served >= WARMUP_REQUESTS;
                continue;
            }
            double cpu = round.withCpu(after.get().minus(before.get()), WARMUP_ROUND_SECONDS).cpuMicrosPerRequest();
            trail.add(micros(Math.round(cpu)));
            settled = served >= WARMUP_REQUESTS && cpu >= 0.9 * best;
            best = Math.min(best, cpu);
        }
        System.out.printf("- warm-up: %,d requests in rounds of %d s of wrk at 8 connections, %,d requests/s at the "
                        + "end; Routewise's CPU per request by round: %s%s%n", served, WARMUP_ROUND_SECONDS,
                round == null ? 0 : round.rps(), trail.isEmpty() ? "(not measurable here)" : String.join(", ", trail),
                settled ? "" : " (NOT settled after " + WARMUP_MAX_SECONDS + " s: figures may include JIT work)");
    }

    /** wrk with the shared request script against Routewise's gateway, for the warm-up. */
    private static Point wrk(String url, int connections, int seconds, Path postLua, String key, String model)
            throws Exception {
        ProcessBuilder pb = new ProcessBuilder("wrk", "-t1", "-c" + connections, "-d" + seconds + "s", "-s",
                postLua.toString(), url + "/v1/chat/completions").redirectErrorStream(true);
        pb.environment().putAll(Map.of("BENCH_KEY", key, "BENCH_MODEL", model));
        Process p = start(pb, "wrk");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.lines().map(l -> Point.parse("warmup c=" + connections + " " + l)).flatMap(Optional::stream)
                .findFirst().orElseThrow(() -> new IllegalStateException("wrk printed no result:\n" + out));
    }

    private static Process start(ProcessBuilder pb, String what) throws IOException {
        if (pb.command().getFirst().equals("node")) {
            pb.environment().put("NODE_ENV", "production");
        }
        if (pb.redirectError() == ProcessBuilder.Redirect.PIPE && !pb.redirectErrorStream()) {
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IOException("Could not start " + what + ": " + e.getMessage(), e);
        }
    }

    /** Stops a process this bench started, and what it started. */
    private static void stop(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private static void awaitListening(String what, int port, Process p) {
        try {
            Awaitility.await(what).atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100)).failFast(() -> !p.isAlive())
                    .until(() -> accepts(port));
        } catch (TerminalFailureException e) {
            throw new IllegalStateException(what + " exited with code " + p.exitValue() + " before listening", e);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(what + " did not listen within 60 s", e);
        }
    }

    private static void awaitPortFree(int port) {
        Awaitility.await("port " + port + " to be free").atMost(Duration.ofSeconds(30))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100)).until(() -> !accepts(port));
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requirePortFree(int port, String who) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new IllegalStateException("Port " + port + " is in use, and " + who + " needs it: is another "
                    + "gateway bench (or run.sh) still running?");
        }
    }

    private static boolean onPath(String command) {
        String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static Point find(List<Point> points, String target, int connections) {
        return points.stream().filter(p -> p.target().equals(target) && p.connections() == connections).findFirst()
                .orElse(null);
    }

    private static double ratio(long a, long b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }

    /** Microseconds as people read them: 850 us, 1.23 ms, 12.3 ms. */
    static String micros(long us) {
        long abs = Math.abs(us);
        String sign = us < 0 ? "-" : "";
        if (abs < 1_000) {
            return sign + abs + " us";
        }
        return sign + (abs < 10_000 ? String.format("%.2f ms", abs / 1e3) : String.format("%.1f ms", abs / 1e3));
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return String.format("%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage());
        }
    }

    private static String commit() {
        try {
            Process git = new ProcessBuilder("git", "describe", "--always", "--dirty").redirectErrorStream(true)
                    .start();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return git.waitFor() == 0 ? out : "(unknown commit)";
        } catch (IOException e) {
            return "(unknown commit)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown commit)";
        }
    }
}
