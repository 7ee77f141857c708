package dev.routewise.routing;

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

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RouterConfigTransferApiTest {

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;
    @Autowired
    RouterConfigService config;

    ApiClient api;

    static final String FILE = """
            version: 1
            activeProfile: anthropic-first
            profiles:
              - name: eco
              - name: balanced
              - name: premium
                weights: {quality: 50, cost: 5, capability: 30, latency: 10, historical: 5}
              - name: anthropic-first
                description: Claude unless it cannot serve the request
                weights: {capability: 40, cost: 20, quality: 25, latency: 10, historical: 5}
                tierPreference: [medium, high]
                pool: ["anthropic/*", "openai/gpt-4o-mini"]
                fallbackModel: openai/gpt-4o-mini
            overrides:
              balanced:
                code: anthropic/claude-sonnet-4-5
            workflows:
              - name: feature-dev
                stages:
                  - {name: plan, profile: premium}
                  - {name: review, model: anthropic/claude-sonnet-4-5}
            timeZone: Europe/Berlin
            rules:
              - name: weekend-anthropic
                condition: weekday in [sat, sun]
                action: use_profile
                value: anthropic-first
            """;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @AfterEach
    void backToShipped() {
        api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY, """
                activeProfile: balanced
                profiles: [{name: eco}, {name: balanced}, {name: premium}]
                overrides: {}
                workflows: []
                timeZone: UTC
                rules: []
                """);
    }

    @Test
    void the_export_is_yaml_with_profiles_and_sources_but_no_secrets_and_imports_back_without_changes() {
        HttpResponse<String> export = api.get("/api/v1/router/config");

        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        assertThat(export.body()).contains("activeProfile: \"balanced\"").contains("name: \"eco\"")
                .contains("capability: 35.0").contains("sources:").doesNotContain("apiKey:");

        HttpResponse<String> again = api.call("POST", "/api/v1/router/config?dryRun=true", ApiClient.MASTER_KEY,
                export.body());
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("\"changes\":[]");
    }

    @Test
    void a_dry_run_lists_every_change_and_changes_nothing_then_the_import_applies_them_all() {
        HttpResponse<String> preview = api.call("POST", "/api/v1/router/config?dryRun=true", ApiClient.MASTER_KEY,
                FILE);

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).contains("\"dryRun\":true").contains("\"applied\":false")
                .contains("+ profile anthropic-first").contains("~ profile premium")
                .contains("~ active profile: balanced  ->  anthropic-first")
                .contains("+ override balanced/code: anthropic/claude-sonnet-4-5")
                .contains("+ workflow feature-dev")
                .contains("+ rule weekend-anthropic: if weekday in [sat, sun] -> use_profile anthropic-first")
                .contains("~ rules time zone: UTC  ->  Europe/Berlin");
        assertThat(config.current().profileNames()).doesNotContain("anthropic-first");
        assertThat(config.current().activeProfile()).isEqualTo("balanced");

        HttpResponse<String> applied = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY, FILE);

        assertThat(applied.body()).contains("\"applied\":true");
        assertThat(config.current().activeProfile()).isEqualTo("anthropic-first");
        assertThat(config.settings("anthropic-first").fallbackModel()).isEqualTo("openai/gpt-4o-mini");
        assertThat(config.settings("premium").edited()).isTrue();
        assertThat(config.current().workflows()).containsKey("feature-dev");
        assertThat(api.get("/api/v1/router/rules").body()).contains("weekend-anthropic").contains("Europe/Berlin");
        assertThat(api.get("/api/v1/audit?action=ROUTER_CHANGED").body()).contains("profile anthropic-first");
    }

    @Test
    void a_bad_file_is_refused_with_the_place_of_the_problem_and_nothing_changes() {
        HttpResponse<String> unknownField = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY,
                "activeProfile: eco\nprofilez: []\n");
        HttpResponse<String> badWeight = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY,
                "profiles:\n  - name: eco\n  - name: balanced\n    weights: {speed: 10}\n  - name: premium\n");
        HttpResponse<String> badStage = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY,
                "workflows:\n  - name: w\n    stages: [{name: plan, profile: turbo}]\n");
        HttpResponse<String> missingEnv = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY,
                "sources:\n  - {name: Groq, type: groq, apiKeyEnv: ROUTEWISE_TEST_NO_SUCH_VARIABLE}\n");
        HttpResponse<String> badRule = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY,
                "activeProfile: eco\nrules:\n  - {name: r1, condition: \"tokns > 5\", action: deny, value: no}\n");
        HttpResponse<String> notYaml = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY,
                "profiles: [unclosed\n");

        assertThat(unknownField.statusCode()).isEqualTo(400);
        assertThat(unknownField.body()).contains("Unknown field 'profilez'").contains("line 2");
        assertThat(badWeight.body()).contains("\"field\":\"profiles[1].weights.speed\"");
        assertThat(badStage.body()).contains("Unknown profile 'turbo'");
        assertThat(missingEnv.body()).contains("\"field\":\"sources[0].apiKeyEnv\"");
        assertThat(notYaml.statusCode()).isEqualTo(400);
        assertThat(badRule.statusCode()).isEqualTo(400);
        assertThat(badRule.body()).contains("rules[0].condition").contains("unknown field 'tokns'");
        assertThat(config.current().activeProfile()).isEqualTo("balanced");
        assertThat(config.current().workflows()).isEmpty();
    }

    @Test
    void a_source_in_the_file_is_added_and_a_bad_source_rolls_back_the_whole_import() {
        HttpResponse<String> bad = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY, """
                activeProfile: eco
                sources:
                  - {name: Local llama, type: ollama, baseUrl: "not a url", enabled: false}
                """);
        HttpResponse<String> good = api.call("POST", "/api/v1/router/config", ApiClient.MASTER_KEY, """
                sources:
                  - {name: Config llama, type: ollama, baseUrl: "http://127.0.0.1:1", enabled: false}
                """);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("sources[0]");
        assertThat(config.current().activeProfile()).isEqualTo("balanced");
        assertThat(good.body()).contains("+ source Config llama (ollama)").contains("\"applied\":true");
        assertThat(api.get("/api/v1/sources").body()).contains("Config llama");
    }

    @Test
    void viewers_export_but_only_admins_import() {
        String viewer = TestUsers.apiKey(keys, Role.VIEWER);
        String operator = TestUsers.apiKey(keys, Role.OPERATOR);

        assertThat(api.call("GET", "/api/v1/router/config?format=json", viewer, null).body())
                .contains("\"activeProfile\":\"balanced\"");
        assertThat(api.call("POST", "/api/v1/router/config", operator, FILE).statusCode()).isEqualTo(403);
    }
}
