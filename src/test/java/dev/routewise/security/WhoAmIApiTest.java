package dev.routewise.security;

import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhoAmIApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;
    @Autowired
    ApiKeyService keys;

    private JsonNode whoami(String key) {
        HttpResponse<String> response = new ApiClient(port).call("GET", "/api/v1/whoami", key, null);
        assertThat(response.statusCode()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static List<String> roles(JsonNode body) {
        List<String> roles = new ArrayList<>();
        body.get("roles").forEach(r -> roles.add(r.asString()));
        return roles;
    }

    @Test
    void a_viewer_key_is_told_it_is_an_api_key_with_only_the_viewer_role() {
        JsonNode me = whoami(TestUsers.apiKey(keys, Role.VIEWER));

        assertThat(me.get("kind").asString()).isEqualTo("api-key");
        assertThat(me.get("name").asString()).isEqualTo(TestUsers.ADMIN); // the key's owner, its creator
        assertThat(roles(me)).containsExactly("VIEWER");
    }

    @Test
    void an_admin_key_has_every_role_lowest_first() {
        assertThat(roles(whoami(TestUsers.apiKey(keys, Role.ADMIN)))).containsExactly("VIEWER", "OPERATOR", "ADMIN");
        JsonNode master = whoami(ApiClient.MASTER_KEY);
        assertThat(master.get("name").asString()).isEqualTo("master-key");
        assertThat(roles(master)).containsExactly("VIEWER", "OPERATOR", "ADMIN");
    }

    @Test
    void without_a_key_whoami_answers_401() {
        assertThat(new ApiClient(port).call("GET", "/api/v1/whoami", null, null).statusCode()).isEqualTo(401);
    }
}
