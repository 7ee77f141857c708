package dev.routewise.discovery.client;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A provider API on 127.0.0.1 (a free port): each path answers from a script, one answer per
 * request, the last one repeating. Records every request so tests can check what was sent. Answers can be JSON,
 * server-sent events (whole, slow or cut off) and faults (slow, stalled, hung up, or a share of the calls).
 */
public final class FakeProvider implements AutoCloseable {

    /** A request as the server saw it. */
    public record Request(String method, String path, String query, Headers headers, String body) {
        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    /** One answer to one request. */
    @FunctionalInterface
    public interface Answer {
        void write(HttpExchange exchange, Request request) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Map<String, Deque<Answer>> scripts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeProvider() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** http://127.0.0.1:port */
    public String root() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Scripts {@code path}: the answers in order, the last repeating. Replaces any earlier script. */
    public FakeProvider on(String path, Answer... answers) {
        scripts.put(path, new ArrayDeque<>(Arrays.asList(answers)));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path.equals(path)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            requests.add(request);
            Deque<Answer> script = scripts.get(request.path);
            Answer answer;
            if (script == null) {
                answer = json(404, "{\"error\":{\"message\":\"no route for " + request.path + "\"}}");
            } else {
                synchronized (script) {
                    answer = script.size() > 1 ? script.poll() : script.peek();
                }
            }
            answer.write(exchange, request);
        } catch (IOException e) {
            // the client hung up (size cap, timeout): nothing more to send
        }
    }

    // --- answers ---

    public static Answer json(String body) {
        return json(200, body);
    }

    public static Answer json(int status, String body) {
        return raw(status, "application/json", body, Map.of());
    }

    public static Answer raw(int status, String contentType, String body, Map<String, String> headers) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return (exchange, request) -> {
            if (contentType != null) {
                exchange.getResponseHeaders().set("Content-Type", contentType);
            }
            headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                exchange.getResponseBody().write(bytes);
            }
        };
    }

    /** An answer computed from the request, e.g. per model named in a POST body. */
    public static Answer dynamic(Function<Request, Answer> choose) {
        return (exchange, request) -> choose.apply(request).write(exchange, request);
    }

    /** Waits before answering: a slow upstream. */
    public static Answer slow(Duration delay, Answer then) {
        return (exchange, request) -> {
            if (pause(delay)) {
                then.write(exchange, request);
            }
        };
    }

    /** Sends the headers and the first bytes at once, then stalls: a body that never ends. */
    public static Answer stalls(Duration delay) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("{\"data\":[".getBytes(StandardCharsets.UTF_8));
            out.flush();
            pause(delay);
        };
    }

    // --- streams and faults ---

    /** One SSE event with a name: {@code event: <name>} and {@code data: <data>} lines. */
    public static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data;
    }

    /** One SSE event without a name: a {@code data: <data>} line. */
    public static String data(String data) {
        return "data: " + data;
    }

    /** A {@code text/event-stream} body: each event (see {@link #event}, {@link #data}) sent and flushed in turn. */
    public static Answer sse(String... events) {
        return sse(Duration.ZERO, events);
    }

    /** Like {@link #sse(String...)}, waiting {@code gap} before each event after the first: a slow stream. */
    public static Answer sse(Duration gap, String... events) {
        return (exchange, request) -> {
            startEvents(exchange, 0);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < events.length; i++) {
                if (i > 0 && !pause(gap)) {
                    return;
                }
                out.write(eventBytes(events[i]));
                out.flush();
            }
        };
    }

    /**
     * Sends the first {@code sent} events, then drops the connection with the body unfinished (its full length
     * was announced): a stream cut off mid-way, which the client sees as an I/O error, not as an end.
     */
    public static Answer sseCut(int sent, String... events) {
        return (exchange, request) -> {
            long length = 0;
            for (String e : events) {
                length += eventBytes(e).length;
            }
            startEvents(exchange, length);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < Math.min(sent, events.length); i++) {
                out.write(eventBytes(events[i]));
            }
            out.flush();
            // closing now with bytes missing makes the server drop the connection
        };
    }

    /** Closes the connection without any answer: an upstream that hangs up. */
    public static Answer hangsUp() {
        return (exchange, request) -> {
            // nothing sent: closing the exchange closes the connection
        };
    }

    /**
     * Answers a {@code share} (0 to 1) of the calls with {@code fault}, spread evenly and the same in every run:
     * with 0.25 the 4th, 8th, 12th... call faults, the others get {@code otherwise}.
     */
    public static Answer sometimes(double share, Answer fault, Answer otherwise) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("share must be between 0 and 1: " + share);
        }
        AtomicLong calls = new AtomicLong();
        return (exchange, request) -> {
            long n = calls.incrementAndGet();
            boolean faults = Math.floor(n * share) > Math.floor((n - 1) * share);
            (faults ? fault : otherwise).write(exchange, request);
        };
    }

    private static void startEvents(HttpExchange exchange, long length) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, length);
    }

    private static byte[] eventBytes(String event) {
        return (event + "\n\n").getBytes(StandardCharsets.UTF_8);
    }

    /** False when interrupted (the server is closing). */
    private static boolean pause(Duration delay) {
        if (delay.isZero()) {
            return true;
        }
        try {
            Thread.sleep(delay.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code bytes} of JSON-looking filler, streamed (chunked, or with its length declared). */
    public static Answer huge(long bytes, boolean declareLength) {
        return (exchange, request) -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, declareLength ? bytes : 0);
            OutputStream out = exchange.getResponseBody();
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '[';
            long sent = 0;
            while (sent < bytes) {
                int n = (int) Math.min(chunk.length, bytes - sent);
                out.write(chunk, 0, n);
                chunk[0] = ' ';
                sent += n;
            }
        };
    }
}
