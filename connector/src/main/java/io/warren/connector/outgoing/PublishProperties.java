package io.warren.connector.outgoing;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.Date;
import java.util.UUID;

import com.rabbitmq.client.AMQP;

import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.log.OutgoingLog;

/** Builds the AMQP properties of an outgoing message from its metadata and the channel's defaults. */
final class PublishProperties {

    private static final OutgoingLog LOG = OutgoingLog.of(PublishProperties.class);

    private final String channel;
    private final boolean persistent;
    private final String defaultExpiration;
    private boolean expirationWarned;

    PublishProperties(WarrenConnectorOutgoingConfiguration cfg) {
        this.channel = cfg.getChannel();
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

    /**
     * Refuses, before it is published, a message whose properties the broker or the client cannot take (see
     * {@link WireCheck}), so that one bad header fails its own message and not the channel or the connection.
     *
     * @throws PublishFailedException naming the channel, the message id and what is wrong
     */
    void check(AMQP.BasicProperties props) {
        String problem = WireCheck.problem(props);
        if (problem != null) {
            throw MSG.messageRefused(channel, props.getMessageId(), problem);
        }
    }

    /**
     * Adapts the properties to the broker. Qpid Broker-J reads {@code expiration} as an absolute time, so a TTL of a
     * few seconds would drop the message at once: elsewhere than on RabbitMQ messages go out without it, and the
     * channel says so once. Owner thread only.
     */
    AMQP.BasicProperties forBroker(AMQP.BasicProperties props, BrokerCapabilities broker, String channel) {
        if (broker.rabbitMq() || props.getExpiration() == null) {
            return props;
        }
        if (!expirationWarned) {
            expirationWarned = true;
            LOG.expirationDropped(channel, "per-message expiration (default-ttl or metadata expiration)",
                    broker.product());
        }
        return props.builder().expiration(null).build();
    }
}
