package io.warren.connector;

import java.util.Collections;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;

/**
 * What RabbitMQ said about a delivered message: every AMQP property, the headers, the exchange, the routing key,
 * the redelivered flag and the delivery tag. Obtain it with
 * {@code message.getMetadata(IncomingRabbitMQMetadata.class)}.
 */
public final class IncomingRabbitMQMetadata {

    private final String channel;
    private final Envelope envelope;
    private final AMQP.BasicProperties properties;

    /**
     * @param channel the messaging channel that received the message
     * @param envelope the delivery envelope
     * @param properties the message properties
     */
    public IncomingRabbitMQMetadata(String channel, Envelope envelope, AMQP.BasicProperties properties) {
        this.channel = channel;
        this.envelope = envelope;
        this.properties = properties;
    }

    /** The messaging channel that received the message. */
    public String getChannel() {
        return channel;
    }

    /** The exchange the message was published to; empty for the default exchange. */
    public String getExchange() {
        return envelope.getExchange();
    }

    /** The routing key the message was published with. */
    public String getRoutingKey() {
        return envelope.getRoutingKey();
    }

    /** Whether the broker delivered this message before. */
    public boolean isRedelivered() {
        return envelope.isRedeliver();
    }

    /** The delivery tag on the consuming AMQP channel. */
    public long getDeliveryTag() {
        return envelope.getDeliveryTag();
    }

    /** The raw AMQP properties. */
    public AMQP.BasicProperties getProperties() {
        return properties;
    }

    /** The headers, with AMQP long strings turned into {@code String}s. Never null. */
    public Map<String, Object> getHeaders() {
        Map<String, Object> headers = properties.getHeaders();
        if (headers == null || headers.isEmpty()) {
            return Collections.emptyMap();
        }
        Map<String, Object> copy = new java.util.LinkedHashMap<>();
        headers.forEach((k, v) -> copy.put(k, v instanceof LongString ? v.toString() : v));
        return Collections.unmodifiableMap(copy);
    }

    /** One header, with AMQP long strings turned into {@code String}s. */
    public Optional<Object> getHeader(String name) {
        Map<String, Object> headers = properties.getHeaders();
        Object v = headers == null ? null : headers.get(name);
        return Optional.ofNullable(v instanceof LongString ? v.toString() : v);
    }

    public Optional<String> getContentType() {
        return Optional.ofNullable(properties.getContentType());
    }

    public Optional<String> getContentEncoding() {
        return Optional.ofNullable(properties.getContentEncoding());
    }

    public Optional<Integer> getDeliveryMode() {
        return Optional.ofNullable(properties.getDeliveryMode());
    }

    public Optional<Integer> getPriority() {
        return Optional.ofNullable(properties.getPriority());
    }

    public Optional<String> getCorrelationId() {
        return Optional.ofNullable(properties.getCorrelationId());
    }

    public Optional<String> getReplyTo() {
        return Optional.ofNullable(properties.getReplyTo());
    }

    public Optional<String> getExpiration() {
        return Optional.ofNullable(properties.getExpiration());
    }

    public Optional<String> getMessageId() {
        return Optional.ofNullable(properties.getMessageId());
    }

    public Optional<Date> getTimestamp() {
        return Optional.ofNullable(properties.getTimestamp());
    }

    public Optional<String> getType() {
        return Optional.ofNullable(properties.getType());
    }

    public Optional<String> getUserId() {
        return Optional.ofNullable(properties.getUserId());
    }

    public Optional<String> getAppId() {
        return Optional.ofNullable(properties.getAppId());
    }

    /**
     * How many times the broker delivered this message before: the {@code x-delivery-count} header that quorum
     * queues set, or else the sum of the {@code x-death} counts (how often it was dead-lettered, for example through
     * retry queues). 0 for a first delivery.
     */
    public long getDeliveryCount() {
        Map<String, Object> headers = properties.getHeaders();
        if (headers == null) {
            return 0;
        }
        Object count = headers.get("x-delivery-count");
        if (count instanceof Number n) {
            return n.longValue();
        }
        long total = 0;
        if (headers.get("x-death") instanceof java.util.List<?> deaths) {
            for (Object death : deaths) {
                if (death instanceof Map<?, ?> d && d.get("count") instanceof Number n) {
                    total += n.longValue();
                }
            }
        }
        return total;
    }

    /** How many times Warren's {@code retry} strategy has sent this message back (header {@code x-warren-retry-attempt}). */
    public int getRetryAttempt() {
        Object attempt = properties.getHeaders() == null ? null : properties.getHeaders().get("x-warren-retry-attempt");
        if (attempt instanceof Number n) {
            return n.intValue();
        }
        if (attempt != null) {
            try {
                return Integer.parseInt(attempt.toString().trim());
            } catch (NumberFormatException e) {
                return 0; // a header of an odd type counts as no retry yet
            }
        }
        return 0;
    }
}
