package io.warren.connector.stream;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.Properties;

/**
 * What the stream protocol said about a message read with {@code stream.protocol=native}: the stream (the partition,
 * for a super stream), the offset, the time the broker wrote it, and the AMQP 1.0 sections. Obtain it with
 * {@code message.getMetadata(IncomingStreamMetadata.class)}. The message also carries an
 * {@code IncomingRabbitMQMetadata} with the same properties in AMQP 0-9-1 form (message id, content type,
 * headers...), so that code written for queues reads stream messages unchanged.
 */
public final class IncomingStreamMetadata {

    private final String channel;
    private final String stream;
    private final String superStream;
    private final long offset;
    private final long chunkTimestamp;
    private final String consumerName;
    private final Message message;

    IncomingStreamMetadata(String channel, String stream, String superStream, long offset, long chunkTimestamp,
            String consumerName, Message message) {
        this.channel = channel;
        this.stream = stream;
        this.superStream = superStream;
        this.offset = offset;
        this.chunkTimestamp = chunkTimestamp;
        this.consumerName = consumerName;
        this.message = message;
    }

    /** The messaging channel that received the message. */
    public String getChannel() {
        return channel;
    }

    /** The stream the message was read from: for a super stream, its partition, such as {@code orders-2}. */
    public String getStream() {
        return stream;
    }

    /** The super stream the partition belongs to, when the channel reads one. */
    public Optional<String> getSuperStream() {
        return Optional.ofNullable(superStream);
    }

    /** The message's offset in its stream: its position, which the committed offset refers to. */
    public long getOffset() {
        return offset;
    }

    /** When the broker wrote the chunk holding the message (the stream's own timestamp, not a message property). */
    public Instant getTimestamp() {
        return Instant.ofEpochMilli(chunkTimestamp);
    }

    /** The name the consumer's offset is stored under. */
    public String getConsumerName() {
        return consumerName;
    }

    /** The publishing id, when the producer was named (deduplicating). */
    public Optional<Long> getPublishingId() {
        return message.hasPublishingId() ? Optional.of(message.getPublishingId()) : Optional.empty();
    }

    /** The AMQP 1.0 properties section, or null when the message has none. */
    public Properties getProperties() {
        return message.getProperties();
    }

    /** The AMQP 1.0 application properties (what AMQP 0-9-1 calls headers). Never null. */
    public Map<String, Object> getApplicationProperties() {
        Map<String, Object> p = message.getApplicationProperties();
        return p == null ? Collections.emptyMap() : Collections.unmodifiableMap(p);
    }

    /** The AMQP 1.0 message annotations. Never null. */
    public Map<String, Object> getMessageAnnotations() {
        Map<String, Object> a = message.getMessageAnnotations();
        return a == null ? Collections.emptyMap() : Collections.unmodifiableMap(a);
    }
}
