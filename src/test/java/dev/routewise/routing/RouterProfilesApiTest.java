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
class RouterProfilesApiTest {

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
    SourceRef openai;
    SourceRef anthropic;

    @BeforeEach
    void catalog() {
        api = new ApiClient(port);
        openai = RoutingTestCatalog.create(jdbc, catalog, routable, "prof-oa", "openai", "gpt-4o-mini", "gpt-4o");
        anthropic = RoutingTestCatalog.create(jdbc, catalog, routable, "prof-an", "anthropic",
                "claude-3-5-haiku-20241022", "claude-sonnet-4-5");
    }

    @AfterEach
    void cleanUp() {
        api.call("PUT", "/api/v1/router/profile", ApiClient.MASTER_KEY, "{\"profile\":\"balanced\"}");
        api.call("DELETE", "/api/v1/router/workflows/feature-dev", ApiClient.MASTER_KEY, null);
        api.call("DELETE", "/api/v1/router/profiles/anthropic-only", ApiClient.MASTER_KEY, null);
        api.call("DELETE", "/api/v1/router/profiles/eco", ApiClient.MASTER_KEY, null);
    }

    private String bothSources() {
        return "\"constraints\":{\"allowedModels\":[\"" + openai.slug() + "/*\",\"" + anthropic.slug() + "/*\"]}";
    }

    @Test
    void a_custom_profile_with_a_pool_only_picks_models_from_its_pool_and_is_listed_with_its_chains() {
        HttpResponse<String> created = api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY,
                "{\"name\":\"anthropic-only\",\"description\":\"Claude for everything\",\"pool\":[\""
                        + anthropic.slug() + "/*\"],\"weights\":{\"quality\":60,\"cost\":10}}");

