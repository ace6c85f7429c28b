package io.warren.connector.reply;

/** Headers of an error reply, sent by a Warren RPC server whose method failed. */
public final class ReplyHeaders {

    /** The failure's message. Its presence marks the reply as an error. */
    public static final String ERROR = "x-warren-error";
    /** The failure's class name. */
    public static final String ERROR_TYPE = "x-warren-error-type";
    /** RabbitMQ's direct reply-to pseudo-queue. */
    public static final String DIRECT_REPLY_TO = "amq.rabbitmq.reply-to";

    private ReplyHeaders() {
    }
}
