package dev.routewise.discovery;

import dev.routewise.discovery.client.FakeProvider;
import dev.routewise.discovery.client.Payloads;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SourcesApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;

    ApiClient api;
    FakeProvider provider;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        provider = new FakeProvider();
        provider.on("/openai/v1/models", FakeProvider.json(Payloads.text("groq.json")));
    }

    @AfterEach
    void tearDown() {
        provider.close();
    }

    private String create(String name) {
        HttpResponse<String> created = api.post("/api/v1/sources", """
                {"name": "%s", "type": "groq", "baseUrl": "%s/openai/v1", "apiKey": "gsk_secret_0123456789",
                 "enabled": true, "schedule": "PT6H"}""".formatted(name, provider.root()));
        assertThat(created.statusCode()).isEqualTo(201);
        return created.body().replaceAll("^\\{\"id\":(\\d+),.*", "$1");
    }

    @Test
    void a_source_is_created_discovered_and_listed_without_its_key() {
        String id = create("Groq " + System.nanoTime());

        HttpResponse<String> run = api.post("/api/v1/sources/" + id + "/discover", null);
        HttpResponse<String> list = api.get("/api/v1/sources");

        assertThat(run.statusCode()).isEqualTo(200);
        assertThat(run.body()).contains("\"status\":\"ok\"").contains("\"runId\"").contains("\"listed\":5");
        assertThat(list.body()).contains("\"type\":\"groq\"").contains("\"apiKeyHint\":\"gsk…6789\"")
                .contains("\"docUrl\":\"https://console.groq.com/docs/models\"").contains("\"schedule\":\"PT6H\"")
                .doesNotContain("gsk_secret_0123456789");
        assertThat(api.get("/api/v1/sources/" + id + "/runs").body()).contains("\"status\":\"ok\"");
    }

    @Test
    void bad_input_is_refused_field_by_field() {
        HttpResponse<String> type = api.post("/api/v1/sources", "{\"name\":\"x\",\"type\":\"skynet\"}");
        HttpResponse<String> url = api.post("/api/v1/sources",
                "{\"name\":\"x\",\"type\":\"openai\",\"baseUrl\":\"ftp://nowhere\"}");
        HttpResponse<String> schedule = api.post("/api/v1/sources",
                "{\"name\":\"x\",\"type\":\"openai\",\"schedule\":\"sometimes\"}");

        assertThat(type.statusCode()).isEqualTo(400);
        assertThat(type.body()).contains("\"field\":\"type\"");
        assertThat(url.body()).contains("\"field\":\"baseUrl\"");
        assertThat(schedule.body()).contains("\"field\":\"schedule\"");
    }

    @Test
    void a_duplicate_name_is_refused() {
        String name = "Twin " + System.nanoTime();
        create(name);

        HttpResponse<String> again = api.post("/api/v1/sources",
                "{\"name\":\"" + name.toLowerCase() + "\",\"type\":\"groq\"}");

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body()).contains("already exists");
    }

    @Test
    void a_viewer_key_reads_sources_but_cannot_change_or_sync_them() {
        String id = create("Viewer check " + System.nanoTime());
        String viewer = viewerKey();

        assertThat(api.call("GET", "/api/v1/sources", viewer, null).statusCode()).isEqualTo(200);
        assertThat(api.call("POST", "/api/v1/sources/" + id + "/discover", viewer, null).statusCode())
                .isEqualTo(403);
        assertThat(api.call("DELETE", "/api/v1/sources/" + id, viewer, null).statusCode()).isEqualTo(403);
        assertThat(api.call("POST", "/api/v1/discovery/run", viewer, null).statusCode()).isEqualTo(403);
    }

    @Test
    void test_connection_lists_models_without_saving_anything() {
        HttpResponse<String> ok = api.post("/api/v1/sources/test",
                "{\"type\":\"groq\",\"baseUrl\":\"" + provider.root() + "/openai/v1\",\"apiKey\":\"k-0123456789\"}");
        HttpResponse<String> failed = api.post("/api/v1/sources/test",
                "{\"type\":\"groq\",\"baseUrl\":\"" + provider.root() + "/wrong/v1\"}");

        assertThat(ok.body()).contains("\"ok\":true").contains("\"models\":5");
        assertThat(failed.body()).contains("\"ok\":false").contains("404");
    }

    @Test
    void deleting_a_source_removes_its_models() {
        String id = create("Doomed " + System.nanoTime());
        api.post("/api/v1/sources/" + id + "/discover", null);

        assertThat(api.call("DELETE", "/api/v1/sources/" + id, ApiClient.MASTER_KEY, null).statusCode())
                .isEqualTo(204);
        assertThat(api.get("/api/v1/sources/" + id).statusCode()).isEqualTo(404);
    }

    private String viewerKey() {
        return TestUsers.apiKey(keys, Role.VIEWER);
    }
}
