package dev.routewise.gateway.protocol;

import java.net.URI;
import java.util.Map;

/**
 * One call to a provider: where, with which headers (credentials included), and the JSON body.
 *
 * @param body UTF-8 JSON
 */
public record UpstreamRequest(URI uri, Map<String, String> headers, byte[] body) {

    public UpstreamRequest {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        // never the headers: they carry the provider's key
        return "UpstreamRequest[" + uri + ", " + body.length + " bytes]";
    }
}
