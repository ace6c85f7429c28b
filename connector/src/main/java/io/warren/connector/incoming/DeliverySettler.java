package io.warren.connector.incoming;

import java.util.concurrent.CompletableFuture;

/**
 * Settles deliveries on the AMQP channel that received them. Implementations hop to the channel's own thread.
 * Public for the native stream channels, which settle their messages by committing offsets instead.
 */
public interface DeliverySettler {

    String channelName();

    CompletableFuture<Void> ack(int epoch, long tag);

    CompletableFuture<Void> reject(int epoch, long tag, boolean requeue);

    void fail(int epoch, long tag, Throwable reason);

    /** Sends an error reply to the message's reply-to (its handler failed). */
    void replyWithError(IncomingRabbitMQMessage<?> message, Throwable reason);

    /**
     * The message was processed successfully; used by deduplication, which records it. The ack waits for the
     * returned stage.
     */
    java.util.concurrent.CompletionStage<Void> processed(IncomingRabbitMQMessage<?> message);

    /** The message failed (before its failure strategy runs); used by deduplication, which releases its claim. */
    void failed(IncomingRabbitMQMessage<?> message);
}
