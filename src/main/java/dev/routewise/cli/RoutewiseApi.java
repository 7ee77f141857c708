package dev.routewise.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The REST API as the CLI uses it: JSON in and out with a bearer key; every non-2xx answer and every
 * connection failure becomes a {@link CliException} with the exit code of its kind.
 */
final class RoutewiseApi {

    /** A 2xx answer: the body as the server sent it, and parsed. */
    record Answer(String body, JsonNode json) {
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final String key;
    private final Duration timeout;
    private final HttpClient http;

    RoutewiseApi(String baseUrl, String key, Duration connectTimeout, Duration timeout) {
        this.baseUrl = checkedBase(baseUrl);
        this.key = key;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Answer get(String path) {
        return send("GET", path, null);
    }

    Answer send(String method, String path, Object body) {
        HttpResponse<String> response = exchange(request(method, path, body), HttpResponse.BodyHandlers.ofString(),
                path);
        if (response.statusCode() / 100 != 2) {
            throw failure(response.statusCode(), response.body(), path);
        }
        String text = response.body() == null ? "" : response.body();
        if (text.isBlank()) {
            return new Answer("", JSON.nullNode());
        }
        try {
            return new Answer(text, JSON.readTree(text));
        } catch (JacksonException e) {
            throw new CliException(CliException.UNREACHABLE, response.statusCode(),
                    "The server at " + url(path) + " did not answer JSON; is --url a Routewise server?");
        }
    }

    /** A download: the open body of a 2xx answer; the caller closes it. */
    InputStream download(String path) {
        HttpResponse<InputStream> response = exchange(request("GET", path, null),
                HttpResponse.BodyHandlers.ofInputStream(), path);
        if (response.statusCode() / 100 != 2) {
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw failure(response.statusCode(), body, path);
        }
        return response.body();
    }

    String url(String path) {
        return baseUrl + path;
    }

    /** {@code ?a=1&b=2} from the non-null values, URL-encoded. */
    static String query(Map<String, ?> params) {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        params.forEach((name, value) -> {
            if (value != null && !value.toString().isBlank()) {
                query.add(name + "=" + encode(value.toString()));
            }
        });
        return query.toString();
    }

    static Map<String, Object> params(Object... nameValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put((String) nameValues[i], nameValues[i + 1]);
        }
        return params;
    }

    /** One path segment: spaces as %20, not '+'. */
    static String segment(String value) {
        return encode(value).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(timeout)
                .header("Accept", "application/json, application/problem+json, text/csv");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request.build();
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler, String path) {
        try {
            return http.send(request, handler);
        } catch (HttpConnectTimeoutException e) {
            throw unreachable(path, "the connection timed out");
        } catch (HttpTimeoutException e) {
            throw unreachable(path, "no answer within " + timeout.toSeconds() + " s");
        } catch (ConnectException e) {
            throw unreachable(path, "connection refused");
        } catch (IOException e) {
            throw unreachable(path, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(path, "interrupted");
        }
    }

    private CliException unreachable(String path, String why) {
        return new CliException(CliException.UNREACHABLE, "Cannot reach Routewise at " + url(path) + ": " + why
                + ". Check --url or ROUTEWISE_URL and that the server is running.");
    }

    private CliException failure(int status, String body, String path) {
        JsonNode problem = parse(body);
        String detail = text(problem, "detail");
        if (status == 401) {
            String why = key == null ? "no API key was given" : "the server refused the API key";
            return new CliException(CliException.AUTH, status, "Not authenticated (401): " + why
                    + (detail == null ? "" : " (" + detail + ")")
                    + ". Pass a valid key with --key or the ROUTEWISE_API_KEY environment variable.");
        }
        if (status == 403) {
            return new CliException(CliException.AUTH, status, "Not allowed (403): "
                    + (detail == null ? "this API key's role does not allow this request" : detail)
                    + " Use a key with a higher role via --key or ROUTEWISE_API_KEY.");
        }
        if (status >= 500) {
            return new CliException(CliException.UNREACHABLE, status, "The server failed (" + status + ") at "
                    + url(path) + (detail == null ? "" : ": " + detail));
        }
        List<String> lines = new ArrayList<>();
        String title = text(problem, "title");
        lines.add("Rejected (" + status + (title == null ? "" : " " + title) + "): "
                + (detail != null ? detail : snippet(body)));
        if (problem != null && problem.path("errors").isArray()) {
            for (JsonNode error : problem.path("errors")) {
                String field = text(error, "field");
                String message = text(error, "message");
                lines.add("  - " + (field == null ? "" : field + ": ") + (message == null ? error.toString() : message));
            }
        }
        return new CliException(CliException.REJECTED, status, String.join(System.lineSeparator(), lines));
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String snippet(String body) {
        if (body == null || body.isBlank()) {
            return "(no details)";
        }
        String flat = body.strip().replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }

    /** The text of a field, null when it is missing or JSON null. */
    static String text(JsonNode node, String field) {
        if (node == null) {
            return null;
        }
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asString();
    }

    private static String checkedBase(String url) {
        String base = url.strip();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        URI uri;
        try {
            uri = URI.create(base);
        } catch (IllegalArgumentException e) {
            throw new CliException(2, "--url '" + url + "' is not a URL");
        }
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                || uri.getHost() == null) {
            throw new CliException(2, "--url '" + url + "' is not an http(s) URL such as http://localhost:8080");
        }
        return base;
    }
}
