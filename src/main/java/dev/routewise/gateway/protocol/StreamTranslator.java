package dev.routewise.gateway.protocol;

import java.util.List;

/**
 * Turns one streamed upstream answer, event by event, into OpenAI {@code chat.completion.chunk} objects. One
 * instance per answer; not thread-safe. The gateway writes each text it adds as {@code data: <text>} and ends the
 * stream with {@code data: [DONE]} itself, so a translator never emits [DONE].
 */
public interface StreamTranslator {

    /**
     * Translates one server-sent event.
     *
     * @param event the SSE {@code event:} name, or null when the event had none
     * @param data  the event's data (its {@code data:} lines joined with newlines)
     * @param out   where the OpenAI chunk JSON texts to send go, in order; may get none
     * @throws UpstreamStreamException when the provider reports an error inside the stream
     */
    void onEvent(String event, String data, List<String> out);

    /** True once the provider said the answer is complete ({@code [DONE]}, {@code message_stop}, last candidate). */
    boolean finished();

    /** The answer's usage as far as the provider reported it, or null when it reported none. */
    Usage usage();

    /** The finish reason in OpenAI's words (stop, length, tool_calls, content_filter), or null before the end. */
    String finishReason();
}
