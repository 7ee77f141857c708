package dev.routewise.gateway.protocol;

/**
 * A provider call that failed without an error status to read: an {@code error} event in the middle of a streamed
 * answer, a 2xx answer that cannot be used (not the protocol's shape, a blocked prompt), or a request the protocol
 * cannot express ({@link FailureClass#UNSUPPORTED}).
 */
public class UpstreamStreamException extends RuntimeException {

    private final FailureClass failure;

    public UpstreamStreamException(String message, FailureClass failure) {
        super(message);
        this.failure = failure;
    }

    public FailureClass failure() {
        return failure;
    }
}
