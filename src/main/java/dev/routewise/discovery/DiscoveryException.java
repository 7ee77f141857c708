package dev.routewise.discovery;

/**
 * A source's model list could not be fetched or understood. The message is for people: it says
 * what happened (HTTP status and the provider's own message, a timeout, HTML instead of JSON,
 * a body over the size cap, malformed JSON) without the API key or a stack trace.
 */
public class DiscoveryException extends Exception {

    private final Integer httpStatus;

    public DiscoveryException(String message) {
        this(message, null, null);
    }

    public DiscoveryException(String message, Integer httpStatus, Throwable cause) {
        super(message, cause);
        this.httpStatus = httpStatus;
    }

    /** The provider's HTTP status when it answered with an error, else null. */
    public Integer httpStatus() {
        return httpStatus;
    }
}
