package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

/**
 * A message body could not be turned into the type its handler takes. This is deterministic: retrying it cannot
 * help, so failure strategies send it straight to the reject or dead-letter path.
 */
public final class PayloadConversionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String channel;
    private final String messageId;

    /**
     * @param channel the channel name
     * @param messageId the message id, or "(none)"
     * @param contentType the content-type property
     * @param targetType the type the handler takes
     * @param reason why the conversion failed
     */
    public PayloadConversionException(String channel, String messageId, String contentType, String targetType,
            String reason) {
        super(MSG.notConverted(channel, messageId, contentType == null ? "not set" : contentType, targetType, reason),
                null, false, false);
        this.channel = channel;
        this.messageId = messageId;
    }

    public String getChannel() {
        return channel;
    }

    public String getMessageId() {
        return messageId;
    }
}
