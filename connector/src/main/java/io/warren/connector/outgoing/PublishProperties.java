package io.warren.connector.outgoing;

import java.util.Date;
import java.util.UUID;

import com.rabbitmq.client.AMQP;

import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;

/** Builds the AMQP properties of an outgoing message from its metadata and the channel's defaults. */
final class PublishProperties {

    private final boolean persistent;
    private final String defaultExpiration;

    PublishProperties(WarrenConnectorOutgoingConfiguration cfg) {
        this.persistent = cfg.getPersistent();
        this.defaultExpiration = cfg.getDefaultTtl().map(String::valueOf).orElse(null);
    }

    AMQP.BasicProperties build(OutgoingRabbitMQMetadata md, String serializerContentType) {
        AMQP.BasicProperties.Builder b = new AMQP.BasicProperties.Builder();
        String messageId = null;
        Date timestamp = null;
        Integer deliveryMode = null;
        String contentType = null;
        String expiration = null;
        if (md != null) {
            messageId = md.getMessageId();
            timestamp = md.getTimestamp();
            deliveryMode = md.getDeliveryMode();
            contentType = md.getContentType();
            expiration = md.getExpiration();
            b.contentEncoding(md.getContentEncoding())
                    .priority(md.getPriority())
                    .correlationId(md.getCorrelationId())
                    .replyTo(md.getReplyTo())
                    .type(md.getType())
                    .userId(md.getUserId())
                    .appId(md.getAppId());
            if (!md.getHeaders().isEmpty()) {
                b.headers(md.getHeaders());
            }
        }
        return b.messageId(messageId != null ? messageId : UUID.randomUUID().toString())
                .timestamp(timestamp != null ? timestamp : new Date())
                .deliveryMode(deliveryMode != null ? deliveryMode : (persistent ? 2 : 1))
                .contentType(contentType != null ? contentType : serializerContentType)
                .expiration(expiration != null ? expiration : defaultExpiration)
                .build();
    }
}
