package dev.routewise.gateway;

import dev.routewise.catalog.CatalogService;
import dev.routewise.catalog.DiscoveredModel;
import dev.routewise.catalog.SourceRef;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import dev.routewise.support.ApiClient;
import dev.routewise.support.TestSources;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayModelsApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CatalogService catalog;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JdbcClient jdbc;

    @Test
    void the_model_list_has_the_virtual_models_and_the_enabled_chat_models_in_openai_shape() {
        SourceRef source = TestSources.insert(jdbc, "gw-models", "openai");
        catalog.apply(source, List.of(DiscoveredModel.idOnly("gpt-4o-mini", null),
                DiscoveredModel.idOnly("text-embedding-3-small", null)), null);
        ApiClient api = new ApiClient(port);

        HttpResponse<String> response = api.call("GET", "/v1/models", TestUsers.apiKey(keys, Role.VIEWER), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = JsonMapper.builder().build().readTree(response.body());
        assertThat(list.path("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(m -> ids.add(m.path("id").asString()));
        assertThat(ids).startsWith("auto", "router/eco", "router/balanced", "router/premium")
                .contains(source.slug() + "/gpt-4o-mini")
                .doesNotContain(source.slug() + "/text-embedding-3-small");
        JsonNode first = list.path("data").get(0);
        assertThat(first.path("object").asString()).isEqualTo("model");
        assertThat(first.path("owned_by").asString()).isEqualTo("routewise");
        assertThat(first.path("created").asLong()).isPositive();
    }

    @Test
    void gateway_errors_come_in_openai_error_shape() {
        ApiClient api = new ApiClient(port);

        HttpResponse<String> anonymous = api.call("GET", "/v1/models", null, null);
        HttpResponse<String> unknown = api.get("/v1/no-such-endpoint");

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).startsWith("{\"error\":{").contains("\"code\":\"invalid_api_key\"")
                .contains("\"type\":\"invalid_request_error\"");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"unknown_url\"")
                .contains("Unknown request URL: GET /v1/no-such-endpoint");
    }
}
