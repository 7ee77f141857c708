package dev.routewise.gateway.protocol;

/** The provider reported an error in the middle of a streamed answer (an {@code error} event). */
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
