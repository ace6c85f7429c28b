package io.warren.connector.incoming;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.rabbitmq.client.Channel;

import io.warren.connector.ChannelNames;
import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.arguments.BrokerArguments;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.fault.DeadLetterTarget;
import io.warren.connector.log.IncomingLog;

/**
 * The exchange, queue and bindings an incoming channel declares, each time its AMQP channel opens. The dead-letter
 * exchange and queue are declared apart ({@link DeadLetterTopology}), so that they never stop consumption.
 */
final class QueueTopology {

    private static final IncomingLog LOG = IncomingLog.of(QueueTopology.class);

    final String queue;
    final String exchange;
    /** Where dead letters go. */
    final DeadLetterTarget deadLetters;
    /** Whether the queue is declared as a stream ({@code queue.x-queue-type=stream}). */
    final boolean stream;
    private final WarrenConnectorIncomingConfiguration cfg;
    private final List<String> routingKeys;

    QueueTopology(WarrenConnectorIncomingConfiguration cfg, String baseChannel) {
        this.cfg = cfg;
        this.queue = cfg.getQueueName().orElse(baseChannel);
        this.stream = cfg.getQueueXQueueType().map(QueueTypes.STREAM::equalsIgnoreCase).orElse(false);
        this.exchange = ChannelNames.exchange(cfg.getExchangeName(), baseChannel);
        this.deadLetters = DeadLetterTarget.of(cfg, queue);
        List<String> keys = new ArrayList<>();
        for (String k : cfg.getRoutingKeys().split(",")) {
            if (!k.isBlank()) {
                keys.add(k.trim());
            }
        }
        this.routingKeys = List.copyOf(keys);
    }

    void declare(Channel channel) throws IOException {
        boolean defaultExchange = exchange.isEmpty();
        if (cfg.getExchangeDeclare() && !defaultExchange) {
            channel.exchangeDeclare(exchange, cfg.getExchangeType(), cfg.getExchangeDurable(),
                    cfg.getExchangeAutoDelete(), BrokerArguments.exchange(cfg.config()));
        }
        if (!cfg.getQueueDeclare()) {
            return;
        }
        channel.queueDeclare(queue, cfg.getQueueDurable(), cfg.getQueueExclusive(), cfg.getQueueAutoDelete(),
                queueArguments());
        if (!defaultExchange) {
            for (String key : routingKeys) {
                channel.queueBind(queue, exchange, key, BrokerArguments.binding(cfg.config()));
            }
        }
    }

    /**
     * What this channel asks of the broker that only RabbitMQ does. A stream queue cannot be emulated, so it is an
     * error (returned, naming the attribute); the rest works without the broker's help, and is listed in a warning.
     *
     * @return the error when the channel cannot work on this broker, or null
     */
    String checkBroker(BrokerCapabilities broker, String channel, boolean streamOffset) {
        if (broker.rabbitMq() || !cfg.getQueueDeclare()) {
            return null;
        }
        if (stream || streamOffset) {
            return broker.needsRabbitMq(stream ? "queue.x-queue-type=stream" : "stream.offset");
        }
        List<String> ignored = new ArrayList<>();
        cfg.getQueueXQueueType().ifPresent(t -> ignored.add("queue.x-queue-type=" + t + " (a classic queue is used)"));
        cfg.getQueueTtl().ifPresent(t -> ignored.add("queue.ttl"));
        cfg.getQueueXMaxPriority().ifPresent(p -> ignored.add("queue.x-max-priority"));
        cfg.getQueueXDeliveryLimit().ifPresent(l -> ignored.add("queue.x-delivery-limit"));
        if (cfg.getAutoBindDlq()) {
            ignored.add("broker-side dead-lettering of auto-bind-dlq (a message rejected with failure-strategy=reject "
                    + "stays in its queue, held back from the consumer that rejected it; the dead-letter and retry "
                    + "strategies republish themselves and keep working)");
        }
        if (!ignored.isEmpty()) {
            LOG.settingsIgnored(channel, broker.product(), String.join(", ", ignored));
        }
        return null;
    }

    private Map<String, Object> queueArguments() {
        Map<String, Object> args = new HashMap<>();
        BrokerArguments.addQueueArguments(args, cfg.config()); // queue.arguments and named ones (issue 15)
        if (cfg.getAutoBindDlq()) {
            // Messages rejected by the broker-side path (reject strategy, TTL) go to the DLQ as well.
            args.put("x-dead-letter-exchange", deadLetters.exchange());
            args.put("x-dead-letter-routing-key", deadLetters.routingKey());
        }
        cfg.getQueueXQueueType().ifPresent(t -> args.put("x-queue-type", t));
        cfg.getQueueTtl().ifPresent(ttl -> args.put("x-message-ttl", ttl));
        cfg.getQueueXMaxPriority().ifPresent(p -> args.put("x-max-priority", p));
        cfg.getQueueXDeliveryLimit().ifPresent(limit -> args.put("x-delivery-limit", limit));
        return args.isEmpty() ? null : args;
    }
}
