package io.warren.connector.outgoing;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ShutdownSignalException;

import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.connection.ConfirmTracker;
import io.warren.connector.log.OutgoingLog;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.outgoing.SendBuffer.Sending;
import io.warren.connector.reply.ReplyReceiver;
import io.warren.connector.reply.RequestMetadata;

/**
 * Puts the waiting messages of one outgoing channel on its AMQP channel: adapts their properties to the broker, gives
 * requests their reply-to, tracks confirms, and tells a broken channel (keep the message) from a refused message (fail
 * it, go on). {@link OutgoingChannel} owns the channel's life, the demand and the timeouts. Owner thread only.
 */
final class Publisher {

    // The channel's category, as before this class was split out of it: log settings keep applying.
    private static final OutgoingLog LOG = OutgoingLog.of(OutgoingChannel.class);

    private final String name;
    private final boolean confirms;
    private final boolean mandatory;
    private final PublishProperties properties;
    private final ConfirmTracker<Sending> tracker;
    private final ReplyReceiver replies;
    private final Outcomes outcomes;
    private final ChannelObserver observer;
    private BrokerCapabilities broker = new BrokerCapabilities("RabbitMQ", true);

    Publisher(String name, boolean confirms, boolean mandatory, PublishProperties properties,
            ConfirmTracker<Sending> tracker, ReplyReceiver replies, Outcomes outcomes, ChannelObserver observer) {
        this.name = name;
        this.confirms = confirms;
        this.mandatory = mandatory;
        this.properties = properties;
        this.tracker = tracker;
        this.replies = replies;
        this.outcomes = outcomes;
        this.observer = observer;
    }

    /** The broker of the AMQP channel just opened. */
    void broker(BrokerCapabilities broker) {
        this.broker = broker;
    }

    /** Publishes what waits in the buffer, until it is empty or the AMQP channel (null when down) breaks. */
    void drain(Channel ch, SendBuffer buffer) {
        Sending s;
        while (ch != null && (s = buffer.peek()) != null) {
            Outbound out = s.out();
            if (out == null) {
                buffer.poll();
                outcomes.failed(s, s.failure() instanceof PublishFailedException refused ? refused
                        : MSG.notSerialized(name, s.failure().getMessage()));
                continue;
            }
            try {
                AMQP.BasicProperties props = properties.forBroker(out.props, broker, name);
                RequestMetadata request = s.message().getMetadata(RequestMetadata.class).orElse(null);
                if (request != null) {
                    props = props.builder().replyTo(replies.address(ch))
                            .correlationId(props.getCorrelationId() != null ? props.getCorrelationId()
                                    : UUID.randomUUID().toString())
                            .build();
                }
                if (confirms) {
                    tracker.publish(ch, out.exchange, out.routingKey, out.mandatory(mandatory), props, out.body, s,
                            s.sentAt());
                } else {
                    ch.basicPublish(out.exchange, out.routingKey, false, props, out.body);
                }
                buffer.poll();
                observer.published();
                if (request != null) {
                    replies.expect(props.getCorrelationId(), request);
                }
                if (!confirms) {
                    outcomes.acked(s);
                }
            } catch (BrokerCapabilities.UnsupportedFeatureException e) {
                buffer.poll();
                outcomes.failed(s, new PublishFailedException(e.getMessage()));
            } catch (IOException | ShutdownSignalException e) {
                // The connection or channel is broken (a write that fails, a channel closed): keep the message, it
                // is published once the channel is back.
                LOG.publishWaiting(name, e);
                break;
            } catch (RuntimeException e) {
                // The channel is fine, so the message is what the client refused (a header value it cannot encode,
                // for example): fail it and go on with the next.
                buffer.poll();
                outcomes.failed(s, "the client refused to publish it: " + e);
            }
        }
    }
}
