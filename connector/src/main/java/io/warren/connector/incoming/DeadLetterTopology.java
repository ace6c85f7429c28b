package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;

import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.connection.AmqpErrors;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.OwnedChannel;
import io.warren.connector.fault.DeadLetterTarget;
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.log.IncomingLog;

/**
 * The dead-letter exchange and queue that {@code auto-bind-dlq} and {@code dlx.declare} ask for. They are declared
 * on a channel of their own before the consumer's set-up, and a refusal never stops consumption: in a cluster the
 * dead-letter queue's node can be down while the channel's own queue is available, and a channel once refused to
 * consume at all for that. The problem is kept in health (the channel stays ready) and the declaration is retried
 * with backoff until it succeeds.
 * <p>
 * The dead-letter queue of a quorum queue is a quorum queue too, replicated like the queue it serves, unless
 * {@code dead-letter-queue-type} says otherwise.
 */
final class DeadLetterTopology {

    private static final IncomingLog LOG = IncomingLog.of(DeadLetterTopology.class);

    private final String channel;
    private final WarrenConnectorIncomingConfiguration cfg;
    private final DeadLetterTarget target;
    private final String queueType;
    private final ConfinedExecutor owner;
    private final ChannelHealth health;
    private final long firstBackoffMs;
    private long backoffMs;
    private ScheduledFuture<?> retry;
    private String problem;
    private Connection connection;

    DeadLetterTopology(String channel, WarrenConnectorIncomingConfiguration cfg, DeadLetterTarget target,
            ConfinedExecutor owner, ChannelHealth health, long recoveryIntervalMs) {
        this.channel = channel;
        this.cfg = cfg;
        this.target = target;
        String mainType = cfg.getQueueXQueueType().orElse("");
        this.queueType = cfg.getDeadLetterQueueType()
                .orElse(QueueTypes.QUORUM.equalsIgnoreCase(mainType) ? QueueTypes.QUORUM : null);
        this.owner = owner;
        this.health = health;
        this.firstBackoffMs = Math.max(100, Math.min(1000, recoveryIntervalMs));
        this.backoffMs = firstBackoffMs;
    }

    /** Whether the channel asks for any of it. */
    boolean wanted() {
        return cfg.getAutoBindDlq() || cfg.getDlxDeclare();
    }

    /** Declares what is wanted through this connection, now; retries later on failure. Owner thread. */
    void declare(Connection on) {
        connection = on;
        if (!wanted() || retry != null) {
            return;
        }
        Channel ch = null;
        try {
            ch = on.createChannel();
            if (ch == null) {
                throw MSG.noChannelLeft();
            }
            ch.exchangeDeclare(target.exchange(), cfg.getDeadLetterExchangeType(), true, false, null);
            if (cfg.getAutoBindDlq() && cfg.getQueueDeclare()) {
                boolean rabbitMq = BrokerCapabilities.of(on).rabbitMq();
                Map<String, Object> args = queueType == null || !rabbitMq ? null : Map.of("x-queue-type", queueType);
                ch.queueDeclare(target.queue(), true, false, false, args);
                ch.queueBind(target.queue(), target.exchange(), target.routingKey());
            }
            succeeded();
        } catch (IOException | RuntimeException e) {
            failed(AmqpErrors.reason(e));
        } finally {
            OwnedChannel.closeQuietly(ch, channel);
        }
    }

    private void succeeded() {
        backoffMs = firstBackoffMs;
        if (problem != null) {
            LOG.deadLetterDeclared(channel, target.exchange(), target.queue());
            problem = null;
            health.note(null);
        }
    }

    private void failed(String reason) {
        String note = "cannot declare the dead-letter exchange '" + target.exchange() + "' or queue '"
                + target.queue() + "' (" + reason + "); consuming anyway, retrying the declaration";
        if (!Objects.equals(note, problem)) {
            LOG.deadLetterTopologyFailed(channel, note);
            problem = note;
        }
        health.note(note);
        long delay = backoffMs;
        backoffMs = Math.min(OwnedChannel.MAX_BACKOFF_MS, backoffMs * 2);
        retry = owner.schedule(() -> {
            retry = null;
            if (connection != null && connection.isOpen()) {
                declare(connection);
            }
        }, delay);
    }

    /** Stops retrying. Owner thread. */
    void cancel() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
