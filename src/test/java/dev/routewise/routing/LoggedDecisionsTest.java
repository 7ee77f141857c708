package dev.routewise.routing;

import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.SourceRef;
import dev.routewise.security.ApiKeyService;
import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests over the decision log: one catalog per class, routed for real, removed after the class so later tests do
 * not route over it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class LoggedDecisionsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

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
    /** One catalog per class: every routed test model adds to the candidates of all later tests. */
    static SourceRef source;
    static ApiClient cleanup;

    /** The source's slug prefix and model ids. */
    abstract String[] catalogModels();

    /** Leaves the shared catalog as it was: later tests route over every model in it. */
    @AfterAll
    static void removeCatalog() {
        if (source != null) {
            cleanup.call("DELETE", "/api/v1/sources/" + source.id(), ApiClient.MASTER_KEY, null);
            source = null;
        }
    }

    @BeforeEach
    void catalog() {
        api = new ApiClient(port);
        cleanup = api;
        if (source == null) {
            String[] spec = catalogModels();
            source = RoutingTestCatalog.create(jdbc, catalog, routable, spec[0], "openai",
                    java.util.Arrays.copyOfRange(spec, 1, spec.length));
        }
    }

    /** Routes for real within this class's source and waits until the decision is in the log. */
    JsonNode route(String prompt, String profile) {
        HttpResponse<String> response = api.post("/api/v1/route", "{\"prompt\":\"" + prompt + "\",\"profile\":\""
                + profile + "\",\"constraints\":{\"allowedModels\":[\"" + source.slug() + "/*\"]}}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode decision = JSON.readTree(response.body());
        String id = decision.path("decisionId").asString();
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM routing_decision WHERE decision_id = ?").param(id).query(Long.class).single() == 1);
        return decision;
    }
}
