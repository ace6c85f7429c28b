package io.warren.connector.outgoing;

/** The broker did not take an outgoing message: it nacked it, or the channel closed before it confirmed. */
public final class PublishFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened, naming the channel and the message id */
    public PublishFailedException(String message) {
        super(message, null, false, false);
    }
}
