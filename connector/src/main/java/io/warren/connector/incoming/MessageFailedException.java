package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

/**
 * Why an incoming message failed, as the failure strategy receives it: the application's own exception (its cause)
 * with the channel and the message id added, so that a strategy, a log line or a dead-letter header always says
 * which message of which channel failed. Dead-letter headers still carry the cause's message and type.
 */
public final class MessageFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private MessageFailedException(String channel, String messageId, Throwable cause) {
        super(MSG.messageFailed(channel, messageId, describe(cause)), cause, false, false);
    }

    /**
     * The reason as handed to the failure strategy: as it is when its text already names the channel and the message
     * (a conversion failure, say), otherwise wrapped.
     */
    static Throwable of(String channel, String messageId, Throwable reason) {
        String text = reason == null ? null : reason.getMessage();
        if (text != null && text.contains("Channel '" + channel + "'") && text.contains(messageId)) {
            return reason;
        }
        return new MessageFailedException(channel, messageId, reason);
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "nacked with no reason given";
        }
        String text = cause.getMessage();
        return text == null || text.isBlank() ? cause.getClass().getName() : text;
    }
}
