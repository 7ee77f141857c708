package dev.routewise.gateway.protocol;

import dev.routewise.discovery.SourceEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One provider's chat protocol, translated to and from OpenAI's chat completions. Implementations are stateless
 * and thread-safe; a streamed answer gets its own {@link StreamTranslator}.
 */
public interface ChatProtocol {

    /**
     * The upstream call for an OpenAI chat completion request.
     *
     * @param endpoint      the source's API root, key and extra headers
     * @param upstreamModel the model's name at the provider (the catalog's {@code modelId})
     * @param request       the client's OpenAI request; not changed
     * @param stream        whether to ask for a streamed answer (with usage reported at its end)
     * @throws UpstreamStreamException ({@link FailureClass#UNSUPPORTED}) when the request has something the provider's
     *                                 protocol cannot say, e.g. audio for Anthropic
     */
    UpstreamRequest request(SourceEndpoint endpoint, String upstreamModel, ObjectNode request, boolean stream);

    /**
     * A successful (2xx) non-streamed answer as an OpenAI {@code chat.completion}; may reuse {@code answer}.
     *
     * @param model the catalog id to name in the answer's {@code model}
     * @throws UpstreamStreamException when the answer cannot be used: not the protocol's shape, or a refusal the
     *                                 provider reports inside a 2xx answer (Gemini's blocked prompt)
     */
    ObjectNode completion(JsonNode answer, String model);

    /** The usage of a successful non-streamed answer, or null when the provider reported none. */
    Usage usage(JsonNode answer);

    /**
     * A translator for one streamed answer.
     *
     * @param model        the catalog id to name in every chunk's {@code model}
     * @param includeUsage whether the client asked for a final usage chunk ({@code stream_options.include_usage})
     */
    StreamTranslator stream(String model, boolean includeUsage);

    /** The provider's error message (with its error code or type when it gives one) from a non-2xx body. */
    String errorMessage(String body);
}
