package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

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
        super(MSG.deduplicationUnknown(channel, messageId, store, reason), null, false, false);
    }
}
