package io.warren.connector.outgoing;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.AMQP;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.reply.ReplyHeaders;

/** What one outgoing message becomes on the wire: exchange, routing key, properties and body. */
final class Outbound {
    final String exchange;
    final String routingKey;
    final AMQP.BasicProperties props;
    final byte[] body;

    private Outbound(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) {
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.props = props;
        this.body = body;
    }

    /**
     * Whether to publish with the mandatory flag. Not for a direct reply-to address: RabbitMQ delivers the reply to
     * the waiting consumer but still returns it as unroutable, which would fail a request that was answered.
     */
    boolean mandatory(boolean configured) {
        return configured && !(exchange.isEmpty() && routingKey.startsWith(ReplyHeaders.DIRECT_REPLY_TO));
    }

    static Outbound of(Message<?> m, String defaultExchange, String defaultRoutingKey, boolean rpcReply,
            PayloadCodec codec, PublishProperties properties, ChannelObserver observer) {
        OutgoingRabbitMQMetadata md = m.getMetadata(OutgoingRabbitMQMetadata.class).orElse(null);
        // The metadata's content type, when a codec writes it, selects the codec; the channel's otherwise.
        PayloadCodec.Encoded encoded = codec.encode(m.getPayload(), md == null ? null : md.getContentType());
        AMQP.BasicProperties props = properties.build(md, encoded.contentType());
        String targetExchange = md != null && md.getExchange() != null ? md.getExchange() : defaultExchange;
        String routingKey = md != null && md.getRoutingKey() != null ? md.getRoutingKey() : defaultRoutingKey;
        boolean routed = md != null && (md.getExchange() != null || md.getRoutingKey() != null);
        IncomingRabbitMQMetadata in = rpcReply && !routed
                ? m.getMetadata(IncomingRabbitMQMetadata.class).orElse(null)
                : null;
        if (in != null && in.getReplyTo().isPresent()) {
            // The result of a request that asked for a reply: answer it (RPC server).
            targetExchange = "";
            routingKey = in.getReplyTo().get();
            props = props.builder().correlationId(in.getCorrelationId().orElse(props.getCorrelationId())).build();
        }
        props = observer.publishing(m, targetExchange, routingKey, props);
        properties.check(props);
        return new Outbound(targetExchange, routingKey, props, encoded.body());
    }
}
