package io.warren.connector.connection;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.ShutdownSignalException;

/** Short, loggable descriptions of AMQP failures. */
public final class AmqpErrors {

    private AmqpErrors() {
    }

    /** The broker's reply code and text when there is one (say, {@code 404 NOT_FOUND - no queue 'x'}), else the message. */
    public static String reason(Throwable e) {
        if (e instanceof ShutdownSignalException s) {
            Object r = s.getReason();
            if (r instanceof AMQP.Channel.Close close) {
                return close.getReplyCode() + " " + close.getReplyText();
            }
            if (r instanceof AMQP.Connection.Close close) {
                return close.getReplyCode() + " " + close.getReplyText();
            }
        }
        if (e.getCause() instanceof ShutdownSignalException s) {
            return reason(s);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
