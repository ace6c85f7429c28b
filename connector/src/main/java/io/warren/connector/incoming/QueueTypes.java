package io.warren.connector.incoming;

import java.util.List;

/** The values of {@code queue.x-queue-type}, passed to RabbitMQ as the {@code x-queue-type} queue argument. */
public final class QueueTypes {

    /** The classic queue, RabbitMQ's default. */
    public static final String CLASSIC = "classic";
    /** A replicated quorum queue: durable, never exclusive or auto-deleted. */
    public static final String QUORUM = "quorum";
    /**
     * An append-only stream: durable, never exclusive or auto-deleted, consumed with a prefetch and manual acks. The
     * broker closes the connection on a nack or reject, so Warren settles a rejected stream delivery with an ack: the
     * message stays in the stream either way.
     */
    public static final String STREAM = "stream";
    /** Every queue type. */
    public static final List<String> ALL = List.of(CLASSIC, QUORUM, STREAM);

    private QueueTypes() {
    }

    /** Whether the type keeps messages on several nodes, so that RabbitMQ refuses exclusive and transient queues. */
    public static boolean isReplicated(String type) {
        return QUORUM.equals(type) || STREAM.equals(type);
    }
}
