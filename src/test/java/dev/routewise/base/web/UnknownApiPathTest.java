package dev.routewise.base.web;

import dev.routewise.support.ApiClient;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class UnknownApiPathTest {

    @LocalServerPort
    int port;

    @Test
    void an_api_path_without_an_endpoint_is_a_404_problem_not_the_consoles_page() {
        ApiClient api = new ApiClient(port);

        HttpResponse<String> missing = api.get("/api/v1/no-such-endpoint");
        HttpResponse<String> anonymous = api.call("GET", "/api/v1/no-such-endpoint", null, null);

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        assertThat(missing.body()).contains("No endpoint GET /api/v1/no-such-endpoint");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(api.get("/api/v1/router").statusCode()).isEqualTo(200);
    }
}
