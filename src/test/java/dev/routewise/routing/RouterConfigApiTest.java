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
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouterConfigApiTest {

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
        source = RoutingTestCatalog.create(jdbc, catalog, routable, "config", "openai", "gpt-4o-mini", "gpt-4o", "o3");
    }

    @AfterEach
    void backToBalanced() {
        api.call("PUT", "/api/v1/router/profile", ApiClient.MASTER_KEY, "{\"profile\":\"balanced\"}");
        api.call("DELETE", "/api/v1/router/tasks/code/override?profile=balanced", ApiClient.MASTER_KEY, null);
    }

    @Test
    void the_router_shows_profiles_weights_and_task_chains_derived_from_the_catalog() {
        HttpResponse<String> router = api.get("/api/v1/router");

        assertThat(router.statusCode()).isEqualTo(200);
        assertThat(router.body()).contains("\"activeProfile\":\"balanced\"").contains("\"name\":\"eco\"")
                .contains("\"capability\":0.35").contains("\"taskChains\"").contains("\"code\":[")
                .contains("\"droppedDecisions\":0");
    }

    @Test
    void the_active_profile_is_used_when_a_request_names_none_and_the_change_is_audited() {
        HttpResponse<String> set = api.call("PUT", "/api/v1/router/profile", ApiClient.MASTER_KEY,
                "{\"profile\":\"eco\"}");
        HttpResponse<String> routed = api.post("/api/v1/route", "{\"prompt\":\"What is the capital of Peru?\","
                + "\"constraints\":{\"allowedModels\":[\"" + source.slug() + "/*\"]}}");

        assertThat(set.statusCode()).isEqualTo(200);
        assertThat(set.body()).contains("\"activeProfile\":\"eco\"");
        assertThat(routed.body()).contains("\"profile\":\"eco\"");
        assertThat(api.get("/api/v1/audit?action=ROUTER_CHANGED").body())
                .contains("before: balanced; after: eco");
    }

    @Test
    void a_task_override_forces_its_model_while_it_is_eligible() {
        String forced = source.slug() + "/o3";
        api.call("PUT", "/api/v1/router/tasks/code/override?profile=balanced", ApiClient.MASTER_KEY,
                "{\"model\":\"" + forced + "\"}");

        String body = api.post("/api/v1/route", "{\"prompt\":\"Write a Go function that reverses a slice.\","
                + "\"task\":\"code\",\"profile\":\"balanced\",\"constraints\":{\"allowedModels\":[\""
                + source.slug() + "/*\"]}}").body();

        assertThat(body).contains("\"id\":\"" + forced + "\"").contains("\"rule\":\"override\"");
        assertThat(api.get("/api/v1/router").body()).contains("\"code\":\"" + forced + "\"");
    }

    @Test
    void bad_changes_are_400_and_viewers_may_not_change_the_router() {
        HttpResponse<String> badProfile = api.call("PUT", "/api/v1/router/profile", ApiClient.MASTER_KEY,
                "{\"profile\":\"turbo\"}");
        HttpResponse<String> badTask = api.call("PUT", "/api/v1/router/tasks/poetry/override", ApiClient.MASTER_KEY,
                "{\"model\":\"openai/gpt-4o\"}");
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);

        assertThat(badProfile.statusCode()).isEqualTo(400);
        assertThat(badProfile.body()).contains("\"field\":\"profile\"");
        assertThat(badTask.statusCode()).isEqualTo(400);
        assertThat(badTask.body()).contains("\"field\":\"task\"");
        assertThat(api.call("GET", "/api/v1/router", viewer, null).statusCode()).isEqualTo(200);
        assertThat(api.call("PUT", "/api/v1/router/profile", viewer, "{\"profile\":\"eco\"}").statusCode())
                .isEqualTo(403);
    }
}