        String routed = api.post("/api/v1/route", "{\"prompt\":\"Write a haiku about rain.\","
                + "\"profile\":\"anthropic-only\"," + bothSources() + "}").body();

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.body()).contains("\"name\":\"anthropic-only\"").contains("\"builtIn\":false")
                .contains("\"pool\":[\"" + anthropic.slug() + "/*\"]");
        assertThat(routed).contains("\"profile\":\"anthropic-only\"")
                .contains("\"id\":\"" + anthropic.slug() + "/")
                .contains("outside the pool of profile anthropic-only");
        String router = api.get("/api/v1/router").body();
        assertThat(router).contains("\"name\":\"anthropic-only\"").contains("\"taskChains\"");
        assertThat(api.get("/api/v1/audit?action=ROUTER_CHANGED").body()).contains("profile anthropic-only");
    }

    @Test
    void patching_one_weight_keeps_the_others_and_a_built_in_profile_can_be_reset() {
        HttpResponse<String> patched = api.call("PATCH", "/api/v1/router/profiles/eco/weights",
                ApiClient.MASTER_KEY, "{\"cost\":80}");

        assertThat(patched.statusCode()).isEqualTo(200);
        // eco ships 30/40/10/10/10; cost 40 -> 80 makes the sum 140
        assertThat(patched.body()).contains("\"edited\":true").contains("\"cost\":0.5714").contains("\"capability\":0.2143");

        HttpResponse<String> reset = api.call("DELETE", "/api/v1/router/profiles/eco", ApiClient.MASTER_KEY, null);

        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(api.get("/api/v1/router/profiles").body()).contains("\"name\":\"eco\"")
                .contains("\"cost\":0.4");
    }

    @Test
    void bad_profiles_are_refused_with_the_field_named_and_the_active_profile_cannot_be_deleted() {
        HttpResponse<String> badName = api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY,
                "{\"name\":\"Has Spaces\"}");
        HttpResponse<String> duplicate = api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY,
                "{\"name\":\"premium\"}");
        HttpResponse<String> badWeight = api.call("PATCH", "/api/v1/router/profiles/balanced/weights",
                ApiClient.MASTER_KEY, "{\"speed\":10}");
        HttpResponse<String> badTier = api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY,
                "{\"name\":\"x1\",\"tierPreference\":[\"cheap\"]}");
        api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"anthropic-only\"}");
        api.call("PUT", "/api/v1/router/profile", ApiClient.MASTER_KEY, "{\"profile\":\"anthropic-only\"}");
        HttpResponse<String> deleteActive = api.call("DELETE", "/api/v1/router/profiles/anthropic-only",
                ApiClient.MASTER_KEY, null);
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);

        assertThat(badName.statusCode()).isEqualTo(400);
        assertThat(badName.body()).contains("\"field\":\"name\"");
        assertThat(duplicate.body()).contains("already exists");
        assertThat(badWeight.body()).contains("Unknown factor 'speed'");
        assertThat(badTier.body()).contains("\"field\":\"tierPreference\"");
        assertThat(deleteActive.statusCode()).isEqualTo(400);
        assertThat(deleteActive.body()).contains("is the active profile");
        assertThat(api.call("PATCH", "/api/v1/router/profiles/eco/weights", viewer, "{\"cost\":1}").statusCode())
                .isEqualTo(403);
    }

    @Test
    void a_profile_fallback_model_joins_the_end_of_every_chain() {
        String fallback = openai.slug() + "/gpt-4o-mini";
        api.call("POST", "/api/v1/router/profiles", ApiClient.MASTER_KEY, "{\"name\":\"anthropic-only\",\"pool\":[\""
                + anthropic.slug() + "/*\",\"" + fallback + "\"],\"fallbackModel\":\"" + fallback + "\","
                + "\"weights\":{\"quality\":100,\"cost\":0,\"capability\":0,\"latency\":0,\"historical\":0}}");

        String routed = api.post("/api/v1/route", "{\"prompt\":\"Plan a migration to Kubernetes.\","
                + "\"profile\":\"anthropic-only\"," + bothSources() + "}").body();

        assertThat(routed).contains("\"id\":\"" + anthropic.slug() + "/claude-sonnet-4-5\"");
        assertThat(routed.substring(routed.indexOf("\"fallbackChain\""))).contains(fallback);
    }

    @Test
    void a_workflow_stage_sends_its_requests_to_the_stage_model_or_profile() {
        String reviewer = anthropic.slug() + "/claude-sonnet-4-5";
        HttpResponse<String> saved = api.call("PUT", "/api/v1/router/workflows/feature-dev", ApiClient.MASTER_KEY,
                "{\"stages\":[{\"name\":\"plan\",\"profile\":\"premium\"},{\"name\":\"implement\",\"profile\":\"eco\"},"
                        + "{\"name\":\"review\",\"model\":\"" + reviewer + "\"}]}");

        String review = api.post("/api/v1/route", "{\"prompt\":\"Review this function for bugs: def f(x): return x\","
                + "\"context\":{\"workflow\":\"feature-dev\",\"stage\":\"review\"}," + bothSources() + "}").body();
        String implement = api.post("/api/v1/route", "{\"prompt\":\"Write a Go function that reverses a slice.\","
                + "\"context\":{\"workflow\":\"feature-dev\",\"stage\":\"implement\"}," + bothSources() + "}").body();
        HttpResponse<String> unknown = api.post("/api/v1/route", "{\"prompt\":\"hi\","
                + "\"context\":{\"workflow\":\"feature-dev\",\"stage\":\"deploy\"}}");

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(review).contains("\"id\":\"" + reviewer + "\"").contains("\"rule\":\"workflow:feature-dev/review\"");
        assertThat(implement).contains("\"profile\":\"eco\"").contains("\"rule\":\"workflow:feature-dev/implement\"");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("has no stage 'deploy'").contains("plan, implement, review");
    }

    @Test
    void a_workflow_stage_needs_exactly_one_of_model_and_profile() {
        HttpResponse<String> both = api.call("PUT", "/api/v1/router/workflows/feature-dev", ApiClient.MASTER_KEY,
                "{\"stages\":[{\"name\":\"plan\",\"profile\":\"premium\",\"model\":\"openai/gpt-4o\"}]}");
        HttpResponse<String> unknownProfile = api.call("PUT", "/api/v1/router/workflows/feature-dev",
                ApiClient.MASTER_KEY, "{\"stages\":[{\"name\":\"plan\",\"profile\":\"turbo\"}]}");

        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(both.body()).contains("exactly one of a model or a profile");
        assertThat(unknownProfile.body()).contains("Unknown profile 'turbo'");
    }

    @Test
    void identical_requests_reuse_the_decision_until_the_router_changes() {
        String request = "{\"prompt\":\"Translate 'good morning' to Italian, cache test.\"," + bothSources() + "}";

        String first = api.post("/api/v1/route", request).body();
        String second = api.post("/api/v1/route", request).body();
        api.call("PATCH", "/api/v1/router/profiles/balanced/weights", ApiClient.MASTER_KEY, "{\"cost\":20}");
        String afterChange = api.post("/api/v1/route", request).body();

        assertThat(first).contains("\"cached\":false");
        assertThat(second).contains("\"cached\":true");
        assertThat(afterChange).contains("\"cached\":false");
        assertThat(api.get("/api/v1/router").body()).contains("\"cache\":{\"enabled\":true");
    }

    @Test
    void a_cached_decision_keeps_only_its_best_candidates_and_failures_are_not_cached() {
        String[] many = java.util.stream.IntStream.rangeClosed(1, 30).mapToObj(i -> "listing-model-" + i)
                .toArray(String[]::new);
        SourceRef wide = RoutingTestCatalog.create(jdbc, catalog, routable, "prof-wide", "openai", many);
        String request = "{\"prompt\":\"Translate 'thank you' to Italian, listing test.\","
                + "\"constraints\":{\"allowedModels\":[\"" + wide.slug() + "/*\"]}}";

        String first = api.post("/api/v1/route?candidates=30", request).body();
        String second = api.post("/api/v1/route?candidates=30", request).body();
        String none = "{\"prompt\":\"hi\",\"constraints\":{\"allowedModels\":[\"nowhere/*\"]}}";
        api.post("/api/v1/route", none);

        assertThat(first.split("\"eligible\":true").length - 1).isEqualTo(30);
        assertThat(second).contains("\"cached\":true");
        assertThat(second.split("\"eligible\":").length - 1).isEqualTo(RoutingService.CACHED_CANDIDATES);
        assertThat(api.post("/api/v1/route", none).body()).contains("\"status\":422").doesNotContain("cached");
        // 30 more models would crowd the candidate lists of later tests
        api.call("DELETE", "/api/v1/sources/" + wide.id(), ApiClient.MASTER_KEY, null);
    }

    @Test
    void reset_clears_cached_decisions_and_is_for_admins_only() {
        String request = "{\"prompt\":\"Translate 'good night' to Italian, reset test.\"," + bothSources() + "}";
        api.post("/api/v1/route", request);

        HttpResponse<String> operator = api.call("POST", "/api/v1/router/reset",
                TestUsers.apiKey(keys, Role.OPERATOR), null);
        HttpResponse<String> reset = api.call("POST", "/api/v1/router/reset", ApiClient.MASTER_KEY, null);

        assertThat(operator.statusCode()).isEqualTo(403);
        assertThat(reset.statusCode()).isEqualTo(200);
        assertThat(reset.body()).contains("\"cacheEntriesCleared\":").contains("\"learnedStatsCleared\":");
        assertThat(api.post("/api/v1/route", request).body()).contains("\"cached\":false");
    }

    @Test
    void with_seed_presets_on_a_built_in_profile_takes_the_preset_model_while_it_fits() {
        api.call("PUT", "/api/v1/router/presets", ApiClient.MASTER_KEY, "{\"enabled\":true}");
        try {
            String routed = api.post("/api/v1/route", "{\"prompt\":\"Write a Go function that reverses a slice.\","
                    + "\"task\":\"code\",\"profile\":\"balanced\"}").body();
            String router = api.get("/api/v1/router").body();

            // the catalog of these tests has claude-sonnet-4-5, balanced's first preset for code
            assertThat(routed).contains("\"rule\":\"preset\"").contains("/claude-sonnet-4-5\"")
                    .contains("seed preset for code in profile balanced");
            assertThat(router).contains("\"presets\":true");
        } finally {
            api.call("PUT", "/api/v1/router/presets", ApiClient.MASTER_KEY, "{\"enabled\":false}");
        }
        String scored = api.post("/api/v1/route", "{\"prompt\":\"Write a Go function that sorts a slice.\","
                + "\"task\":\"code\",\"profile\":\"balanced\"}").body();
        assertThat(scored).doesNotContain("\"rule\":\"preset\"");
    }
}
