package dev.routewise.routing;

import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
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
import org.springframework.jdbc.core.simple.JdbcClient;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QualityApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CatalogService catalog;
    @Autowired
    RoutableModels routable;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    SourceRef source;

    @BeforeEach
    void catalog() {
        api = new ApiClient(port);
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "quality", "openai", "acme-small-1",
                "acme-large-1");
    }

    @AfterEach
    void reset() {
        api.call("DELETE", "/api/v1/router/quality/acme-small-1", ApiClient.MASTER_KEY, null);
    }

    private String premiumChoice() {
        return api.post("/api/v1/route", "{\"prompt\":\"Prove that the square root of 2 is irrational.\","
                + "\"profile\":\"premium\",\"constraints\":{\"allowedModels\":[\"" + source.slug() + "/*\"]}}").body();
    }

    @Test
    void the_shipped_figures_are_listed_with_their_source() {
        HttpResponse<String> list = api.get("/api/v1/router/quality");

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("{\"key\":\"gpt-4o\",\"quality\":79.2,\"taskFit\":{},"
                + "\"source\":\"arena-hard\",\"edited\":false}");
    }

    @Test
    void a_quality_figure_set_by_the_team_changes_the_next_decision_and_can_be_reset() {
        String before = premiumChoice();
        HttpResponse<String> set = api.call("PUT", "/api/v1/router/quality/acme-small-1", ApiClient.MASTER_KEY,
                "{\"quality\":99,\"taskFit\":{\"math\":1.0}}");
        String after = premiumChoice();

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"edited\":true").contains("\"math\":1.0");
        assertThat(after).contains("\"id\":\"" + source.slug() + "/acme-small-1\"").contains("\"cached\":false");
        assertThat(before).doesNotContain("\"cached\":true");
        assertThat(api.get("/api/v1/audit?action=ROUTER_CHANGED").body()).contains("quality acme-small-1");

        assertThat(api.call("DELETE", "/api/v1/router/quality/acme-small-1", ApiClient.MASTER_KEY, null)
                .statusCode()).isEqualTo(204);
        assertThat(api.get("/api/v1/router/quality").body()).doesNotContain("acme-small-1");
    }

    @Test
    void bad_figures_are_refused_and_viewers_cannot_change_them() {
        HttpResponse<String> tooHigh = api.call("PUT", "/api/v1/router/quality/gpt-4o", ApiClient.MASTER_KEY,
                "{\"quality\":120}");
        HttpResponse<String> badTask = api.call("PUT", "/api/v1/router/quality/gpt-4o", ApiClient.MASTER_KEY,
                "{\"quality\":80,\"taskFit\":{\"poetry\":0.5}}");
        HttpResponse<String> viewer = api.call("PUT", "/api/v1/router/quality/gpt-4o",
                TestUsers.apiKey(keys, Role.VIEWER), "{\"quality\":80}");

        assertThat(tooHigh.statusCode()).isEqualTo(400);
        assertThat(tooHigh.body()).contains("\"field\":\"quality\"");
        assertThat(badTask.body()).contains("Unknown task 'poetry'");
        assertThat(viewer.statusCode()).isEqualTo(403);
        assertThat(api.get("/api/v1/router/quality").body()).contains("\"key\":\"gpt-4o\",\"quality\":79.2");
    }
}
