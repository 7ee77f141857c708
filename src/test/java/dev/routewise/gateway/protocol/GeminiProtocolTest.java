package dev.routewise.gateway.protocol;

import dev.routewise.discovery.SourceEndpoint;
import dev.routewise.discovery.SourceType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.routewise.gateway.protocol.SseTranscript.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GeminiProtocolTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final long NOW = CLOCK.instant().getEpochSecond();
    private static final SourceEndpoint GOOGLE = new SourceEndpoint(SourceType.GOOGLE,
            "https://generativelanguage.googleapis.com/v1beta/", "AIzaSyTest", Map.of());

    private final GeminiProtocol protocol = new GeminiProtocol(JSON, CLOCK);

    private static ObjectNode request(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private JsonNode body(String request) {
        UpstreamRequest upstream = protocol.request(GOOGLE, "gemini-2.5-flash", request(request), false);
        return JSON.readTree(new String(upstream.body(), StandardCharsets.UTF_8));
    }

    // --- request ---

    @Test
    void a_request_goes_to_the_models_generate_content_with_the_key_header() {
        UpstreamRequest upstream = protocol.request(GOOGLE, "gemini-2.5-flash",
                request("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), false);

        assertThat(upstream.uri()).hasToString(
                "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent");
        assertThat(upstream.headers()).containsEntry("x-goog-api-key", "AIzaSyTest")
                .containsEntry("Content-Type", "application/json").doesNotContainKey("Accept");
        assertThat(JSON.readTree(new String(upstream.body(), StandardCharsets.UTF_8))).isEqualTo(JSON.readTree(
                "{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":\"Hi\"}]}]}"));
    }

    @Test
    void a_streamed_request_asks_for_server_sent_events_and_a_models_prefix_is_not_doubled() {
        UpstreamRequest upstream = protocol.request(GOOGLE, "models/gemini-2.5-pro",
                request("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), true);

        assertThat(upstream.uri()).hasToString("https://generativelanguage.googleapis.com/v1beta/models/"
                + "gemini-2.5-pro:streamGenerateContent?alt=sse");
        assertThat(upstream.headers()).containsEntry("Accept", "text/event-stream");
    }

    @Test
    void system_messages_become_the_system_instruction_and_assistant_the_model_role() {
        JsonNode body = body("""
                {"messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                  {"role":"user","content":"Hello"},
                  {"role":"assistant","content":"Bonjour."},
                  {"role":"user","content":[{"type":"text","text":"How are you?"}]}]}""");

        assertThat(body.path("systemInstruction")).isEqualTo(JSON.readTree(
                "{\"parts\":[{\"text\":\"You are terse.\"},{\"text\":\"Answer in French.\"}]}"));
        assertThat(body.path("contents")).isEqualTo(JSON.readTree("""
                [{"role":"user","parts":[{"text":"Hello"}]},
                 {"role":"model","parts":[{"text":"Bonjour."}]},
                 {"role":"user","parts":[{"text":"How are you?"}]}]"""));
    }

    @Test
    void images_go_inline_from_data_urls_and_as_file_data_from_web_addresses() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":[
                  {"type":"text","text":"Compare these."},
                  {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQSkZJRg=="}},
                  {"type":"image_url","image_url":{"url":"https://example.org/photos/cat.PNG?size=large"}},
                  {"type":"image_url","image_url":{"url":"https://example.org/render?id=7"}},
                  {"type":"input_audio","input_audio":{"data":"SUQzBAAAAAAA","format":"mp3"}}]}]}""");

        assertThat(body.path("contents").get(0).path("parts")).isEqualTo(JSON.readTree("""
                [{"text":"Compare these."},
                 {"inlineData":{"mimeType":"image/jpeg","data":"/9j/4AAQSkZJRg=="}},
                 {"fileData":{"mimeType":"image/png","fileUri":"https://example.org/photos/cat.PNG?size=large"}},
                 {"fileData":{"fileUri":"https://example.org/render?id=7"}},
                 {"inlineData":{"mimeType":"audio/mp3","data":"SUQzBAAAAAAA"}}]"""));
    }

    @Test
    void tools_become_function_declarations_with_their_json_schema_and_tool_choice_a_calling_mode() {
        String tools = """
                "messages":[{"role":"user","content":"Weather in Paris?"}],
                "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                  "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
                                "additionalProperties":false}}}]""";

        JsonNode body = body("{" + tools + "}");
        assertThat(body.path("tools")).isEqualTo(JSON.readTree("""
                [{"functionDeclarations":[{"name":"get_weather","description":"Current weather",
                  "parametersJsonSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"],
                                          "additionalProperties":false}}]}]"""));
        assertThat(body.has("toolConfig")).isFalse();

        assertThat(body("{" + tools + ",\"tool_choice\":\"auto\"}").path("toolConfig"))
                .isEqualTo(JSON.readTree("{\"functionCallingConfig\":{\"mode\":\"AUTO\"}}"));
        assertThat(body("{" + tools + ",\"tool_choice\":\"none\"}").path("toolConfig"))
                .isEqualTo(JSON.readTree("{\"functionCallingConfig\":{\"mode\":\"NONE\"}}"));
        assertThat(body("{" + tools + ",\"tool_choice\":\"required\"}").path("toolConfig"))
                .isEqualTo(JSON.readTree("{\"functionCallingConfig\":{\"mode\":\"ANY\"}}"));
        assertThat(body("{" + tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}}")
                .path("toolConfig")).isEqualTo(JSON.readTree(
                "{\"functionCallingConfig\":{\"mode\":\"ANY\",\"allowedFunctionNames\":[\"get_weather\"]}}"));
    }

    @Test
    void tool_calls_become_function_calls_and_tool_results_function_responses_named_after_their_call() {
        JsonNode body = body("""
                {"messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":null,"tool_calls":[
                    {"id":"call_a","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"call_b","type":"function","function":{"name":"get_time","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"call_a","content":"{\\"temperature\\":18,\\"sky\\":\\"cloudy\\"}"},
                  {"role":"tool","tool_call_id":"call_b","content":"14:05"},
                  {"role":"user","content":"Thanks!"}]}""");

        assertThat(body.path("contents")).isEqualTo(JSON.readTree("""
                [{"role":"user","parts":[{"text":"Weather in Paris and Rome?"}]},
                 {"role":"model","parts":[
                   {"functionCall":{"name":"get_weather","args":{"city":"Paris"}},
                    "thoughtSignature":"skip_thought_signature_validator"},
                   {"functionCall":{"name":"get_time","args":{"city":"Rome"}}}]},
                 {"role":"user","parts":[
                   {"functionResponse":{"name":"get_weather","response":{"temperature":18,"sky":"cloudy"}}},
                   {"functionResponse":{"name":"get_time","response":{"output":"14:05"}}},
                   {"text":"Thanks!"}]}]"""));
    }

    @Test
    void a_tool_result_finds_its_function_in_the_nearest_earlier_call_with_that_id() {
        JsonNode body = body("""
                {"messages":[
                  {"role":"user","content":"Go"},
                  {"role":"assistant","tool_calls":[{"id":"call_0","type":"function","function":{"name":"first","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"call_0","content":"one"},
                  {"role":"assistant","tool_calls":[{"id":"call_0","type":"function","function":{"name":"second","arguments":"{}"}}]},
                  {"role":"tool","tool_call_id":"call_0","content":"two"}]}""");

        assertThat(body.path("contents").get(4).path("parts").get(0).path("functionResponse").path("name").asString())
                .isEqualTo("second");
    }

    @Test
    void a_tool_result_without_a_matching_call_is_the_clients_error() {
        assertThatThrownBy(() -> body("""
                {"messages":[{"role":"user","content":"Go"},
                  {"role":"tool","tool_call_id":"call_missing","content":"42"}]}"""))
                .isInstanceOfSatisfying(UpstreamStreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.UNSUPPORTED))
                .hasMessageContaining("call_missing");
    }

    @Test
    void sampling_parameters_go_into_the_generation_config() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":"Hi"}],"temperature":1.3,"top_p":0.95,"max_tokens":512,
                 "stop":["\\n\\n","END"],"n":2,"presence_penalty":0.5,"frequency_penalty":0.25,"seed":42,
                 "user":"user-42","response_format":{"type":"json_object"}}""");

        assertThat(body.path("generationConfig")).isEqualTo(JSON.readTree("""
                {"temperature":1.3,"topP":0.95,"presencePenalty":0.5,"frequencyPenalty":0.25,"seed":42,
                 "maxOutputTokens":512,"stopSequences":["\\n\\n","END"],"candidateCount":2,
                 "responseMimeType":"application/json"}"""));
        assertThat(body.has("user")).isFalse();
    }

    @Test
    void a_json_schema_response_format_asks_for_json_following_the_schema() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":"Ann, 31"}],"max_completion_tokens":200,
                 "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,
                   "schema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},
                             "required":["name","age"],"additionalProperties":false}}}}""");

        assertThat(body.path("generationConfig")).isEqualTo(JSON.readTree("""
                {"maxOutputTokens":200,"responseMimeType":"application/json",
                 "responseJsonSchema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}},
                                       "required":["name","age"],"additionalProperties":false}}"""));
    }

    // --- answer ---

    private static final String TEXT_ANSWER = """
            {
              "candidates": [
                {
                  "content": {"parts": [{"text": "The capital of France is "}, {"text": "Paris."}], "role": "model"},
                  "finishReason": "STOP",
                  "index": 0
                }
              ],
              "usageMetadata": {
                "promptTokenCount": 1208,
                "candidatesTokenCount": 7,
                "totalTokenCount": 1239,
                "cachedContentTokenCount": 1024,
                "promptTokensDetails": [{"modality": "TEXT", "tokenCount": 1208}],
                "cacheTokensDetails": [{"modality": "TEXT", "tokenCount": 1024}],
                "thoughtsTokenCount": 24
              },
              "modelVersion": "gemini-2.5-flash",
              "responseId": "7bV2aKzSEaWqz7IPjcnX8Qc"
            }""";

    @Test
    void a_text_answer_becomes_a_chat_completion_with_thoughts_counted_as_reasoning_output() {
        ObjectNode completion = protocol.completion(JSON.readTree(TEXT_ANSWER), "google/gemini-2.5-flash");

        assertThat(SseTranscript.asSent(completion)).isEqualTo(JSON.readTree("""
                {"id":"7bV2aKzSEaWqz7IPjcnX8Qc","object":"chat.completion","created":%d,
                 "model":"google/gemini-2.5-flash",
                 "choices":[{"index":0,"message":{"role":"assistant","content":"The capital of France is Paris."},
                             "logprobs":null,"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":1208,"completion_tokens":31,"total_tokens":1239,
                          "prompt_tokens_details":{"cached_tokens":1024},
                          "completion_tokens_details":{"reasoning_tokens":24}}}""".formatted(NOW)));
        assertThat(protocol.usage(JSON.readTree(TEXT_ANSWER))).isEqualTo(new Usage(1208, 31, 1024, 0, 24));
    }

    @Test
    void function_calls_become_tool_calls_with_generated_ids() {
        ObjectNode completion = protocol.completion(JSON.readTree("""
                {"candidates":[{"content":{"parts":[
                   {"functionCall":{"name":"get_weather","args":{"location":"Boston, MA"}},"thoughtSignature":"CiQBcsjafA=="},
                   {"functionCall":{"name":"get_weather","args":{"location":"Paris"}}}],"role":"model"},
                  "finishReason":"STOP","index":0}],
                 "usageMetadata":{"promptTokenCount":95,"candidatesTokenCount":36,"totalTokenCount":131},
                 "modelVersion":"gemini-2.5-flash","responseId":"rsp9"}"""), "google/gemini-2.5-flash");

        JsonNode choice = completion.path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(choice.path("message")).isEqualTo(JSON.readTree("""
                {"role":"assistant","content":null,"tool_calls":[
                  {"id":"call_rsp9_0","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Boston, MA\\"}"}},
                  {"id":"call_rsp9_1","type":"function","function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]}"""));
    }

    @Test
    void each_candidate_becomes_a_choice() {
        ObjectNode completion = protocol.completion(JSON.readTree("""
                {"candidates":[
                   {"content":{"parts":[{"text":"Red."}],"role":"model"},"finishReason":"STOP","index":0},
                   {"content":{"parts":[{"text":"Blue, because"}],"role":"model"},"finishReason":"MAX_TOKENS","index":1}],
                 "usageMetadata":{"promptTokenCount":5,"candidatesTokenCount":6,"totalTokenCount":11}}"""), "m");

        assertThat(completion.path("choices")).hasSize(2);
        assertThat(completion.path("choices").get(1).path("index").asInt()).isEqualTo(1);
        assertThat(completion.path("choices").get(1).path("message").path("content").asString())
                .isEqualTo("Blue, because");
        assertThat(completion.path("choices").get(1).path("finish_reason").asString()).isEqualTo("length");
        assertThat(completion.path("id").asString()).startsWith("chatcmpl-");
    }

    @Test
    void finish_reasons_map_to_openai_finish_reasons() {
        assertThat(GeminiProtocol.finishReasonOf("STOP", false)).isEqualTo("stop");
        assertThat(GeminiProtocol.finishReasonOf("STOP", true)).isEqualTo("tool_calls");
        assertThat(GeminiProtocol.finishReasonOf("MAX_TOKENS", false)).isEqualTo("length");
        for (String safety : List.of("SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII")) {
            assertThat(GeminiProtocol.finishReasonOf(safety, false)).as(safety).isEqualTo("content_filter");
        }
        assertThat(GeminiProtocol.finishReasonOf(null, false)).isNull();
    }

    @Test
    void an_answer_stopped_for_safety_has_no_text_and_a_content_filter_finish() {
        ObjectNode completion = protocol.completion(JSON.readTree("""
                {"candidates":[{"finishReason":"SAFETY","index":0,"safetyRatings":[
                   {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH","blocked":true}]}],
                 "usageMetadata":{"promptTokenCount":12,"totalTokenCount":12},"responseId":"x"}"""), "m");

        assertThat(completion.path("choices").get(0).path("message").path("content").asString()).isEmpty();
        assertThat(completion.path("choices").get(0).path("finish_reason").asString()).isEqualTo("content_filter");
    }

    @Test
    void a_blocked_prompt_fails_as_content_policy() {
        assertThatThrownBy(() -> protocol.completion(JSON.readTree("""
                {"promptFeedback":{"blockReason":"SAFETY","safetyRatings":[
                   {"category":"HARM_CATEGORY_SEXUALLY_EXPLICIT","probability":"NEGLIGIBLE"},
                   {"category":"HARM_CATEGORY_DANGEROUS_CONTENT","probability":"HIGH"}]},
                 "usageMetadata":{"promptTokenCount":8,"totalTokenCount":8},"modelVersion":"gemini-2.5-flash"}"""), "m"))
                .isInstanceOfSatisfying(UpstreamStreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.CONTENT_POLICY))
                .hasMessageContaining("SAFETY");
    }

    // --- stream ---

    private static final String TEXT_STREAM = """
            data: {"candidates": [{"content": {"parts": [{"text": "The sky"}],"role": "model"},"index": 0}],"usageMetadata": {"promptTokenCount": 9,"totalTokenCount": 9,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 9}]},"modelVersion": "gemini-2.5-flash","responseId": "Hr2eaIq9ONGo1dkP0O7t-AQ"}

            data: {"candidates": [{"content": {"parts": [{"text": " is blue because of Rayleigh scattering."}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 9,"candidatesTokenCount": 11,"totalTokenCount": 52,"promptTokensDetails": [{"modality": "TEXT","tokenCount": 9}],"thoughtsTokenCount": 32},"modelVersion": "gemini-2.5-flash","responseId": "Hr2eaIq9ONGo1dkP0O7t-AQ"}

            """;

    @Test
    void a_text_stream_becomes_one_chunk_per_event_role_first_and_finishes_on_the_finish_reason() {
        StreamTranslator stream = protocol.stream("google/gemini-2.5-flash", false);

        List<JsonNode> chunks = SseTranscript.play(stream, TEXT_STREAM);

        String head = "\"id\":\"Hr2eaIq9ONGo1dkP0O7t-AQ\",\"object\":\"chat.completion.chunk\",\"created\":" + NOW
                + ",\"model\":\"google/gemini-2.5-flash\"";
        assertThat(chunks).containsExactly(
                JSON.readTree("{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                        + "\"content\":\"The sky\"},\"logprobs\":null,\"finish_reason\":null}]}"),
                JSON.readTree("{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":"
                        + "\" is blue because of Rayleigh scattering.\"},\"logprobs\":null,\"finish_reason\":\"stop\"}]}"));
        assertThat(stream.finished()).isTrue();
        assertThat(stream.finishReason()).isEqualTo("stop");
        assertThat(stream.usage()).isEqualTo(new Usage(9, 43, 0, 0, 32));
    }

    @Test
    void the_usage_chunk_follows_the_last_event_when_the_client_asked() {
        List<JsonNode> chunks = SseTranscript.play(protocol.stream("google/gemini-2.5-flash", true), TEXT_STREAM);

        assertThat(chunks).hasSize(3);
        assertThat(chunks.getLast().path("choices")).isEmpty();
        assertThat(chunks.getLast().path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":9,"completion_tokens":43,"total_tokens":52,"prompt_tokens_details":{"cached_tokens":0},
                 "completion_tokens_details":{"reasoning_tokens":32}}"""));
    }

    @Test
    void a_stream_without_a_finish_reason_is_not_finished() {
        StreamTranslator stream = protocol.stream("m", true);

        SseTranscript.play(stream, TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("\n\n")));

        assertThat(stream.finished()).isFalse();
        assertThat(stream.finishReason()).isNull();
    }

    @Test
    void a_streamed_function_call_becomes_one_whole_tool_call_delta() {
        StreamTranslator stream = protocol.stream("google/gemini-2.5-flash", false);

        List<JsonNode> chunks = SseTranscript.play(stream, """
                data: {"candidates": [{"content": {"parts": [{"functionCall": {"name": "get_weather","args": {"location": "Tokyo"}},"thoughtSignature": "CiQBcsjafA=="}],"role": "model"},"finishReason": "STOP","index": 0}],"usageMetadata": {"promptTokenCount": 70,"candidatesTokenCount": 15,"totalTokenCount": 85},"modelVersion": "gemini-2.5-flash","responseId": "r1"}

                """);

        assertThat(chunks).hasSize(1);
        assertThat(chunks.getFirst().path("choices").get(0)).isEqualTo(JSON.readTree("""
                {"index":0,"delta":{"role":"assistant","tool_calls":[{"index":0,"id":"call_r1_0","type":"function",
                   "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Tokyo\\"}"}}]},
                 "logprobs":null,"finish_reason":"tool_calls"}"""));
        assertThat(stream.finished()).isTrue();
    }

    @Test
    void an_error_in_the_stream_fails_it_classified_by_its_code() {
        StreamTranslator stream = protocol.stream("m", false);
        String events = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("\n\n") + 2) + """
                data: {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}

                """;

        assertThatThrownBy(() -> SseTranscript.play(stream, events))
                .isInstanceOfSatisfying(UpstreamStreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.TRANSIENT))
                .hasMessage("UNAVAILABLE: The model is overloaded. Please try again later.");
    }

    @Test
    void a_prompt_blocked_in_the_stream_fails_as_content_policy() {
        assertThatThrownBy(() -> SseTranscript.play(protocol.stream("m", false), """
                data: {"promptFeedback": {"blockReason": "PROHIBITED_CONTENT"},"usageMetadata": {"promptTokenCount": 20,"totalTokenCount": 20},"modelVersion": "gemini-2.5-flash"}

                """)).isInstanceOfSatisfying(UpstreamStreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.CONTENT_POLICY));
    }

    // --- errors ---

    @Test
    void geminis_error_bodies_give_status_and_message_and_classify_by_their_real_wording() {
        assertThat(protocol.errorMessage("""
                {"error": {"code": 429, "message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", "status": "RESOURCE_EXHAUSTED"}}"""))
                .startsWith("RESOURCE_EXHAUSTED: You exceeded your current quota");
        assertThat(classify(429, """
                {"error": {"code": 429, "message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.", "status": "RESOURCE_EXHAUSTED"}}"""))
                .isEqualTo(FailureClass.QUOTA);
        assertThat(classify(400, """
                {"error": {"code": 400, "message": "The input token count (1198326) exceeds the maximum number of tokens allowed (1048575).", "status": "INVALID_ARGUMENT"}}"""))
                .isEqualTo(FailureClass.CONTEXT_LENGTH);
        assertThat(classify(503, """
                {"error": {"code": 503, "message": "The model is overloaded. Please try again later.", "status": "UNAVAILABLE"}}"""))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(classify(400, """
                {"error": {"code": 400, "message": "API key not valid. Please pass a valid API key.", "status": "INVALID_ARGUMENT", "details": [{"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID", "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}}]}}"""))
                .isEqualTo(FailureClass.AUTH);
        assertThat(classify(404, """
                {"error": {"code": 404, "message": "models/gemini-1.0-pro is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.", "status": "NOT_FOUND"}}"""))
                .isEqualTo(FailureClass.MODEL_NOT_FOUND);
        assertThat(classify(400, """
                [{"error": {"code": 400, "message": "* GenerateContentRequest.contents: contents is not specified\\n", "status": "INVALID_ARGUMENT"}}]"""))
                .isEqualTo(FailureClass.CLIENT);
    }

    private FailureClass classify(int status, String body) {
        return FailureClass.of(status, protocol.errorMessage(body));
    }
}
