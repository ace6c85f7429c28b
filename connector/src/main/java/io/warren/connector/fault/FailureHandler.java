package io.warren.connector.fault;

import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.warren.connector.incoming.IncomingRabbitMQMessage;

/**
 * Decides what happens to an incoming message that was nacked: because its handler failed, or because its body
 * could not be converted.
 * <p>
 * Add your own as a CDI bean qualified with {@code @Identifier("name")} and select it with
 * {@code mp.messaging.incoming.<channel>.failure-strategy=name}. An implementation must settle the message exactly
 * once, through {@link IncomingRabbitMQMessage#settleAck()}, {@link IncomingRabbitMQMessage#settleReject(boolean)}
 * or {@link IncomingRabbitMQMessage#failChannel(Throwable)}.
 */
public interface FailureHandler {

    /** Nack without requeue: the broker dead-letters the message if the queue has a dead-letter exchange. */
    String REJECT = "reject";
    /** Ack the message anyway and go on. */
    String ACCEPT = "accept";
    /** Nack with requeue, so that the broker delivers the message again. */
    String REQUEUE = "requeue";
    /** Nack the message, mark the channel unhealthy and stop the stream. */
    String FAIL = "fail";
    /** Republish the message to the dead-letter exchange with the failure headers, then ack it. */
    String DEAD_LETTER = "dead-letter";
    /** Send the message back to its queue after a backoff, up to {@code retry.max-attempts}; then dead-letter it. */
    String RETRY = "retry";

    /**
     * Handles one failed message.
     *
     * @param message the message, with its RabbitMQ metadata
     * @param reason why it failed; its text names the channel, the message id and the cause
     * @param metadata the metadata passed to {@code nack}
     * @return completed once the message is settled
     */
    CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata);
}
