package dev.routewise.catalog;

import dev.routewise.support.ApiClient;
import dev.routewise.support.TestSources;
import dev.routewise.security.ApiKeyService;
import dev.routewise.security.Role;
import dev.routewise.security.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CatalogService catalog;
    @Autowired
    ApiKeyService keys;
    @Autowired
    JdbcClient jdbc;

    ApiClient api;
    String slug;
    long rowId;

    @BeforeEach
    void catalogWithModels() {
        api = new ApiClient(port);
        SourceRef source = TestSources.insert(jdbc, "api", "anthropic");
        slug = source.slug();
        long id = source.id();
        catalog.apply(source, List.of(
                DiscoveredModel.idOnly("claude-sonnet-4-5-20250929", null),
                DiscoveredModel.idOnly("claude-opus-4-5-20251101", null),
                DiscoveredModel.idOnly("claude-from-the-future", null)), null);
        rowId = jdbc.sql("SELECT id FROM catalog_model WHERE source_id = ? AND model_id = 'claude-from-the-future'")
                .param(id).query(Long.class).single();
    }

    @Test
    void models_are_listed_with_exact_prices_and_filtered_by_provider_and_tier() {
        HttpResponse<String> all = api.get("/api/v1/models?provider=" + slug);
        HttpResponse<String> high = api.get("/api/v1/models?provider=" + slug + "&tier=high");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.body()).contains("\"total\":3").contains("\"id\":\"" + slug + "/claude-sonnet-4-5-20250929\"")
                .contains("\"inputPricePerMTok\":3").contains("\"outputPricePerMTok\":15")
                .contains("\"contextTokens\":200000");
        assertThat(high.body()).contains("\"total\":1").contains("claude-opus-4-5-20251101");
    }

    @Test
    void an_unpriced_model_says_so_instead_of_costing_zero() {
        String body = api.get("/api/v1/models?provider=" + slug + "&unpriced=true").body();

        assertThat(body).contains("\"total\":1").contains("\"priced\":false")
                .contains("\"inputPricePerMTok\":null").contains("\"costTier\":null");
    }

    @Test
    void an_operator_key_edits_a_model_and_a_viewer_key_may_not() {
        HttpResponse<String> patched = api.call("PATCH", "/api/v1/models/" + rowId, ApiClient.MASTER_KEY,
                "{\"inputPricePerMTok\": 1.25, \"outputPricePerMTok\": 10, \"displayName\": \"Future\"}");
        HttpResponse<String> denied = api.call("PATCH", "/api/v1/models/" + rowId, key(Role.VIEWER),
                "{\"enabled\": false}");

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.body()).contains("\"inputPricePerMTok\":1.25").contains("\"priceOrigin\":\"manual\"")
                .contains("\"displayName\":\"Future\"");
        assertThat(denied.statusCode()).isEqualTo(403);
    }

    @Test
    void bad_filters_and_prices_are_400_naming_the_field() {
        HttpResponse<String> tier = api.get("/api/v1/models?tier=cheap");
        HttpResponse<String> price = api.call("PATCH", "/api/v1/models/" + rowId, ApiClient.MASTER_KEY,
                "{\"inputPricePerMTok\": -1, \"outputPricePerMTok\": 1}");

        assertThat(tier.statusCode()).isEqualTo(400);
        assertThat(tier.body()).contains("\"field\":\"tier\"");
        assertThat(price.statusCode()).isEqualTo(400);
        assertThat(price.body()).contains("\"field\":\"inputPricePerMTok\"");
    }

    @Test
    void the_price_catalog_refuses_garbage_and_keeps_the_current_one() {
        String before = api.get("/api/v1/price-catalog").body();

        HttpResponse<String> refused = api.call("PUT", "/api/v1/price-catalog", ApiClient.MASTER_KEY,
                "{\"not\": \"a catalog\"}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("refused");
        assertThat(api.get("/api/v1/price-catalog").body()).isEqualTo(before);
        assertThat(before).contains("\"entries\":2595");
    }

    private String key(Role role) {
        return TestUsers.apiKey(keys, role);
    }
}
