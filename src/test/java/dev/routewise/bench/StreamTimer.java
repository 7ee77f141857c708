package dev.routewise.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Times streamed chat completions one request at a time over a kept-alive connection: how long a caller waits for
 * the first byte of the answer's body (the first event, the first token a user sees) and for the whole stream. A
 * gateway that streams adds a little to the first; one that buffers makes the first as late as the whole.
 */
final class StreamTimer {

    /** Percentiles in microseconds over {@code requests} measured requests. */
    record Figures(String target, int requests, long firstByteP50, long firstByteP99, long wholeP50, long wholeP99) {
    }

    /** One answer, whole: for a probe before measuring. */
    record Answer(int status, String contentType, String body) {

        boolean streamed() {
            return status == 200 && contentType.startsWith("text/event-stream") && body.contains("[DONE]");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    Answer probe(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    /** {@code warmup} requests unmeasured, then {@code requests} measured; any answer but a whole stream fails. */
    Figures measure(String target, HttpRequest request, int warmup, int requests)
            throws IOException, InterruptedException {
        long[] firstByte = new long[requests];
        long[] whole = new long[requests];
        for (int i = -warmup; i < requests; i++) {
            long start = System.nanoTime();
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                int first = in.read();
                long firstAt = System.nanoTime();
                String rest = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                long end = System.nanoTime();
                if (r.statusCode() != 200 || first < 0 || !rest.contains("[DONE]")) {
                    throw new IllegalStateException(target + " answered " + r.statusCode() + " without a whole "
                            + "stream: " + (first < 0 ? "" : (char) first) + abbreviate(rest));
                }
                if (i >= 0) {
                    firstByte[i] = (firstAt - start) / 1_000;
                    whole[i] = (end - start) / 1_000;
                }
            }
        }
        Arrays.sort(firstByte);
        Arrays.sort(whole);
        return new Figures(target, requests, percentile(firstByte, 50), percentile(firstByte, 99),
                percentile(whole, 50), percentile(whole, 99));
    }

    /** Nearest-rank percentile of sorted values. */
    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "...";
    }
}
