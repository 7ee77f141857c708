package dev.routewise.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** A small HTTP client for REST tests: JSON in, status and body out, with a bearer key. */
public final class ApiClient {

    public static final String MASTER_KEY = "test-master-key-0123456789";

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public ApiClient(int port) {
        this.port = port;
    }

    public HttpResponse<String> call(String method, String path, String key, String json) {
        return call(method, path, key, json, new String[0]);
    }

    /** With extra headers, given as name, value, name, value... */
    public HttpResponse<String> call(String method, String path, String key, String json, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<String> get(String path) {
        return call("GET", path, MASTER_KEY, null);
    }

    public HttpResponse<String> post(String path, String json) {
        return call("POST", path, MASTER_KEY, json);
    }
}
