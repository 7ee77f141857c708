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

class AnthropicProtocolTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final long NOW = CLOCK.instant().getEpochSecond();
    private static final SourceEndpoint ANTHROPIC = new SourceEndpoint(SourceType.ANTHROPIC,
            "https://api.anthropic.com/v1", " sk-ant-api03-test ", Map.of("anthropic-beta", "files-api-2025-04-14"));

    private final AnthropicProtocol protocol = new AnthropicProtocol(JSON, CLOCK);

    private static ObjectNode request(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    private JsonNode body(String request) {
        return body(request, false);
    }

    private JsonNode body(String request, boolean stream) {
        UpstreamRequest upstream = protocol.request(ANTHROPIC, "claude-sonnet-4-5", request(request), stream);
        return JSON.readTree(new String(upstream.body(), StandardCharsets.UTF_8));
    }

    // --- request ---

    @Test
    void a_request_goes_to_messages_with_the_key_the_api_version_and_the_sources_extra_headers() {
        UpstreamRequest upstream = protocol.request(ANTHROPIC, "claude-sonnet-4-5",
                request("{\"model\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"), false);

        assertThat(upstream.uri()).hasToString("https://api.anthropic.com/v1/messages");
        assertThat(upstream.headers()).containsEntry("x-api-key", "sk-ant-api03-test")
                .containsEntry("anthropic-version", "2023-06-01")
                .containsEntry("Content-Type", "application/json")
                .containsEntry("anthropic-beta", "files-api-2025-04-14")
                .doesNotContainKey("Accept").doesNotContainKey("Authorization");
        JsonNode body = JSON.readTree(new String(upstream.body(), StandardCharsets.UTF_8));
        assertThat(body.path("model").asString()).isEqualTo("claude-sonnet-4-5");
        assertThat(body.path("max_tokens").asInt()).as("Anthropic requires max_tokens").isEqualTo(4096);
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("messages")).isEqualTo(JSON.readTree(
                "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hi\"}]}]"));
    }

    @Test
    void a_streamed_request_says_stream_and_accepts_events() {
        UpstreamRequest upstream = protocol.request(ANTHROPIC, "claude-sonnet-4-5",
                request("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"stream\":false}"), true);

        assertThat(upstream.headers()).containsEntry("Accept", "text/event-stream");
        assertThat(JSON.readTree(new String(upstream.body(), StandardCharsets.UTF_8)).path("stream").asBoolean())
                .isTrue();
    }

    @Test
    void system_and_developer_messages_become_the_top_level_system_and_the_request_is_not_changed() {
        String text = """
                {"model":"auto","messages":[
                  {"role":"system","content":"You are terse."},
                  {"role":"developer","content":[{"type":"text","text":"Answer in French."}]},
                  {"role":"user","content":"Hello"}]}""";
        ObjectNode request = request(text);

        UpstreamRequest upstream = protocol.request(ANTHROPIC, "claude-haiku-4-5", request, false);

        JsonNode body = JSON.readTree(new String(upstream.body(), StandardCharsets.UTF_8));
        assertThat(body.path("system").asString()).isEqualTo("You are terse.\n\nAnswer in French.");
        assertThat(body.path("messages")).hasSize(1);
        assertThat(body.path("messages").get(0).path("role").asString()).isEqualTo("user");
        assertThat(request).isEqualTo(JSON.readTree(text));
    }

    @Test
    void a_system_text_with_cache_control_keeps_it_as_a_system_block() {
        JsonNode body = body("""
                {"messages":[
                  {"role":"system","content":[{"type":"text","text":"A long manual...",
                                               "cache_control":{"type":"ephemeral"}}]},
                  {"role":"user","content":"Question"}]}""");

        assertThat(body.path("system")).isEqualTo(JSON.readTree(
                "[{\"type\":\"text\",\"text\":\"A long manual...\",\"cache_control\":{\"type\":\"ephemeral\"}}]"));
    }

    @Test
    void images_go_as_base64_sources_from_data_urls_and_as_url_sources_from_web_addresses() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":[
                  {"type":"text","text":"What differs?"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}},
                  {"type":"image_url","image_url":{"url":"https://upload.wikimedia.org/a/cat.jpg","detail":"high"}}]}]}""");

        assertThat(body.path("messages").get(0).path("content")).isEqualTo(JSON.readTree("""
                [{"type":"text","text":"What differs?"},
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                 {"type":"image","source":{"type":"url","url":"https://upload.wikimedia.org/a/cat.jpg"}}]"""));
    }

    @Test
    void an_inline_pdf_becomes_a_document_and_audio_is_refused_as_the_clients_error() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":[
                  {"type":"file","file":{"filename":"a.pdf","file_data":"data:application/pdf;base64,JVBERi0="}}]}]}""");
        assertThat(body.path("messages").get(0).path("content").get(0)).isEqualTo(JSON.readTree(
                "{\"type\":\"document\",\"source\":{\"type\":\"base64\",\"media_type\":\"application/pdf\","
                        + "\"data\":\"JVBERi0=\"}}"));

        assertThatThrownBy(() -> body("""
                {"messages":[{"role":"user","content":[
                  {"type":"input_audio","input_audio":{"data":"UklGRg==","format":"wav"}}]}]}"""))
                .isInstanceOfSatisfying(UpstreamStreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.UNSUPPORTED))
                .hasMessageContaining("input_audio");
    }

    @Test
    void function_tools_become_anthropic_tools_with_their_schema() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":"Weather in Paris?"}],
                 "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                   "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}},
                          {"type":"function","function":{"name":"now"}}]}""");

        assertThat(body.path("tools")).isEqualTo(JSON.readTree("""
                [{"name":"get_weather","description":"Current weather",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}},
                 {"name":"now","input_schema":{"type":"object","properties":{}}}]"""));
        assertThat(body.has("tool_choice")).as("Anthropic's default is auto").isFalse();
    }

    @Test
    void tool_choice_maps_to_auto_none_any_and_a_named_tool() {
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]";

        assertThat(body("{" + tools + ",\"tool_choice\":\"auto\"}").path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"auto\"}"));
        assertThat(body("{" + tools + ",\"tool_choice\":\"none\"}").path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"none\"}"));
        assertThat(body("{" + tools + ",\"tool_choice\":\"required\"}").path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"any\"}"));
        assertThat(body("{" + tools + ",\"tool_choice\":{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}}")
                .path("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
        assertThat(body("{" + tools + ",\"parallel_tool_calls\":false}").path("tool_choice"))
                .isEqualTo(JSON.readTree("{\"type\":\"auto\",\"disable_parallel_tool_use\":true}"));
    }

    @Test
    void tool_calls_become_tool_use_blocks_and_tool_results_one_user_turn_before_the_next_user_text() {
        JsonNode body = body("""
                {"messages":[
                  {"role":"user","content":"Weather in Paris and Rome?"},
                  {"role":"assistant","content":"Let me look.","tool_calls":[
                    {"id":"toolu_01","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                    {"id":"toolu_02","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Rome\\"}"}}]},
                  {"role":"tool","tool_call_id":"toolu_01","content":"18°C, cloudy"},
                  {"role":"tool","tool_call_id":"toolu_02","content":[{"type":"text","text":"24°C, sunny"}]},
                  {"role":"user","content":"And which is warmer?"}]}""");

        assertThat(body.path("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":[{"type":"text","text":"Weather in Paris and Rome?"}]},
                 {"role":"assistant","content":[
                   {"type":"text","text":"Let me look."},
                   {"type":"tool_use","id":"toolu_01","name":"get_weather","input":{"city":"Paris"}},
                   {"type":"tool_use","id":"toolu_02","name":"get_weather","input":{"city":"Rome"}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"toolu_01","content":"18°C, cloudy"},
                   {"type":"tool_result","tool_use_id":"toolu_02","content":[{"type":"text","text":"24°C, sunny"}]},
                   {"type":"text","text":"And which is warmer?"}]}]"""));
    }

    @Test
    void consecutive_messages_of_one_role_are_merged_and_empty_ones_dropped() {
        JsonNode body = body("""
                {"messages":[
                  {"role":"user","content":"First part."},
                  {"role":"user","content":"Second part."},
                  {"role":"assistant","content":""},
                  {"role":"user","content":"Third part."}]}""");

        assertThat(body.path("messages")).isEqualTo(JSON.readTree("""
                [{"role":"user","content":[{"type":"text","text":"First part."},{"type":"text","text":"Second part."},
                                           {"type":"text","text":"Third part."}]}]"""));
    }

    @Test
    void broken_tool_call_arguments_are_kept_as_text_and_empty_ones_are_no_input() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":"Go"},
                  {"role":"assistant","tool_calls":[
                    {"id":"toolu_1","type":"function","function":{"name":"a","arguments":"{\\"x\\": 1"}},
                    {"id":"toolu_2","type":"function","function":{"name":"b","arguments":""}}]}]}""");

        JsonNode content = body.path("messages").get(1).path("content");
        assertThat(content.get(0).path("input")).isEqualTo(JSON.readTree("{\"arguments\":\"{\\\"x\\\": 1\"}"));
        assertThat(content.get(1).path("input")).isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void sampling_parameters_stop_sequences_and_the_user_are_translated() {
        JsonNode body = body("""
                {"messages":[{"role":"user","content":"Hi"}],"max_tokens":100,"max_completion_tokens":300,
                 "temperature":1.4,"top_p":0.9,"stop":"END","user":"user-42","n":1,"seed":7}""");

        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble()).as("capped at Anthropic's maximum").isEqualTo(1.0);
        assertThat(body.has("top_p")).as("recent Claude models refuse temperature and top_p together").isFalse();
        assertThat(body.path("stop_sequences")).isEqualTo(JSON.readTree("[\"END\"]"));
        assertThat(body.path("metadata")).isEqualTo(JSON.readTree("{\"user_id\":\"user-42\"}"));
        assertThat(body.has("seed")).isFalse();
        assertThat(body.has("n")).isFalse();

        JsonNode other = body("{\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],\"max_tokens\":50,"
                + "\"top_p\":0.9,\"stop\":[\"\\n\\n\",\"Human:\"]}");
        assertThat(other.path("max_tokens").asInt()).isEqualTo(50);
        assertThat(other.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(other.has("temperature")).isFalse();
        assertThat(other.path("stop_sequences")).as("whitespace alone is refused by Anthropic")
                .isEqualTo(JSON.readTree("[\"Human:\"]"));
    }

    @Test
    void a_json_response_format_becomes_an_instruction_appended_to_system() {
        JsonNode object = body("""
                {"messages":[{"role":"system","content":"You extract data."},{"role":"user","content":"Ann, 31"}],
                 "response_format":{"type":"json_object"}}""");
        assertThat(object.path("system").asString()).startsWith("You extract data.\n\n")
                .contains("one valid JSON object");

        JsonNode schema = body("""
                {"messages":[{"role":"user","content":"Ann, 31"}],
                 "response_format":{"type":"json_schema","json_schema":{"name":"person","strict":true,
                   "schema":{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer"}}}}}}""");
        assertThat(schema.path("system").asString()).contains("JSON Schema")
                .contains("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                        + "\"age\":{\"type\":\"integer\"}}}");
    }

    // --- answer ---

    private static final String TOOL_USE_ANSWER = """
            {
              "id": "msg_01Aq9w938a90dw8q",
              "type": "message",
              "role": "assistant",
              "model": "claude-sonnet-4-5-20250929",
              "content": [
                {"type": "text", "text": "I'll check the current weather in San Francisco for you."},
                {"type": "tool_use", "id": "toolu_01A09q90qw90lq917835lq9", "name": "get_weather",
                 "input": {"location": "San Francisco, CA", "unit": "celsius"}}
              ],
              "stop_reason": "tool_use",
              "stop_sequence": null,
              "usage": {"input_tokens": 472, "cache_creation_input_tokens": 1024, "cache_read_input_tokens": 2048,
                        "output_tokens": 89, "service_tier": "standard"}
            }""";

    @Test
    void an_answer_with_text_and_tool_use_becomes_a_chat_completion_with_tool_calls_and_cache_usage() {
        ObjectNode completion = protocol.completion(JSON.readTree(TOOL_USE_ANSWER), "anthropic/claude-sonnet-4-5");

        assertThat(SseTranscript.asSent(completion)).isEqualTo(JSON.readTree("""
                {"id":"msg_01Aq9w938a90dw8q","object":"chat.completion","created":%d,
                 "model":"anthropic/claude-sonnet-4-5",
                 "choices":[{"index":0,"message":{"role":"assistant",
                    "content":"I'll check the current weather in San Francisco for you.",
                    "tool_calls":[{"id":"toolu_01A09q90qw90lq917835lq9","type":"function","function":{
                       "name":"get_weather","arguments":"{\\"location\\":\\"San Francisco, CA\\",\\"unit\\":\\"celsius\\"}"}}]},
                    "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":3544,"completion_tokens":89,"total_tokens":3633,
                    "prompt_tokens_details":{"cached_tokens":2048,"cache_write_tokens":1024},
                    "completion_tokens_details":{"reasoning_tokens":0}}}""".formatted(NOW)));
    }

    @Test
    void usage_counts_cached_and_cache_written_tokens_as_prompt_tokens() {
        assertThat(protocol.usage(JSON.readTree(TOOL_USE_ANSWER))).isEqualTo(new Usage(3544, 89, 2048, 1024, 0));
        assertThat(protocol.usage(JSON.readTree("{\"content\":[]}"))).isNull();
    }

    @Test
    void text_blocks_are_joined_and_thinking_is_left_out() {
        ObjectNode completion = protocol.completion(JSON.readTree("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude-opus-4-1",
                 "content":[{"type":"thinking","thinking":"The user wants...","signature":"EqQBCgIYAhIM"},
                            {"type":"text","text":"The answer is "},{"type":"text","text":"42."}],
                 "stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":10,"output_tokens":20}}"""),
                "anthropic/claude-opus-4-1");

        JsonNode choice = completion.path("choices").get(0);
        assertThat(choice.path("message").path("content").asString()).isEqualTo("The answer is 42.");
        assertThat(choice.path("message").has("tool_calls")).isFalse();
        assertThat(choice.path("finish_reason").asString()).isEqualTo("stop");
        assertThat(completion.path("usage").path("prompt_tokens_details").has("cache_write_tokens")).isFalse();
    }

    @Test
    void stop_reasons_map_to_openai_finish_reasons() {
        assertThat(AnthropicProtocol.finishReasonOf("end_turn")).isEqualTo("stop");
        assertThat(AnthropicProtocol.finishReasonOf("stop_sequence")).isEqualTo("stop");
        assertThat(AnthropicProtocol.finishReasonOf("max_tokens")).isEqualTo("length");
        assertThat(AnthropicProtocol.finishReasonOf("tool_use")).isEqualTo("tool_calls");
        assertThat(AnthropicProtocol.finishReasonOf("refusal")).isEqualTo("content_filter");
        assertThat(AnthropicProtocol.finishReasonOf(null)).isNull();
    }

    @Test
    void an_answer_that_is_not_a_message_fails_as_transient() {
        assertThatThrownBy(() -> protocol.completion(JSON.readTree("{\"ok\":true}"), "m"))
                .isInstanceOfSatisfying(UpstreamStreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.TRANSIENT));
    }

    // --- stream ---

    private static final String TEXT_STREAM = """
            event: message_start
            data: {"type":"message_start","message":{"id":"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY","type":"message","role":"assistant","content":[],"model":"claude-sonnet-4-5-20250929","stop_reason":null,"stop_sequence":null,"usage":{"input_tokens":25,"cache_creation_input_tokens":0,"cache_read_input_tokens":100,"output_tokens":1}}}

            event: content_block_start
            data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

            event: ping
            data: {"type": "ping"}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Hello"}}

            event: content_block_delta
            data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"!"}}

            event: content_block_stop
            data: {"type":"content_block_stop","index":0}

            event: message_delta
            data: {"type":"message_delta","delta":{"stop_reason":"end_turn","stop_sequence":null},"usage":{"output_tokens":15}}

            event: message_stop
            data: {"type":"message_stop"}

            """;

    @Test
    void a_text_stream_becomes_openai_chunks_role_first_finish_reason_last() {
        StreamTranslator stream = protocol.stream("anthropic/claude-sonnet-4-5", false);

        List<JsonNode> chunks = SseTranscript.play(stream, TEXT_STREAM);

        String head = "\"id\":\"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\",\"object\":\"chat.completion.chunk\","
                + "\"created\":" + NOW + ",\"model\":\"anthropic/claude-sonnet-4-5\"";
        assertThat(chunks).containsExactly(
                JSON.readTree("{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\","
                        + "\"content\":\"\"},\"logprobs\":null,\"finish_reason\":null}]}"),
                JSON.readTree("{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Hello\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}]}"),
                JSON.readTree("{" + head + ",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"!\"},"
                        + "\"logprobs\":null,\"finish_reason\":null}]}"),
                JSON.readTree("{" + head + ",\"choices\":[{\"index\":0,\"delta\":{},"
                        + "\"logprobs\":null,\"finish_reason\":\"stop\"}]}"));
        assertThat(stream.finished()).isTrue();
        assertThat(stream.finishReason()).isEqualTo("stop");
        assertThat(stream.usage()).isEqualTo(new Usage(125, 15, 100, 0, 0));
    }

    @Test
    void the_usage_chunk_comes_last_with_empty_choices_only_when_the_client_asked() {
        List<JsonNode> chunks = SseTranscript.play(protocol.stream("anthropic/claude-sonnet-4-5", true), TEXT_STREAM);

        assertThat(chunks).hasSize(5);
        JsonNode last = chunks.getLast();
        assertThat(last.path("choices")).isEmpty();
        assertThat(last.path("usage")).isEqualTo(JSON.readTree("""
                {"prompt_tokens":125,"completion_tokens":15,"total_tokens":140,
                 "prompt_tokens_details":{"cached_tokens":100},"completion_tokens_details":{"reasoning_tokens":0}}"""));
    }

    @Test
    void the_stream_is_not_finished_before_message_stop() {
        StreamTranslator stream = protocol.stream("m", true);
        String withoutStop = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("event: message_stop"));

        List<JsonNode> chunks = SseTranscript.play(stream, withoutStop);

        assertThat(stream.finished()).isFalse();
        assertThat(chunks).noneMatch(c -> c.has("usage"));
    }

    @Test
    void a_tool_use_stream_becomes_tool_call_deltas_numbered_from_zero() {
        String events = """
                event: message_start
                data: {"type":"message_start","message":{"id":"msg_014p7gG3wDgGV9EUtLvnow3U","type":"message","role":"assistant","model":"claude-sonnet-4-5-20250929","stop_sequence":null,"usage":{"input_tokens":472,"output_tokens":2},"content":[],"stop_reason":null}}

                event: content_block_start
                data: {"type":"content_block_start","index":0,"content_block":{"type":"text","text":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"Checking."}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":0}

                event: content_block_start
                data: {"type":"content_block_start","index":1,"content_block":{"type":"tool_use","id":"toolu_01T1x1fJ34qAmk2tNTrN7Up6","name":"get_weather","input":{}}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":""}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"{\\"location\\": \\"San Fra"}}

                event: content_block_delta
                data: {"type":"content_block_delta","index":1,"delta":{"type":"input_json_delta","partial_json":"ncisco, CA\\"}"}}

                event: content_block_stop
                data: {"type":"content_block_stop","index":1}

                event: message_delta
                data: {"type":"message_delta","delta":{"stop_reason":"tool_use","stop_sequence":null},"usage":{"output_tokens":89}}

                event: message_stop
                data: {"type":"message_stop"}
                """;
        StreamTranslator stream = protocol.stream("anthropic/claude-sonnet-4-5", false);

        List<JsonNode> chunks = SseTranscript.play(stream, events);

        List<JsonNode> deltas = chunks.stream().map(c -> c.path("choices").get(0).path("delta")).toList();
        assertThat(deltas).containsExactly(
                JSON.readTree("{\"role\":\"assistant\",\"content\":\"\"}"),
                JSON.readTree("{\"content\":\"Checking.\"}"),
                JSON.readTree("{\"tool_calls\":[{\"index\":0,\"id\":\"toolu_01T1x1fJ34qAmk2tNTrN7Up6\","
                        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}"),
                JSON.readTree("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
                        + "\"{\\\"location\\\": \\\"San Fra\"}}]}"),
                JSON.readTree("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ncisco, CA\\\"}\"}}]}"),
                JSON.readTree("{}"));
        assertThat(chunks.getLast().path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(stream.usage()).isEqualTo(new Usage(472, 89, 0, 0, 0));
    }

    @Test
    void an_overloaded_error_event_fails_the_stream_as_transient() {
        StreamTranslator stream = protocol.stream("m", false);
        String events = TEXT_STREAM.substring(0, TEXT_STREAM.indexOf("event: content_block_stop")) + """
                event: error
                data: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}
                """;

        assertThatThrownBy(() -> SseTranscript.play(stream, events))
                .isInstanceOfSatisfying(UpstreamStreamException.class,
                        e -> assertThat(e.failure()).isEqualTo(FailureClass.TRANSIENT))
                .hasMessage("overloaded_error: Overloaded");
    }

    @Test
    void error_events_classify_like_the_status_anthropic_gives_their_type() {
        assertThatThrownBy(() -> SseTranscript.play(protocol.stream("m", false), """
                event: error
                data: {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 215341 tokens > 200000 maximum"}}
                """)).isInstanceOfSatisfying(UpstreamStreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.CONTEXT_LENGTH));
        assertThatThrownBy(() -> SseTranscript.play(protocol.stream("m", false), """
                event: error
                data: {"type":"error","error":{"type":"api_error","message":"Internal server error"}}
                """)).isInstanceOfSatisfying(UpstreamStreamException.class,
                e -> assertThat(e.failure()).isEqualTo(FailureClass.TRANSIENT));
    }

    // --- errors ---

    @Test
    void anthropics_error_bodies_give_type_and_message_and_classify_by_their_real_wording() {
        assertThat(classify(529, """
                {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"""))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(classify(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"prompt is too long: 208310 tokens > 200000 maximum"}}"""))
                .isEqualTo(FailureClass.CONTEXT_LENGTH);
        assertThat(classify(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"input length and `max_tokens` exceed context limit: 197202 + 21333 > 200000, decrease input length or `max_tokens` and try again"}}"""))
                .isEqualTo(FailureClass.CONTEXT_LENGTH);
        assertThat(classify(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits."}}"""))
                .isEqualTo(FailureClass.QUOTA);
        assertThat(classify(429, """
                {"type":"error","error":{"type":"rate_limit_error","message":"This request would exceed the rate limit for your organization (4c1b8f56) of 30,000 input tokens per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later."}}"""))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(classify(401, """
                {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"""))
                .isEqualTo(FailureClass.AUTH);
        assertThat(classify(404, """
                {"type":"error","error":{"type":"not_found_error","message":"model: claude-sonnet-9"}}"""))
                .isEqualTo(FailureClass.MODEL_NOT_FOUND);
        assertThat(classify(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"Output blocked by content filtering policy"}}"""))
                .isEqualTo(FailureClass.CONTENT_POLICY);
        assertThat(classify(400, """
                {"type":"error","error":{"type":"invalid_request_error","message":"messages.1: `tool_use` ids were found without `tool_result` blocks immediately after: toolu_01"}}"""))
                .isEqualTo(FailureClass.CLIENT);

        assertThat(protocol.errorMessage("""
                {"type":"error","error":{"type":"not_found_error","message":"model: claude-sonnet-9"}}"""))
                .isEqualTo("not_found_error: model: claude-sonnet-9");
    }

    private FailureClass classify(int status, String body) {
        return FailureClass.of(status, protocol.errorMessage(body));
    }
}
