package io.warren.connector.observe;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.AMQP;

import io.warren.connector.incoming.IncomingRabbitMQMessage;

/**
 * Told what happens on one channel, for metrics, tracing and tooling. One observer is created per channel by an
 * {@link ObserverFactory}; every method has a no-op default, and a channel without observers gets {@link #NONE}, so
 * that observation costs nothing when nobody observes.
 * <p>
 * Methods marked "owner thread" run on the channel's own thread, one at a time; the others may run on any thread,
 * concurrently. Implementations must never block and never throw: they run on the message path.
 */
public interface ChannelObserver {

    /** The observer of a channel nobody observes. */
    ChannelObserver NONE = new ChannelObserver() {
    };

    // ---- incoming ----

    /** A delivery became a message about to be handed to the application (also when its body did not convert). Owner thread. */
    default void delivered(IncomingRabbitMQMessage<?> message) {
    }

    /** What {@link #handing(IncomingRabbitMQMessage)} opened; closed once the message is handed over. */
    interface Scope extends AutoCloseable {

        /** Opens nothing. */
        Scope NONE = () -> {
        };

        @Override
        void close();
    }

    /**
     * The message is being handed to the application, which may process it right there, on the channel's thread
     * (a synchronous handler); the returned scope is closed once it returns. Tracing makes the message's span current
     * there, so that what the handler does joins the trace. Owner thread.
     */
    default Scope handing(IncomingRabbitMQMessage<?> message) {
        return Scope.NONE;
    }

    /** A delivery was a duplicate of a processed message: it is acked and dropped. Owner thread. */
    default void deduplicated(IncomingRabbitMQMessage<?> message) {
    }

    /** The application acked the message ({@code failure == null}) or nacked it; the failure strategy runs next. */
    default void handled(IncomingRabbitMQMessage<?> message, Throwable failure) {
    }

    /** The delivery was settled on the broker (once per message). */
    default void settled(IncomingRabbitMQMessage<?> message, Settlement settlement) {
    }

    /** A message that will never be settled by this channel: its AMQP channel was lost, the broker delivers it again. */
    default void abandoned(IncomingRabbitMQMessage<?> message) {
    }

    // ---- outgoing ----

    /**
     * A message is about to be published; returns the properties to publish, for example with trace headers added.
     * On the sender's thread, once per message (a publish again after a recovery reuses the result).
     */
    default AMQP.BasicProperties publishing(Message<?> message, String exchange, String routingKey,
            AMQP.BasicProperties properties) {
        return properties;
    }

    /** A message was handed to the broker ({@code basic.publish}). Owner thread. */
    default void published() {
    }

    /**
     * A published message was settled by the broker's answer or by its absence. Owner thread.
     *
     * @param outcome what happened
     * @param publishedAtNanos {@link System#nanoTime()} when it was published
     */
    default void publishSettled(PublishOutcome outcome, long publishedAtNanos) {
    }

    /**
     * How many messages wait for the channel (buffered while it is not ready) and how many await their confirm. Owner
     * thread, after each change.
     */
    default void pending(int buffered, int awaitingConfirm) {
    }

    // ---- connection (any thread) ----

    /** The channel is open on a connection and working. */
    default void connectionUp() {
    }

    /** The connection could not be opened, or was lost; it is being retried or recovered. */
    default void connectionDown(String reason) {
    }

    /** The client recovered the connection and this channel's AMQP channel. */
    default void connectionRecovered() {
    }

    /** The broker blocked (true) or unblocked (false) the connection, during a resource alarm. */
    default void connectionBlocked(boolean blocked) {
    }
}
