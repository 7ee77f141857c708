package dev.routewise.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A provider on a local socket that speaks OpenAI's, Anthropic's and Gemini's chat protocols (by path), whole or
 * streamed, and injects faults into a share of calls: 500, 429, no answer in time, or a connection that breaks in
 * the middle of the answer. Plain sockets, so a break is a real one. It counts the tokens it reported for every
 * answer it completed, which is what a provider would bill.
 */
final class StubUpstream implements AutoCloseable {

    enum Fault { NONE, ERROR_500, RATE_429, HANG, BREAK }

    /** Tokens every answer reports: input (with cached), cached, output. */
    static final int INPUT = 12;
    static final int CACHED = 2;
    static final int OUTPUT = 5;

    private final ServerSocket server;
    private final String name;
    private final Random random;
    private final Map<Fault, Double> shares = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicLong billedInput = new AtomicLong();
    private final AtomicLong billedOutput = new AtomicLong();
    private volatile boolean breakAfterContent;
    private volatile long hangMillis = 10_000;

    StubUpstream(String name, long seed) throws IOException {
        this.name = name;
        this.random = new Random(seed);
        this.server = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::accept);
    }

    /** The root a source's base URL hangs off: {@code root() + "/v1"} or {@code root() + "/v1beta"}. */
    String root() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Answers this share (0..1) of calls with the fault. */
    StubUpstream fault(Fault fault, double share) {
        shares.put(fault, share);
        return this;
    }

    /** Breaks streams after the first text (instead of before it). */
    StubUpstream breakAfterContent() {
        breakAfterContent = true;
        return this;
    }

    int calls() {
        return calls.get();
    }

    int completed() {
        return completed.get();
    }

    long billedInput() {
        return billedInput.get();
    }

    long billedOutput() {
        return billedOutput.get();
    }

    private synchronized Fault pick() {
        double r = random.nextDouble();
        for (Fault f : Fault.values()) {
            Double share = shares.get(f);
            if (share != null) {
                if (r < share) {
                    return f;
                }
                r -= share;
            }
        }
        return Fault.NONE;
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread.ofVirtual().start(() -> serve(s));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] requestLine = head.split("\r\n", 2)[0].split(" ");
            String path = requestLine.length > 1 ? requestLine[1] : "/";
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(line.substring(15).strip());
                }
            }
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            calls.incrementAndGet();
            OutputStream out = socket.getOutputStream();
            boolean stream = body.contains("\"stream\":true") || path.contains(":streamGenerateContent");
            Fault fault = pick();
            switch (fault) {
                case ERROR_500 -> respond(out, 500, "application/json",
                        "{\"error\":{\"message\":\"stub overloaded\",\"type\":\"server_error\"}}", "");
                case RATE_429 -> respond(out, 429, "application/json",
                        "{\"error\":{\"message\":\"stub rate limit\",\"type\":\"rate_limit_error\"}}",
                        "Retry-After: 0\r\n");
                case HANG -> Thread.sleep(hangMillis);
                case BREAK -> broken(out, path, stream);
                case NONE -> answer(out, path, stream);
            }
        } catch (IOException | InterruptedException e) {
            // the gateway went away (a timeout it gave up on, or the break itself)
        }
    }

    private void answer(OutputStream out, String path, boolean stream) throws IOException {
        String text = "Hello from " + name;
        if (!stream) {
            respond(out, 200, "application/json", whole(path, text), "");
        } else {
            StringBuilder sse = new StringBuilder();
            for (String event : events(path, text)) {
                sse.append(event);
            }
            respond(out, 200, "text/event-stream", sse.toString(), "");
        }
        completed.incrementAndGet();
        billedInput.addAndGet(INPUT);
        billedOutput.addAndGet(OUTPUT);
    }

    /** Headers and part of the answer, then the connection closes. */
    private void broken(OutputStream out, String path, boolean stream) throws IOException {
        if (!stream) {
            String whole = whole(path, "Hello from " + name);
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + whole.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n"
                    + whole.substring(0, whole.length() / 2)).getBytes(StandardCharsets.UTF_8));
        } else {
            String[] events = events(path, "Hello from " + name);
            out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.UTF_8));
            // the first event carries no text (role, message_start); the second carries the text
            out.write(events[0].getBytes(StandardCharsets.UTF_8));
            if (breakAfterContent) {
                out.write(events[1].getBytes(StandardCharsets.UTF_8));
            }
        }
        out.flush();
        // closing the socket here (the caller's try) cuts the answer short
    }

    private static void respond(OutputStream out, int status, String type, String body, String extraHeaders)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + bytes.length
                + "\r\n" + extraHeaders + "Connection: close\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.write(bytes);
        out.flush();
    }

    private static String whole(String path, String text) {
        if (path.endsWith("/messages")) {
            return "{\"id\":\"msg_1\",\"type\":\"message\",\"role\":\"assistant\",\"model\":\"stub\",\"content\":"
                    + "[{\"type\":\"text\",\"text\":\"" + text + "\"}],\"stop_reason\":\"end_turn\",\"usage\":"
                    + "{\"input_tokens\":" + (INPUT - CACHED) + ",\"cache_read_input_tokens\":" + CACHED
                    + ",\"cache_creation_input_tokens\":0,\"output_tokens\":" + OUTPUT + "}}";
        }
        if (path.contains(":generateContent")) {
            return "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + text + "\"}]},"
                    + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":" + INPUT
                    + ",\"cachedContentTokenCount\":" + CACHED + ",\"candidatesTokenCount\":" + OUTPUT
                    + ",\"totalTokenCount\":" + (INPUT + OUTPUT) + "}}";
        }
        return "{\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion\",\"created\":1700000000,\"model\":\"stub\","
                + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"" + text + "\"},"
                + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":" + INPUT + ",\"completion_tokens\":"
                + OUTPUT + ",\"total_tokens\":" + (INPUT + OUTPUT) + ",\"prompt_tokens_details\":{\"cached_tokens\":"
                + CACHED + "}}}";
    }

    /** The streamed answer as SSE events; the first carries no text. */
    private static String[] events(String path, String text) {
        String half1 = text.substring(0, text.length() / 2);
        String half2 = text.substring(text.length() / 2);
        if (path.endsWith("/messages")) {
            return new String[]{
                    "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"type\":"
                            + "\"message\",\"role\":\"assistant\",\"model\":\"stub\",\"content\":[],\"usage\":"
                            + "{\"input_tokens\":" + (INPUT - CACHED) + ",\"cache_read_input_tokens\":" + CACHED
                            + ",\"cache_creation_input_tokens\":0,\"output_tokens\":1}}}\n\n",
                    "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                            + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                            + "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + half1 + "\"}}\n\n",
                    "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,"
                            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"" + half2 + "\"}}\n\n"
                            + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                            + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                            + "\"end_turn\"},\"usage\":{\"output_tokens\":" + OUTPUT + "}}\n\n"
                            + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"};
        }
        if (path.contains(":streamGenerateContent")) {
            return new String[]{
                    "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"\"}]},"
                            + "\"index\":0}]}\r\n\r\n",
                    "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + half1
                            + "\"}]},\"index\":0}]}\r\n\r\n",
                    "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"" + half2
                            + "\"}]},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":"
                            + INPUT + ",\"cachedContentTokenCount\":" + CACHED + ",\"candidatesTokenCount\":"
                            + OUTPUT + ",\"totalTokenCount\":" + (INPUT + OUTPUT) + "}}\r\n\r\n"};
        }
        String prefix = "data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                + "\"model\":\"stub\",\"choices\":[{\"index\":0,\"delta\":";
        return new String[]{
                prefix + "{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
                prefix + "{\"content\":\"" + half1 + "\"},\"finish_reason\":null}]}\n\n",
                prefix + "{\"content\":\"" + half2 + "\"},\"finish_reason\":null}]}\n\n"
                        + prefix + "{},\"finish_reason\":\"stop\"}]}\n\n"
                        + "data: {\"id\":\"chatcmpl-stub\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,"
                        + "\"model\":\"stub\",\"choices\":[],\"usage\":{\"prompt_tokens\":" + INPUT
                        + ",\"completion_tokens\":" + OUTPUT + ",\"total_tokens\":" + (INPUT + OUTPUT)
                        + ",\"prompt_tokens_details\":{\"cached_tokens\":" + CACHED + "}}}\n\n"
                        + "data: [DONE]\n\n"};
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            state = switch (state) {
                case 0, 2 -> b == '\r' ? state + 1 : 0;
                case 1 -> b == '\n' ? 2 : 0;
                case 3 -> b == '\n' ? 4 : 0;
                default -> 0;
            };
            if (state == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
