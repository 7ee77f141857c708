package dev.routewise.base;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * The one check of a URL the server will call (a provider's API, an alert webhook): absolute, http or https, with a
 * host. Invalid input names the field, so the console marks it and the REST API answers 400 naming it.
 */
public final class HttpUrls {

    private HttpUrls() {
    }

    /** The stripped URL, or {@link InvalidInputException} on {@code field} when it is not an absolute http(s) URL. */
    public static URI require(String field, String value) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            throw new InvalidInputException(field, "Give a URL");
        }
        try {
            URI uri = new URI(v);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw new InvalidInputException(field, "Use an http:// or https:// URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new InvalidInputException(field, "Not a valid URL: " + e.getReason());
        }
    }
}
