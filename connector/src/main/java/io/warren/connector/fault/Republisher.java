package io.warren.connector.fault;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;

import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConfirmTracker;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionRole;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.connection.OwnedChannel;
import io.warren.connector.connection.SharedConnection;
import io.warren.connector.reply.ReplyHeaders;

/**
 * Publishes copies of incoming messages (to a dead-letter exchange, to a retry queue, error replies) with confirms
 * and the mandatory flag, on its own AMQP channel of the publisher connection, owned by the incoming channel's thread
 * and opened on first use. A copy counts as published only when the broker has confirmed it and not returned it:
 * a copy no queue takes is a failed copy, so its original is never acked for it.
 */
public final class Republisher implements OwnedChannel.User {

    /** How long a copy may wait for its confirm before it counts as failed. */
    static final long COPY_CONFIRM_TIMEOUT_MS = 30_000;

    private final OwnedChannel owned;
    private final ConfirmTracker<CompletableFuture<Void>> tracker;
    private final Set<String> declared = new HashSet<>();
    private final ConnectionManager connections;
    private final SharedConnection shared;
    private boolean rabbitMq = true;

    public Republisher(String channelName, ConfinedExecutor owner, ConnectionManager connections,
            ConnectionSettings settings) {
        this(channelName, owner, connections, settings, true);
    }

    /**
     * @param connect whether to use the publisher connection at all; a channel that never publishes copies over
     *        AMQP 0-9-1 (a native stream channel without a dead-letter exchange) opens none
     */
    public Republisher(String channelName, ConfinedExecutor owner, ConnectionManager connections,
            ConnectionSettings settings, boolean connect) {
        this.owned = new OwnedChannel(channelName, "open the channel for dead-letter and retry copies", owner, null,
                true, settings.recoveryIntervalMs()).user(this);
        this.tracker = new ConfirmTracker<>(owner, (copy, failure) -> {
            if (failure == null) {
                copy.item.complete(null);
            } else {
                copy.item.completeExceptionally(new IOException(failure));
            }
        }, () -> {
        });
        this.connections = connections;
        this.shared = connect ? connections.acquire(settings, ConnectionRole.PUBLISHER, owned) : null;
        owner.scheduleAtFixedRate(this::expire, 1000);
    }

    @Override
    public void setUp(Channel channel) throws IOException {
        tracker.attach(channel);
        rabbitMq = BrokerCapabilities.of(channel.getConnection()).rabbitMq();
    }

    @Override
    public void lost(Channel channel, String reason, boolean connectionLost) {
        declared.clear();
        IOException failure = MSG.copyChannelClosed(reason);
        tracker.drain().forEach(p -> p.item.completeExceptionally(failure));
    }

    /** Whether the broker is RabbitMQ, which has the queue TTLs and dead-lettering that retry queues need. */
    public boolean brokerSupportsDelayQueues() {
        owned.ensureOpen();
        return rabbitMq;
    }

    /** Declares a queue once per channel. Owner thread only. */
    public void declareQueueOnce(String queue, Map<String, Object> args) throws IOException {
        Channel ch = open();
        if (declared.add(queue)) {
            try {
                ch.queueDeclare(queue, true, false, false, args);
            } catch (IOException | RuntimeException e) {
                declared.remove(queue);
                throw e;
            }
        }
    }

    /** Declares a durable exchange once per channel. Owner thread only. */
    public void declareExchangeOnce(String exchange, String type) throws IOException {
        Channel ch = open();
        if (declared.add("exchange:" + exchange)) {
            try {
                ch.exchangeDeclare(exchange, type, true);
            } catch (IOException | RuntimeException e) {
                declared.remove("exchange:" + exchange);
                throw e;
            }
        }
    }

    private Channel open() throws IOException {
        if (!owned.ensureOpen()) {
            throw MSG.copyChannelNotOpen();
        }
        return owned.current();
    }

    /**
     * Publishes a copy; the future completes when the broker confirms it, and fails if it nacks or returns it, if the
     * channel closes first, or after {@link #COPY_CONFIRM_TIMEOUT_MS}. Owner thread only.
     */
    public CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        try {
            // RabbitMQ delivers a reply to direct reply-to but also returns it when mandatory: not for those.
            boolean mandatory = !(exchange.isEmpty() && routingKey.startsWith(ReplyHeaders.DIRECT_REPLY_TO));
            tracker.publish(open(), exchange, routingKey, mandatory, props, body, result, System.nanoTime());
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void expire() {
        long now = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(COPY_CONFIRM_TIMEOUT_MS);
        tracker.expired(sentAt -> now - sentAt > limit).forEach(p -> p.item.completeExceptionally(
                MSG.copyNotConfirmed(COPY_CONFIRM_TIMEOUT_MS)));
    }

    /** Fails the copies still awaiting their confirm, closes the AMQP channel and lets the connection go. Owner thread. */
    public void close() {
        IOException closing = MSG.connectorClosing();
        tracker.drain().forEach(p -> p.item.completeExceptionally(closing));
        owned.close();
        if (shared != null) {
            connections.release(shared, owned);
        }
    }
}
