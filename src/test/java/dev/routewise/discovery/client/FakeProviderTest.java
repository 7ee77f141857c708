package dev.routewise.discovery.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.routewise.discovery.client.FakeProvider.data;
import static dev.routewise.discovery.client.FakeProvider.event;
import static dev.routewise.discovery.client.FakeProvider.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fake's streaming and fault answers behave as a real upstream would on the wire. */
class FakeProviderTest {

    private final FakeProvider server = new FakeProvider();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        server.close();
        http.close();
    }

    private HttpResponse<InputStream> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.root() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    @Test
    void server_sent_events_arrive_in_order_as_an_event_stream() throws Exception {
        server.on("/v1/messages", FakeProvider.sse(Duration.ofMillis(5),
                event("message_start", "{\"type\":\"message_start\"}"), data("[DONE]")));

        HttpResponse<InputStream> response = post("/v1/messages");

        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (InputStream body = response.body()) {
            assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("event: message_start\ndata: {\"type\":\"message_start\"}\n\ndata: [DONE]\n\n");
        }
    }

    @Test
    void a_cut_stream_delivers_its_first_events_then_fails_instead_of_ending() throws Exception {
        server.on("/stream", FakeProvider.sseCut(1, data("{\"n\":1}"), data("{\"n\":2}"), data("[DONE]")));

        HttpResponse<InputStream> response = post("/stream");

        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThatThrownBy(() -> {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            }).isInstanceOf(IOException.class);
        }
        assertThat(lines).containsExactly("data: {\"n\":1}", "");
    }

    @Test
    void a_share_of_the_calls_gets_the_fault_the_same_way_every_run() throws Exception {
        server.on("/flaky", FakeProvider.sometimes(0.25, json(503, "{\"error\":\"down\"}"), json("{\"ok\":true}")));

        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            HttpResponse<InputStream> response = post("/flaky");
            response.body().close();
            statuses.add(response.statusCode());
        }

        assertThat(statuses).containsExactly(200, 200, 200, 503, 200, 200, 200, 503);
    }

    @Test
    void an_upstream_that_hangs_up_gives_the_client_an_io_error() {
        server.on("/gone", FakeProvider.hangsUp());

        assertThatThrownBy(() -> post("/gone")).isInstanceOf(IOException.class);
    }
}
