package dev.routewise.gateway.protocol;

import java.util.Locale;

/** Why a provider call failed, which decides what the gateway does next. */
public enum FailureClass {
    /** Connection error, timeout, 408, 429, 5xx, overloaded: retry after a pause, then the next model. */
    TRANSIENT,
    /** Out of credit or quota (402, insufficient_quota): the model rests long, the next model is tried. */
    QUOTA,
    /** The provider refused our key (401, 403): a configuration problem, the next model is tried. */
    AUTH,
    /** The provider does not know the model (404): the next model is tried. */
    MODEL_NOT_FOUND,
    /** The prompt is longer than the model's context window: a model with a larger window is tried. */
    CONTEXT_LENGTH,
    /** The provider's content policy refused the prompt: as configured, the error or the next model. */
    CONTENT_POLICY,
    /** The model's protocol cannot express something the request has (audio, a file id): the next model. */
    UNSUPPORTED,
    /** The request itself is wrong (other 4xx): the client gets the provider's error. */
    CLIENT;

    /** The lower-case name used in records and error messages. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Classifies a non-2xx answer from its status and the provider's error message (any protocol's wording).
     *
     * @param message the provider's error message and code joined, or null
     */
    public static FailureClass of(int status, String message) {
        String m = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if (m.contains("context_length") || m.contains("context length") || m.contains("context window")
                || m.contains("prompt is too long") || m.contains("too many tokens")
                || m.contains("maximum number of tokens") || (m.contains("input token count") && m.contains("exceed"))
                || m.contains("reduce the length") || m.contains("exceed context limit")) {
            return CONTEXT_LENGTH;
        }
        if (m.contains("content_policy") || m.contains("content policy") || m.contains("content_filter")
                || m.contains("content filtering") || m.contains("safety") || m.contains("responsibleai")
                || m.contains("flagged")) {
            return CONTENT_POLICY;
        }
        if (status == 402 || m.contains("insufficient_quota") || m.contains("credit balance")
                || m.contains("exceeded your current quota") || m.contains("resource_exhausted") && m.contains("quota")
                || m.contains("billing")) {
            return QUOTA;
        }
        if (m.contains("api key not valid") || m.contains("api_key_invalid")) {
            return AUTH; // Gemini refuses a wrong key with 400 INVALID_ARGUMENT
        }
        if (status == 408 || status == 429 || status >= 500 || status == 0) {
            return TRANSIENT;
        }
        if (status == 401 || status == 403) {
            return AUTH;
        }
        if (status == 404) {
            return MODEL_NOT_FOUND;
        }
        return CLIENT;
    }

    /** Whether another model may answer where this one failed (content policy: when configured so). */
    public boolean nextModelMayHelp() {
        return this != CLIENT;
    }
}
