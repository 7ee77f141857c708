package dev.routewise.gateway.protocol;

import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.routewise.gateway.protocol.SseTranscript.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenAiProtocolTest {

    private final OpenAiProtocol protocol = new OpenAiProtocol(JSON);

    /** A real-shaped OpenAI stream with {@code stream_options.include_usage}: the usage comes in its own chunk. */
    private static final String STREAM = """
            data: {"id":"chatcmpl-CBXnM8eN9rCpZp","object":"chat.completion.chunk","created":1756800000,"model":"gpt-4.1-mini-2025-04-14","service_tier":"default","system_fingerprint":"fp_6f2eabb9a5","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-CBXnM8eN9rCpZp","object":"chat.completion.chunk","created":1756800000,"model":"gpt-4.1-mini-2025-04-14","service_tier":"default","system_fingerprint":"fp_6f2eabb9a5","choices":[{"index":0,"delta":{"content":"Hello"},"logprobs":null,"finish_reason":null}],"usage":null}

            data: {"id":"chatcmpl-CBXnM8eN9rCpZp","object":"chat.completion.chunk","created":1756800000,"model":"gpt-4.1-mini-2025-04-14","service_tier":"default","system_fingerprint":"fp_6f2eabb9a5","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

            data: {"id":"chatcmpl-CBXnM8eN9rCpZp","object":"chat.completion.chunk","created":1756800000,"model":"gpt-4.1-mini-2025-04-14","service_tier":"default","system_fingerprint":"fp_6f2eabb9a5","choices":[],"usage":{"prompt_tokens":1290,"completion_tokens":2,"total_tokens":1292,"prompt_tokens_details":{"cached_tokens":1152,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":0,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0}}}

            data: [DONE]

            """;

    @Test
    void chunks_pass_with_the_catalog_model_and_the_usage_chunk_is_dropped_unless_asked_for() {
        StreamTranslator stream = protocol.stream("openai/gpt-4.1-mini", false);

        List<JsonNode> chunks = SseTranscript.play(stream, STREAM);

        assertThat(chunks).hasSize(3);
        assertThat(chunks).allSatisfy(c -> assertThat(c.path("model").asString()).isEqualTo("openai/gpt-4.1-mini"));
        assertThat(SseTranscript.content(chunks)).isEqualTo("Hello");
        assertThat(stream.finished()).isTrue();
        assertThat(stream.finishReason()).isEqualTo("stop");
        assertThat(stream.usage()).as("recorded for the ledger all the same")
                .isEqualTo(new Usage(1290, 2, 1152, 0, 0));
    }

    @Test
    void the_usage_chunk_is_passed_on_when_the_client_asked_for_it() {
        List<JsonNode> chunks = SseTranscript.play(protocol.stream("openai/gpt-4.1-mini", true), STREAM);

        assertThat(chunks).hasSize(4);
        assertThat(chunks.getLast().path("choices")).isEmpty();
        assertThat(chunks.getLast().path("usage").path("prompt_tokens").asInt()).isEqualTo(1290);
        assertThat(chunks.getLast().path("model").asString()).isEqualTo("openai/gpt-4.1-mini");
    }

    @Test
    void usage_riding_on_a_content_chunk_is_taken_off_unless_asked_for() {
        StreamTranslator stream = protocol.stream("groq/llama-3.3-70b", false);

        List<JsonNode> chunks = SseTranscript.play(stream, """
                data: {"id":"chatcmpl-1","object":"chat.completion.chunk","created":1,"model":"llama-3.3-70b-versatile","choices":[{"index":0,"delta":{"content":"Hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":1,"total_tokens":13}}

                """);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().has("usage")).isFalse();
        assertThat(stream.usage()).isEqualTo(new Usage(12, 1, 0, 0, 0));
        assertThat(stream.finished()).as("only [DONE] ends an OpenAI stream").isFalse();
    }

    @Test
    void an_error_chunk_fails_the_stream_classified_by_its_message() {
        StreamTranslator stream = protocol.stream("openrouter/x", false);

        assertThatThrownBy(() -> SseTranscript.play(stream, """
                data: {"id":"gen-1","object":"chat.completion.chunk","created":1,"model":"x","choices":[{"index":0,"delta":{"role":"assistant","content":"Par"},"finish_reason":null}]}

                data: {"error":{"message":"This model's maximum context length is 128000 tokens. However, you requested 130512 tokens.","type":"invalid_request_error","code":"context_length_exceeded"}}

                """)).isInstanceOfSatisfying(UpstreamStreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.CONTEXT_LENGTH))
                .hasMessageStartingWith("context_length_exceeded: This model's maximum context length");
    }

    @Test
    void something_that_is_not_json_fails_the_stream_as_transient() {
        assertThatThrownBy(() -> protocol.stream("m", false).onEvent(null, "<html>502</html>", new ArrayList<>()))
                .isInstanceOfSatisfying(UpstreamStreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.TRANSIENT));
    }

    @Test
    void a_streamed_request_asks_for_usage_and_a_plain_one_drops_the_stream_options() {
        ObjectNode request = (ObjectNode) JSON.readTree("""
                {"model":"auto","messages":[{"role":"user","content":"Hi"}],"stream":true,
                 "stream_options":{"include_usage":false}}""");
        SourceEndpoint ollama = new SourceEndpoint(SourceType.OLLAMA, "http://localhost:11434", null, Map.of());

        UpstreamRequest streamed = protocol.request(ollama, "llama3.2", request, true);
        UpstreamRequest plain = protocol.request(ollama, "llama3.2", request, false);

        assertThat(streamed.uri()).hasToString("http://localhost:11434/v1/chat/completions");
        assertThat(streamed.headers()).doesNotContainKey("Authorization").containsEntry("Accept", "text/event-stream");
        JsonNode streamedBody = JSON.readTree(new String(streamed.body(), StandardCharsets.UTF_8));
        assertThat(streamedBody.path("model").asString()).isEqualTo("llama3.2");
        assertThat(streamedBody.path("stream_options").path("include_usage").asBoolean()).isTrue();
        JsonNode plainBody = JSON.readTree(new String(plain.body(), StandardCharsets.UTF_8));
        assertThat(plainBody.has("stream")).isFalse();
        assertThat(plainBody.has("stream_options")).isFalse();
        assertThat(request.path("model").asString()).as("the client's request is not changed").isEqualTo("auto");
    }
}
