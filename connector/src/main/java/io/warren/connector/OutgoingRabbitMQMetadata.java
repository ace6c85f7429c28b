package io.warren.connector;

import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-message publishing instructions: exchange, routing key, headers and AMQP properties. Attach it with
 * {@code Message.of(payload).addMetadata(OutgoingRabbitMQMetadata.builder().withRoutingKey("eu").build())}.
 * Anything left unset falls back to the channel's configuration.
 */
public final class OutgoingRabbitMQMetadata {

    private final String exchange;
    private final String routingKey;
    private final Map<String, Object> headers;
    private final String contentType;
    private final String contentEncoding;
    private final Integer deliveryMode;
    private final Integer priority;
    private final String correlationId;
    private final String replyTo;
    private final String expiration;
    private final String messageId;
    private final Date timestamp;
    private final String type;
    private final String userId;
    private final String appId;

    private OutgoingRabbitMQMetadata(Builder b) {
        this.exchange = b.exchange;
        this.routingKey = b.routingKey;
        this.headers = Collections.unmodifiableMap(new LinkedHashMap<>(b.headers));
        this.contentType = b.contentType;
        this.contentEncoding = b.contentEncoding;
        this.deliveryMode = b.deliveryMode;
        this.priority = b.priority;
        this.correlationId = b.correlationId;
        this.replyTo = b.replyTo;
        this.expiration = b.expiration;
        this.messageId = b.messageId;
        this.timestamp = b.timestamp;
        this.type = b.type;
        this.userId = b.userId;
        this.appId = b.appId;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    public String getExchange() {
        return exchange;
    }

    public String getRoutingKey() {
        return routingKey;
    }

    public Map<String, Object> getHeaders() {
        return headers;
    }

    public String getContentType() {
        return contentType;
    }

    public String getContentEncoding() {
        return contentEncoding;
    }

    public Integer getDeliveryMode() {
        return deliveryMode;
    }

    public Integer getPriority() {
        return priority;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public String getReplyTo() {
        return replyTo;
    }

    public String getExpiration() {
        return expiration;
    }

    public String getMessageId() {
        return messageId;
    }

    public Date getTimestamp() {
        return timestamp;
    }

    public String getType() {
        return type;
    }

    public String getUserId() {
        return userId;
    }

    public String getAppId() {
        return appId;
    }

    /** Builds {@link OutgoingRabbitMQMetadata}. */
    public static final class Builder {
        private String exchange;
        private String routingKey;
        private final Map<String, Object> headers = new LinkedHashMap<>();
        private String contentType;
        private String contentEncoding;
        private Integer deliveryMode;
        private Integer priority;
        private String correlationId;
        private String replyTo;
        private String expiration;
        private String messageId;
        private Date timestamp;
        private String type;
        private String userId;
        private String appId;

        private Builder() {
        }

        /** The exchange to publish to; {@code ""} is the default exchange. */
        public Builder withExchange(String exchange) {
            this.exchange = exchange;
            return this;
        }

        public Builder withRoutingKey(String routingKey) {
            this.routingKey = routingKey;
            return this;
        }

        public Builder withHeader(String name, Object value) {
            this.headers.put(name, value);
            return this;
        }

        public Builder withHeaders(Map<String, Object> headers) {
            this.headers.putAll(headers);
            return this;
        }

        /** Overrides the content type chosen by the serializer. */
        public Builder withContentType(String contentType) {
            this.contentType = contentType;
            return this;
        }

        public Builder withContentEncoding(String contentEncoding) {
            this.contentEncoding = contentEncoding;
            return this;
        }

        /** 1 for transient, 2 for persistent. */
        public Builder withDeliveryMode(int deliveryMode) {
            this.deliveryMode = deliveryMode;
            return this;
        }

        public Builder withPriority(int priority) {
            this.priority = priority;
            return this;
        }

        public Builder withCorrelationId(String correlationId) {
            this.correlationId = correlationId;
            return this;
        }

        public Builder withReplyTo(String replyTo) {
            this.replyTo = replyTo;
            return this;
        }

        /** The per-message TTL in milliseconds, as a string as AMQP wants it. */
        public Builder withExpiration(String expiration) {
            this.expiration = expiration;
            return this;
        }

        public Builder withMessageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder withTimestamp(Date timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        public Builder withType(String type) {
            this.type = type;
            return this;
        }

        public Builder withUserId(String userId) {
            this.userId = userId;
            return this;
        }

        public Builder withAppId(String appId) {
            this.appId = appId;
            return this;
        }

        public OutgoingRabbitMQMetadata build() {
            return new OutgoingRabbitMQMetadata(this);
        }
    }
}
