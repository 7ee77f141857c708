package dev.routewise.classify;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closes its context afterwards: Vaadin installs a global security-context strategy per context, so a
 * context reused after another one was created loses track of authentication.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ClassifyApiTest {

    static final String MASTER_KEY = "test-master-key-0123456789";

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> post(String key, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/classify"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void classify_without_a_key_is_401_problem_json() throws Exception {
        HttpResponse<String> response = post(null, "{\"prompt\":\"hello\"}");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void a_prompt_is_classified_with_the_fields_of_the_contract() throws Exception {
        HttpResponse<String> response = post(MASTER_KEY, """
                {"prompt": "Why does this throw?\\n```\\nTraceback (most recent call last):\\n  File \\"a.py\\", line 3, in <module>\\nKeyError: 'id'\\n```"}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"task\":\"debugging\"").contains("\"confidence\":")
                .contains("\"complexity\":").contains("\"complexityScore\":").contains("\"tier\":\"signals\"")
                .contains("\"stackTrace\":true").contains("\"requiredModalities\":[\"text\"]")
                .contains("\"estimatedInputTokens\":").contains("\"estimatedOutputTokens\":")
                .contains("\"scores\":{\"code\":").contains("\"simple_qa\":");
    }

    @Test
    void openai_messages_give_modalities_and_the_last_user_turn_is_classified() throws Exception {
        HttpResponse<String> response = post(MASTER_KEY, """
                {"messages": [
                  {"role": "system", "content": "You are a helpful assistant."},
                  {"role": "user", "content": "Write a poem about the sea."},
                  {"role": "assistant", "content": "The sea, the sea..."},
                  {"role": "user", "content": [
                    {"type": "text", "text": "now make it rhyme, and here is a photo for inspiration"},
                    {"type": "image_url", "image_url": {"url": "data:image/png;base64,iVBORw0KGgo="}}
                  ]}
                ]}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"task\":\"creative\"")
                .contains("\"requiredModalities\":[\"text\",\"image\"]").contains("\"followUp\":true");
    }

    @Test
    void context_task_decides_and_sensitive_data_restricts() throws Exception {
        HttpResponse<String> response = post(MASTER_KEY, """
                {"prompt": "Email jane@example.com the figures", "context": {"task": "planning", "space": "research"}}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"task\":\"planning\"").contains("\"tier\":\"context\"")
                .contains("\"restricted\":true").contains("\"sensitiveData\":[\"email\"]");
    }

    @Test
    void an_empty_request_is_400_problem_json_naming_the_field() throws Exception {
        HttpResponse<String> response = post(MASTER_KEY, "{\"prompt\": \"  \"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"errors\"").contains("\"field\":\"prompt\"");
    }

    @Test
    void an_unknown_task_or_space_is_400_naming_the_field() throws Exception {
        assertThat(post(MASTER_KEY, "{\"prompt\": \"hi\", \"task\": \"poetry\"}").body())
                .contains("\"field\":\"task\"");
        assertThat(post(MASTER_KEY, "{\"prompt\": \"hi\", \"context\": {\"space\": \"gaming\"}}").body())
                .contains("\"field\":\"context.space\"");
        assertThat(post(MASTER_KEY, "{\"messages\": [{\"role\": \"system\", \"content\": \"x\"}]}").body())
                .contains("\"field\":\"messages\"");
    }

    @Test
    void the_clusters_are_listed_for_clients() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/classify/clusters"))
                .header("Authorization", "Bearer " + MASTER_KEY).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"label\":\"code_review\"").contains("\"examples\":[");
    }
}
