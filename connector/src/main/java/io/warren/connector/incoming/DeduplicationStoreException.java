package io.warren.connector.incoming;

/**
 * The deduplication store did not answer whether a message was a duplicate (it is down, or too slow). The message is
 * not processed, since it might be a duplicate, and goes to the failure strategy instead.
 */
public final class DeduplicationStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param channel the channel name
     * @param messageId the message id
     * @param store the store's name
     * @param reason what went wrong
     */
    public DeduplicationStoreException(String channel, String messageId, String store, String reason) {
        super("Channel '" + channel + "': message " + messageId + " not processed: the deduplication store '" + store
                + "' could not tell whether it is a duplicate: " + reason, null, false, false);
    }
}
