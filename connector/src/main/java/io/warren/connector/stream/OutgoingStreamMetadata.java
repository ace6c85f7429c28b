package io.warren.connector.stream;

import static io.warren.connector.log.ConnectorMessages.MSG;

/**
 * Per-message settings for a channel with {@code stream.protocol=native}, beside {@code OutgoingRabbitMQMetadata}
 * (whose routing key picks the partition of a super stream, and whose properties and headers are sent as AMQP 1.0
 * properties and application properties).
 * <p>
 * With {@code stream.producer-name} set, the broker keeps the highest publishing id it stored for that name and
 * drops any message whose id is not higher. Give each message an id that says which input it comes from (a sequence
 * number, or the offset of the message it was computed from), and a message sent again after a crash is dropped.
 */
public final class OutgoingStreamMetadata {

    private final Long publishingId;

    private OutgoingStreamMetadata(Long publishingId) {
        this.publishingId = publishingId;
    }

    /** Metadata giving the message this publishing id (with {@code stream.producer-name}). */
    public static OutgoingStreamMetadata publishingId(long id) {
        if (id < 0) {
            throw MSG.negativePublishingId(id);
        }
        return new OutgoingStreamMetadata(id);
    }

    /** The publishing id, or null to let the producer count on from its last one. */
    public Long getPublishingId() {
        return publishingId;
    }
}
