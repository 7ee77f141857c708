package dev.routewise.discovery;

import java.util.Map;
import java.util.Objects;

/**
 * Where and how to reach a source's API: the decrypted key lives only in this short-lived value.
 *
 * @param baseUrl the API root the provider's paths hang off (see ../shared/API.md), without a trailing slash
 * @param apiKey  null or blank when the source has none
 */
public record SourceEndpoint(SourceType type, String baseUrl, String apiKey, Map<String, String> extraHeaders) {

    public SourceEndpoint {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(baseUrl, "baseUrl");
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        extraHeaders = extraHeaders == null ? Map.of() : Map.copyOf(extraHeaders);
    }

    public boolean hasApiKey() {
        return apiKey != null && !apiKey.isBlank();
    }

    @Override
    public String toString() {
        return "SourceEndpoint[" + type.key() + " " + baseUrl + (hasApiKey() ? ", key set" : "") + "]";
    }
}
