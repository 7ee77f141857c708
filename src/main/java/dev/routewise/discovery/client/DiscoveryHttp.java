package dev.routewise.discovery.client;

import dev.routewise.discovery.DiscoveryException;
import dev.routewise.discovery.SourceEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.net.ssl.SSLException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP mechanics every discovery client shares: auth and extra headers, retries with backoff
 * and jitter, {@code Retry-After}, a whole-request deadline, a cap on the answer's size, the
 * content-type check and JSON parsing. Every failure becomes one {@link DiscoveryException}
 * whose message a person can act on and which never contains the API key.
 *
 * <p>Thread-safe; one instance serves every source. Redirects are not followed, so an API key
 * is never replayed to another host: a redirect is reported with its target instead.
 */
public final class DiscoveryHttp implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DiscoveryHttp.class);

    /** How much of an error answer is read to find the provider's message. */
    static final int ERROR_BODY_LIMIT = 64 * 1024;
    private static final int MAX_PROVIDER_MESSAGE = 300;
    private static final Pattern API_KEY_WORDS = Pattern.compile("api[ _-]?key", Pattern.CASE_INSENSITIVE);
    private static final Pattern HTML_TITLE = Pattern.compile("<title[^>]*>(.*?)</title>",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Waits between attempts; a seam so tests can see the waits without spending them. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final DiscoveryHttpSettings settings;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final Sleeper sleeper;
    private final HttpClient client;

    public DiscoveryHttp(DiscoveryHttpSettings settings) {
        this(settings, JsonMapper.builder().build(), Clock.systemUTC());
    }

    public DiscoveryHttp(DiscoveryHttpSettings settings, JsonMapper jsonMapper, Clock clock) {
        this(settings, jsonMapper, clock, d -> Thread.sleep(d.toMillis()));
    }

    DiscoveryHttp(DiscoveryHttpSettings settings, JsonMapper jsonMapper, Clock clock, Sleeper sleeper) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.jsonMapper = Objects.requireNonNull(jsonMapper, "jsonMapper");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public DiscoveryHttpSettings settings() {
        return settings;
    }

    public JsonMapper jsonMapper() {
        return jsonMapper;
    }

    /**
     * The address of {@code pathAndQuery} under the source's base URL.
     *
     * @param pathAndQuery starts with {@code /}, e.g. {@code /models?limit=100}
     */
    public URI uri(SourceEndpoint endpoint, String pathAndQuery) throws DiscoveryException {
        String base = endpoint.baseUrl().trim();
        // a base URL may carry its own query (Azure's ?api-version=...): keep it after the path
        String baseQuery = "";
        int q = base.indexOf('?');
        if (q >= 0) {
            baseQuery = base.substring(q + 1);
            base = base.substring(0, q);
        }
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = pathAndQuery;
        String query = "";
        int pq = pathAndQuery.indexOf('?');
        if (pq >= 0) {
            path = pathAndQuery.substring(0, pq);
            query = pathAndQuery.substring(pq + 1);
        }
        String allQuery = query.isEmpty() ? baseQuery : baseQuery.isEmpty() ? query : query + "&" + baseQuery;
        URI uri;
        try {
            uri = URI.create(base + path + (allQuery.isEmpty() ? "" : "?" + allQuery));
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("The base URL \"" + redactor(endpoint).apply(base)
                    + "\" is not a valid URL: check it in the source's settings");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new DiscoveryException("The base URL \"" + redactor(endpoint).apply(base)
                    + "\" is not an http:// or https:// address: check it in the source's settings");
        }
        return uri;
    }

    /** GETs a JSON answer. {@code headers} (usually auth) are sent first, the source's extra headers after them. */
    public JsonNode getJson(SourceEndpoint endpoint, URI uri, Map<String, String> headers)
            throws DiscoveryException {
        return exchange(endpoint, "GET", uri, headers, null);
    }

    /** POSTs {@code body} as JSON and reads a JSON answer. */
    public JsonNode postJson(SourceEndpoint endpoint, URI uri, Map<String, String> headers, Object body)
            throws DiscoveryException {
        byte[] json;
        try {
            json = jsonMapper.writeValueAsBytes(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Request body cannot be written as JSON", e);
        }
        return exchange(endpoint, "POST", uri, headers, json);
    }

    /** "http://host:port/path", for messages: no user info, no query. */
    /** {@code Authorization: Bearer <key>} when the source has a key, else no header. */
    static Map<String, String> bearer(SourceEndpoint endpoint) {
        return endpoint.hasApiKey() ? Map.of("Authorization", "Bearer " + endpoint.apiKey().trim()) : Map.of();
    }

    public static String describe(URI uri) {
        StringBuilder s = new StringBuilder().append(uri.getScheme()).append("://").append(uri.getHost());
        if (uri.getPort() >= 0) {
            s.append(':').append(uri.getPort());
        }
        return s.append(uri.getRawPath() == null ? "" : uri.getRawPath()).toString();
    }

    @Override
    public void close() {
        client.close();
    }

    // --- one call, with retries ---

    private JsonNode exchange(SourceEndpoint endpoint, String method, URI uri, Map<String, String> headers,
                              byte[] body) throws DiscoveryException {
        Redactor redact = redactor(endpoint);
        String where = describe(uri);
        HttpRequest request = request(endpoint, method, uri, headers, body, redact);
        int max = settings.maxAttempts();
        for (int attempt = 1; ; attempt++) {
            Attempt result = attempt(request, where, redact);
            if (result.answer != null && is2xx(result.answer.status)) {
                return parse(result.answer, where, redact);
            }
            Failure failure = result.answer != null ? failure(result.answer, where, endpoint, redact) : result.failure;
            if (failure.retryAfter != null && failure.retryAfter.compareTo(settings.maxRetryAfter()) > 0) {
                Instant at = clock.instant().plus(failure.retryAfter);
                throw new DiscoveryException(failure.message + "; it asked to retry in " + seconds(failure.retryAfter)
                        + " (at " + at.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "), longer than the "
                        + seconds(settings.maxRetryAfter()) + " discovery waits: try again later",
                        failure.status, failure.cause);
            }
            if (!failure.retryable || attempt >= max) {
                String suffix = failure.retryable && max > 1 ? "; gave up after " + max + " attempts" : "";
                throw new DiscoveryException(failure.message + suffix, failure.status, failure.cause);
            }
            Duration wait = failure.retryAfter != null ? failure.retryAfter : backoff(attempt);
            log.info("Discovery: {}; retrying in {} ms (attempt {} of {})", failure.message, wait.toMillis(),
                    attempt + 1, max);
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DiscoveryException("Discovery was interrupted while waiting to retry " + where, null, e);
            }
        }
    }

    private HttpRequest request(SourceEndpoint endpoint, String method, URI uri, Map<String, String> headers,
                                byte[] body, Redactor redact) throws DiscoveryException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("Accept", "application/json")
                .header("User-Agent", "Routewise-discovery");
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // no h2c upgrade dance with plain-HTTP local servers (Ollama, llama.cpp, vLLM behind proxies)
            b.version(HttpClient.Version.HTTP_1_1);
        }
        String current = null;
        try {
            for (Map.Entry<String, String> h : headers.entrySet()) {
                current = h.getKey();
                b.setHeader(h.getKey(), h.getValue());
            }
            // extra headers come last so a source can override a default (e.g. its own Authorization scheme)
            for (Map.Entry<String, String> h : endpoint.extraHeaders().entrySet()) {
                current = h.getKey();
                b.setHeader(h.getKey(), h.getValue());
            }
        } catch (IllegalArgumentException e) {
            throw new DiscoveryException("The header \"" + redact.apply(current)
                    + "\" cannot be sent (restricted or invalid name or value): check the source's extra headers");
        }
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            b.setHeader("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return b.build();
    }

    private record Answer(int status, HttpHeaders headers, byte[] body) {
    }

    private record Attempt(Answer answer, Failure failure) {
    }

    private record Failure(String message, Integer status, boolean retryable, Duration retryAfter, Throwable cause) {
    }

    private Attempt attempt(HttpRequest request, String where, Redactor redact) throws DiscoveryException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request, info -> {
            long declared = info.headers().firstValueAsLong("Content-Length").orElse(-1);
            return is2xx(info.statusCode())
                    ? new CappedBodySubscriber(settings.maxBodyBytes(), false, declared)
                    : new CappedBodySubscriber(Math.min(ERROR_BODY_LIMIT, settings.maxBodyBytes()), true, declared);
        });
        try {
            // the whole exchange, body included, has one deadline: HttpRequest.timeout alone stops at the headers
            HttpResponse<byte[]> response = future.get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Attempt(new Answer(response.statusCode(), response.headers(), response.body()), null);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new Attempt(null, new Failure(where + " did not answer within "
                    + seconds(settings.requestTimeout()), null, true, null, null));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new DiscoveryException("Discovery was interrupted while calling " + where, null, e);
        } catch (ExecutionException e) {
            return new Attempt(null, transportFailure(e.getCause(), request.uri(), where, redact));
        }
    }

    private Failure transportFailure(Throwable t, URI uri, String where, Redactor redact) throws DiscoveryException {
        BodyTooLargeException tooLarge = find(t, BodyTooLargeException.class);
        if (tooLarge != null) {
            throw new DiscoveryException(where + " answered more than " + size(tooLarge.limit)
                    + ": too large for a model list (the limit is a discovery setting)");
        }
        String hostPort = uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        if (find(t, HttpConnectTimeoutException.class) != null) {
            return new Failure("Could not connect to " + hostPort + " within " + seconds(settings.connectTimeout()),
                    null, true, null, t);
        }
        if (find(t, HttpTimeoutException.class) != null) {
            return new Failure(where + " did not answer within " + seconds(settings.requestTimeout()), null, true,
                    null, t);
        }
        if (find(t, UnresolvedAddressException.class) != null || find(t, UnknownHostException.class) != null) {
            return new Failure("Could not find the host " + uri.getHost() + ": check the base URL", null, true,
                    null, t);
        }
        SSLException ssl = find(t, SSLException.class);
        if (ssl != null) {
            // a certificate or protocol mismatch does not heal by retrying
            return new Failure("The secure connection to " + hostPort + " failed: "
                    + redact.apply(shorten(String.valueOf(ssl.getMessage()), 200)), null, false, null, t);
        }
        if (find(t, ConnectException.class) != null) {
            return new Failure("Could not connect to " + hostPort + " (connection refused or unreachable): is the "
                    + "server running and the base URL right?", null, true, null, t);
        }
        String detail = t == null ? "unknown error"
                : t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return new Failure(where + " failed: " + redact.apply(shorten(detail, 200)), null, t instanceof IOException,
                null, t);
    }

    // --- answers ---

    private Failure failure(Answer answer, String where, SourceEndpoint endpoint, Redactor redact) {
        int status = answer.status;
        StringBuilder m = new StringBuilder(where).append(" answered HTTP ").append(status);
        boolean retryable = false;
        Duration retryAfter = null;
        String message = providerMessage(answer);
        if (status == 401 || status == 403) {
            m.append(endpoint.hasApiKey() ? ": the API key was refused"
                    : ": it wants an API key and none is set for this source");
        } else if (status == 400 && message != null && API_KEY_WORDS.matcher(message).find()) {
            // Gemini refuses a bad key with 400 INVALID_ARGUMENT "API key not valid"
            m.append(": the API key was refused");
        } else if (status == 404) {
            m.append(": not found, check the base URL");
        } else if (status >= 300 && status < 400) {
            String location = answer.headers.firstValue("Location").orElse(null);
            m.append(": a redirect").append(location == null ? "" : " to " + redact.apply(shorten(location, 200)))
                    .append(", which discovery does not follow: set the base URL to the final address");
        } else if (status == 429) {
            m.append(": too many requests");
            retryable = true;
        } else if (status >= 500 && status != 501) {
            retryable = true;
        }
        if (status == 429 || status == 503) {
            retryAfter = answer.headers.firstValue("Retry-After").map(this::parseRetryAfter).orElse(null);
        }
        if (message != null && !message.isBlank()) {
            m.append(" (").append(redact.apply(message)).append(')');
        }
        return new Failure(m.toString(), status, retryable, retryAfter, null);
    }

    private JsonNode parse(Answer answer, String where, Redactor redact) throws DiscoveryException {
        byte[] body = answer.body;
        int first = firstNonWhitespace(body);
        if (first < 0) {
            throw new DiscoveryException(where + " answered HTTP " + answer.status
                    + " with an empty body instead of JSON: check the base URL", answer.status, null);
        }
        String mediaType = mediaType(answer.headers);
        if (mediaType == null) {
            if (body[first] != '{' && body[first] != '[') {
                throw new DiscoveryException(where + " answered without a content type and the body is not JSON"
                        + titleHint(body, redact) + ": check the base URL", answer.status, null);
            }
        } else if (!isJson(mediaType)) {
            throw new DiscoveryException(where + " answered " + mediaType + ", not JSON" + titleHint(body, redact)
                    + ": check the base URL", answer.status, null);
        }
        try {
            JsonNode root = jsonMapper.readTree(body);
            if (root == null || root.isMissingNode()) {
                throw new DiscoveryException(where + " answered an empty body instead of JSON", answer.status, null);
            }
            return root;
        } catch (JacksonException e) {
            throw new DiscoveryException(where + " answered malformed JSON: " + redact.apply(parserMessage(e)),
                    answer.status, e);
        }
    }

    /** The provider's own words from an error body, or null. */
    private String providerMessage(Answer answer) {
        byte[] body = answer.body;
        if (body == null || firstNonWhitespace(body) < 0) {
            return null;
        }
        String mediaType = mediaType(answer.headers);
        int first = firstNonWhitespace(body);
        if (body[first] == '{' || body[first] == '[') {
            try {
                String fromJson = messageFromJson(jsonMapper.readTree(body));
                if (fromJson != null) {
                    return shorten(fromJson, MAX_PROVIDER_MESSAGE);
                }
            } catch (JacksonException e) {
                // not JSON after all (or cut at the error-body limit): fall through to plain text
            }
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (mediaType != null && mediaType.contains("html") || body[first] == '<') {
            String title = htmlTitle(text);
            return title == null ? "an HTML page" : "an HTML page titled \"" + title + "\"";
        }
        return shorten(text, MAX_PROVIDER_MESSAGE);
    }

    private static String messageFromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            return null;
        }
        JsonNode error = root.path("error");
        if (error.isObject()) {
            String message = text(error.path("message"));
            if (message != null) {
                // Gemini says "status", OpenAI "code", Anthropic "type": each names the kind of refusal
                String kind = text(error.path("status"));
                kind = kind != null ? kind : text(error.path("code"));
                kind = kind != null ? kind : text(error.path("type"));
                return kind == null ? message : message + " [" + kind + "]";
            }
        } else if (text(error) != null) {
            return text(error);
        }
        for (String field : List.of("message", "detail", "error_description")) {
            String value = text(root.path(field));
            if (value != null) {
                return value;
            }
        }
        return root.isEmpty() ? null : shorten(root.toString(), 200);
    }

    private static String text(JsonNode node) {
        return node != null && node.isString() && !node.stringValue().isBlank() ? node.stringValue().trim() : null;
    }

    private static String titleHint(byte[] body, Redactor redact) {
        String title = htmlTitle(new String(body, 0, Math.min(body.length, ERROR_BODY_LIMIT), StandardCharsets.UTF_8));
        return title == null ? "" : " (a page titled \"" + redact.apply(title) + "\")";
    }

    private static String htmlTitle(String html) {
        Matcher m = HTML_TITLE.matcher(html);
        if (!m.find()) {
            return null;
        }
        String title = m.group(1).replaceAll("\\s+", " ").trim();
        return title.isEmpty() ? null : shorten(title, 120);
    }

    private static String parserMessage(JacksonException e) {
        String original = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        int nl = original.indexOf('\n');
        String message = shorten(nl >= 0 ? original.substring(0, nl) : original, 160);
        TokenStreamLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            message += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        }
        return message;
    }

    // --- small helpers ---

    Duration parseRetryAfter(String value) {
        String v = value.trim();
        if (v.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(clock.instant(), at);
            return d.isNegative() ? Duration.ZERO : d;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private Duration backoff(int attempt) {
        long base = settings.initialBackoff().toMillis() << Math.min(attempt - 1, 20);
        long cap = Math.max(settings.initialBackoff().toMillis(), settings.maxRetryAfter().toMillis());
        base = Math.min(base, cap);
        // equal jitter: half fixed, half random, so many sources failing together do not retry in step
        long half = base / 2;
        return Duration.ofMillis(half + (half > 0 ? ThreadLocalRandom.current().nextLong(half + 1) : 0));
    }

    private static boolean is2xx(int status) {
        return status >= 200 && status < 300;
    }

    private static String mediaType(HttpHeaders headers) {
        return headers.firstValue("Content-Type")
                .map(v -> v.split(";", 2)[0].trim().toLowerCase(Locale.ROOT))
                .filter(v -> !v.isEmpty())
                .orElse(null);
    }

    private static boolean isJson(String mediaType) {
        return mediaType.endsWith("/json") || mediaType.endsWith("+json");
    }

    private static int firstNonWhitespace(byte[] body) {
        if (body == null) {
            return -1;
        }
        for (int i = 0; i < body.length; i++) {
            byte c = body[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                // a UTF-8 byte-order mark is not content either
                if (i + 2 < body.length && c == (byte) 0xEF && body[i + 1] == (byte) 0xBB && body[i + 2] == (byte) 0xBF) {
                    i += 2;
                    continue;
                }
                return i;
            }
        }
        return -1;
    }

    static String shorten(String s, int max) {
        String oneLine = s.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 1) + "…";
    }

    static String seconds(Duration d) {
        if (d.toMillis() % 1000 == 0) {
            return d.toSeconds() + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    static String size(long bytes) {
        long mb = 1024L * 1024;
        if (bytes >= mb) {
            return bytes % mb == 0 ? bytes / mb + " MB" : String.format(Locale.ROOT, "%.1f MB", bytes / (double) mb);
        }
        return bytes >= 1024 && bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    // --- secrets ---

    /** Replaces the source's secrets in any text that may reach a person or a log. */
    interface Redactor {
        String apply(String text);
    }

    static Redactor redactor(SourceEndpoint endpoint) {
        List<String> secrets = new ArrayList<>();
        if (endpoint.hasApiKey()) {
            secrets.add(endpoint.apiKey().trim());
        }
        // extra header values are often tokens too (proxy keys, custom auth)
        endpoint.extraHeaders().values().stream().filter(v -> v != null && v.trim().length() >= 8)
                .map(String::trim).forEach(secrets::add);
        return text -> {
            if (text == null) {
                return null;
            }
            String out = text;
            for (String secret : secrets) {
                out = out.replace(secret, "***");
            }
            return out;
        };
    }

    // --- size cap ---

    static final class BodyTooLargeException extends IOException {
        final long limit;

        BodyTooLargeException(long limit) {
            super("answer larger than " + limit + " bytes");
            this.limit = limit;
        }
    }

    /**
     * Collects the body up to {@code limit} bytes. Beyond it, either fails ({@code truncate} false:
     * a model list) or keeps the first {@code limit} bytes (an error answer, read only for its message).
     * Either way it cancels the stream, so nothing past the limit is downloaded.
     */
    static final class CappedBodySubscriber implements HttpResponse.BodySubscriber<byte[]> {
        private final long limit;
        private final boolean truncate;
        private final long declaredLength;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        private Flow.Subscription subscription;

        CappedBodySubscriber(long limit, boolean truncate, long declaredLength) {
            this.limit = limit;
            this.truncate = truncate;
            this.declaredLength = declaredLength;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            this.subscription = s;
            if (!truncate && declaredLength > limit) {
                s.cancel();
                result.completeExceptionally(new BodyTooLargeException(limit));
                return;
            }
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                int n = item.remaining();
                long room = limit - buffer.size();
                if (n > room) {
                    subscription.cancel();
                    if (truncate) {
                        byte[] part = new byte[(int) room];
                        item.get(part);
                        buffer.write(part, 0, part.length);
                        result.complete(buffer.toByteArray());
                    } else {
                        result.completeExceptionally(new BodyTooLargeException(limit));
                    }
                    return;
                }
                byte[] bytes = new byte[n];
                item.get(bytes);
                buffer.write(bytes, 0, n);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(buffer.toByteArray());
        }
    }
}
