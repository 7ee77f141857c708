package dev.routewise.security;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.context.SecurityContextHolder;
import dev.routewise.support.ApiClient;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiAuthenticationTest {

    static final String MASTER_KEY = ApiClient.MASTER_KEY;

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;

    private HttpResponse<String> call(String method, String path, String key, String json) {
        return new ApiClient(port).call(method, path, key, json);
    }

    private String createKey(Role role) {
        return TestUsers.apiKey(keys, role);
    }

    @Test
    void a_request_without_a_key_gets_401_as_problem_json() {
        HttpResponse<String> response = call("GET", "/api/v1/me", null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":401").contains("Authorization: Bearer");
    }

    @Test
    void a_wrong_key_gets_401() {
        HttpResponse<String> response = call("GET", "/api/v1/me", "rw_not-a-real-key", null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("not valid");
    }

    @Test
    void the_master_key_is_an_admin_key() {
        HttpResponse<String> me = call("GET", "/api/v1/me", MASTER_KEY, null);
        HttpResponse<String> keyList = call("GET", "/api/v1/keys", MASTER_KEY, null);

        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"ADMIN\"").contains("master-key");
        assertThat(keyList.statusCode()).isEqualTo(200);
    }

    @Test
    void a_viewer_key_gets_403_on_an_admin_endpoint_but_200_on_its_own_identity() {
        String viewer = createKey(Role.VIEWER);

        HttpResponse<String> denied = call("GET", "/api/v1/keys", viewer, null);
        HttpResponse<String> me = call("GET", "/api/v1/me", viewer, null);

        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(denied.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(me.body()).contains("\"role\":\"VIEWER\"");
    }

    @Test
    void a_key_created_through_the_api_works_until_it_is_revoked() {
        HttpResponse<String> created = call("POST", "/api/v1/keys", MASTER_KEY,
                "{\"name\":\"automation\",\"role\":\"OPERATOR\"}");
        assertThat(created.statusCode()).isEqualTo(201);
        String secret = created.body().replaceAll(".*\"secret\":\"([^\"]+)\".*", "$1");
        String id = created.body().replaceAll(".*\"id\":(\\d+).*", "$1");

        assertThat(call("GET", "/api/v1/me", secret, null).statusCode()).isEqualTo(200);
        assertThat(call("DELETE", "/api/v1/keys/" + id, MASTER_KEY, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/me", secret, null).statusCode()).isEqualTo(401);
    }

    @Test
    void the_key_list_never_contains_secrets_or_hashes() {
        String secret = createKey(Role.OPERATOR);

        String body = call("GET", "/api/v1/keys", MASTER_KEY, null).body();

        assertThat(body).doesNotContain(secret).doesNotContain("secretHash").doesNotContain("hash");
    }

    @Test
    void invalid_input_is_a_400_naming_the_field() {
        HttpResponse<String> response = call("POST", "/api/v1/keys", MASTER_KEY, "{\"name\":\"\",\"role\":null}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"errors\"").contains("\"field\":\"name\"").contains("\"field\":\"role\"");
    }

    @Test
    void health_is_open_and_prometheus_needs_an_admin_key() {
        HttpResponse<String> health = call("GET", "/actuator/health", null, null);
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");

        assertThat(call("GET", "/actuator/prometheus", null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/actuator/prometheus", createKey(Role.VIEWER), null).statusCode()).isEqualTo(403);
        HttpResponse<String> metrics = call("GET", "/actuator/prometheus", MASTER_KEY, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    @Test
    void the_console_redirects_anonymous_visitors_to_the_login_page() {
        HttpResponse<String> response = call("GET", "/users", null, null);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
                l -> assertThat(l).endsWith("/login"));
    }
}
