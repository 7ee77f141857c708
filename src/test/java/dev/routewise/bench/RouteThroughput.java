package dev.routewise.bench;

import dev.routewise.Application;
import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.discovery.DiscoveryService;
import dev.routewise.discovery.ModelSource;
import dev.routewise.discovery.SourceInput;
import dev.routewise.discovery.SourceService;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.Role;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Throughput of {@code POST /api/v1/route} against a trivial authenticated endpoint ({@code GET /api/v1/whoami})
 * of the same app in the same run (issue 5, item 13: target ratio &gt;= 0.5). Starts the app on a random port with
 * a throw-away SQLite file and a 500-model catalog ({@link BenchCatalogs}), creates an API key, warms up, then drives
 * each endpoint for a fixed time with the same number of concurrent keep-alive connections from this JVM over
 * loopback, and prints requests/s and the ratios. The route requests carry a short prompt, so their time includes
 * classifying it; a second run names the task, which skips classification.
 * Run: {@code ./mvnw -q test-compile exec:java@route-throughput} (about 1.5 minutes). Options as system properties:
 * {@code -Dbench.connections=8 -Dbench.seconds=15 -Dbench.models=500}.
 */
public final class RouteThroughput {

    private static final int CONNECTIONS = Integer.getInteger("bench.connections", 8);
    private static final int SECONDS = Integer.getInteger("bench.seconds", 15);
    private static final int MODELS = Integer.getInteger("bench.models", 500);
    private static final String PROMPT = "Write a Python function that returns the n-th Fibonacci number iteratively.";

    /** {@code %d} in a body is replaced by a request number, so no two requests are alike. */
    private record Target(String label, String method, String path, String body) {
    }

    private static final AtomicLong SEQUENCE = new AtomicLong();

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("routewise-throughput");
        ConfigurableApplicationContext app = new SpringApplication(Application.class).run(
                "--server.port=0", "--routewise.db.path=" + dir.resolve("bench.db"),
                "--routewise.secrets.key-file=" + dir.resolve("secret.key"),
                "--routewise.discovery.on-startup=false", "--routewise.security.admin-password=bench-password",
                "--logging.level.root=WARN", "--logging.level.dev.routewise=WARN");
        try {
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            String key = setUp(app);
            String base = "http://127.0.0.1:" + port;
            Target whoami = new Target("GET /api/v1/whoami", "GET", base + "/api/v1/whoami", null);
            // every prompt differs (a request number), so the decision cache never answers: the full path
            Target route = new Target("POST /api/v1/route (classifies the prompt)", "POST", base + "/api/v1/route",
                    "{\"prompt\": \"" + PROMPT + " (%d)\"}");
            Target routeTask = new Target("POST /api/v1/route with \"task\" (no classification)", "POST",
                    base + "/api/v1/route", "{\"prompt\": \"" + PROMPT + " (%d)\", \"task\": \"code\"}");
            Target routeCached = new Target("POST /api/v1/route, one repeated request (decision cache)", "POST",
                    base + "/api/v1/route", "{\"prompt\": \"" + PROMPT + "\"}");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            awaitRoutable(http, route, key);

            System.out.println("Routewise route throughput (" + Runtime.getRuntime().availableProcessors()
                    + " cores shared by the app and the load generator, java " + System.getProperty("java.version")
                    + "), " + MODELS + " catalog models, " + CONNECTIONS + " connections, " + SECONDS
                    + " s per endpoint after warm-up");
            for (Target t : List.of(whoami, route, routeTask, routeCached)) {
                drive(http, t, key, Math.max(3, SECONDS / 2)); // warm-up: JIT, pools, caches
            }
            double baseline = report(whoami, drive(http, whoami, key, SECONDS), Double.NaN);
            report(route, drive(http, route, key, SECONDS), baseline);
            report(routeTask, drive(http, routeTask, key, SECONDS), baseline);
            report(routeCached, drive(http, routeCached, key, SECONDS), baseline);
            System.out.println("target: route / whoami >= 0.5");
        } finally {
            app.close();
        }
    }

    /** A source with the benchmark catalog, and an admin API key. */
    private static String setUp(ConfigurableApplicationContext app) throws InterruptedException {
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(
                new User("admin", "n/a", Role.ADMIN.authorities()), null, Role.ADMIN.authorities()));
        SourceService sources = app.getBean(SourceService.class);
        DiscoveryService discovery = app.getBean(DiscoveryService.class);
        // enabled (the router skips models of disabled sources); its own discovery fails on a closed port and
        // leaves the catalog to the import below
        ModelSource source = sources.create(new SourceInput("Benchmark catalog", "openai-compatible",
                "http://127.0.0.1:9/v1", null, null, true, null, null));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> !discovery.isRunning(source.id()) && !discovery.history(source.id(), 1).isEmpty());
        app.getBean(CatalogService.class).apply(new SourceRef(source.id(), source.slug(), "openai-compatible"),
                BenchCatalogs.discovered(MODELS), null);
        return app.getBean(ApiKeyService.class).create("throughput bench", Role.OPERATOR).secret();
    }

    private static void awaitRoutable(HttpClient http, Target route, String key) {
        org.awaitility.Awaitility.await("the route endpoint answering 200").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    HttpResponse<String> r = http.send(request(route, key), HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 && r.body().contains("\"candidates\"");
                });
    }

    /** Requests/s over {@code seconds}, each connection sending its next request when the last is answered. */
    private static double drive(HttpClient http, Target target, String key, int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong ioErrors = new AtomicLong();
        java.util.concurrent.atomic.AtomicReference<String> firstFailure = new java.util.concurrent.atomic.AtomicReference<>();
        boolean unique = target.body() != null && target.body().contains("%d");
        HttpRequest request = unique ? null : request(target, key);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    try {
                        HttpRequest next = unique ? request(target, key) : request;
                        HttpResponse<String> r = http.send(next, HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                            firstFailure.compareAndSet(null, r.statusCode() + " " + r.body());
                        }
                    } catch (java.io.IOException e) {
                        // a kept-alive connection closed under the client: the client's side, not an answer
                        ioErrors.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }));
        }
        long start = System.nanoTime();
        // the measuring window itself: the connections work while this thread waits
        Thread.sleep(seconds * 1000L);
        long count = done.get();
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        if (failed.get() > 0 || ioErrors.get() > count / 1000) {
            throw new IllegalStateException(target.label() + ": " + failed.get() + " answers other than 200, "
                    + ioErrors.get() + " connection errors; first: " + firstFailure.get());
        }
        if (ioErrors.get() > 0) {
            System.out.println("  (" + ioErrors.get() + " connection errors during " + target.label() + ": "
                    + firstFailure.get() + ")");
        }
        return count / elapsed;
    }

    private static double report(Target target, double rps, double baseline) {
        System.out.printf("  %-55s %8.0f requests/s%s%n", target.label(), rps,
                Double.isNaN(baseline) ? "" : String.format("   ratio to whoami %.2f", rps / baseline));
        return rps;
    }

    private static HttpRequest request(Target t, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(t.path())).header("Authorization", "Bearer " + key)
                .timeout(Duration.ofSeconds(30));
        if (t.body() == null) {
            return b.GET().build();
        }
        String body = t.body().contains("%d") ? t.body().replace("%d", Long.toString(SEQUENCE.incrementAndGet()))
                : t.body();
        return b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
