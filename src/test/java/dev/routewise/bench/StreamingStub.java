package dev.routewise.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A fast OpenAI-style upstream that streams, for time-to-first-byte measurements: the shared gateway bench's
 * {@code stub.js} answers every request with one JSON body, even with {@code "stream": true}. This one answers a
 * streaming chat completion with server-sent events: the first chunk at once, then {@code chunks} more
 * {@code gapMillis} apart, a last chunk with usage and {@code data: [DONE]}. The gap makes buffering visible: a
 * gateway that waits for the whole answer shows a first byte as late as the last one. Lists one model,
 * {@link #MODEL}, under {@code GET /v1/models}; a request without {@code "stream": true} gets one JSON answer.
 */
final class StreamingStub implements AutoCloseable {

    static final String MODEL = "bench-stream-model";

    private static final byte[] MODELS = ("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL
            + "\",\"object\":\"model\",\"created\":1,\"owned_by\":\"bench\"}]}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] COMPLETION = ("{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"" + MODEL + "\",\"choices\":[{\"index\":0,\"finish_reason\":\"stop\",\"message\":"
            + "{\"role\":\"assistant\",\"content\":\"ok\"}}],\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":1,"
            + "\"total_tokens\":11}}").getBytes(StandardCharsets.UTF_8);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final int chunks;
    private final long gapMillis;

    StreamingStub(int chunks, long gapMillis) throws IOException {
        this.chunks = chunks;
        this.gapMillis = gapMillis;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext("/v1/models", e -> answer(e, "application/json", MODELS));
        server.createContext("/v1/chat/completions", this::complete);
        server.start();
    }

    /** The API root to give a gateway or a source: {@code http://127.0.0.1:<port>/v1}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private void complete(HttpExchange e) throws IOException {
        JsonNode request = JSON.readTree(e.getRequestBody().readAllBytes());
        if (!request.path("stream").asBoolean(false)) {
            answer(e, "application/json", COMPLETION);
            return;
        }
        e.getResponseHeaders().set("Content-Type", "text/event-stream");
        e.getResponseHeaders().set("Cache-Control", "no-cache");
        e.sendResponseHeaders(200, 0); // chunked: every flush below goes out as it is
        try (OutputStream out = e.getResponseBody()) {
            event(out, chunk("{\"role\":\"assistant\",\"content\":\"ok\"}", "null", ""));
            for (int i = 0; i < chunks; i++) {
                Thread.sleep(gapMillis);
                event(out, chunk("{\"content\":\" ok\"}", "null", ""));
            }
            event(out, chunk("{}", "\"stop\"", ",\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":"
                    + (chunks + 1) + ",\"total_tokens\":" + (chunks + 11) + "}"));
            event(out, "[DONE]");
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
    }

    private static String chunk(String delta, String finishReason, String usage) {
        return "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"" + MODEL
                + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + finishReason + "}]"
                + usage + "}";
    }

    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void answer(HttpExchange e, String type, byte[] body) throws IOException {
        e.getResponseHeaders().set("Content-Type", type);
        e.sendResponseHeaders(200, body.length);
        try (OutputStream out = e.getResponseBody()) {
            out.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
