package io.warren.connector.fault;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.ShutdownSignalException;

import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConnectionListener;

/**
 * Publishes copies of incoming messages (to a dead-letter exchange, or to a retry queue) with confirms, on its own
 * AMQP channel of the publisher connection, owned by the incoming channel's thread. The original delivery is settled
 * only once the broker has confirmed the copy.
 */
public final class Republisher implements ConnectionListener {

    private static final Logger LOG = Logger.getLogger(Republisher.class);

    private final String channelName;
    private final ConfinedExecutor owner;
    private final NavigableMap<Long, CompletableFuture<Void>> pending = new TreeMap<>();
    private final Set<String> declared = new HashSet<>();
    private Channel channel;
    private Connection connection;
    private boolean rabbitMq = true;

    public Republisher(String channelName, ConfinedExecutor owner) {
        this.channelName = channelName;
        this.owner = owner;
    }

    @Override
    public void connected(Connection connection) {
        owner.execute(() -> this.connection = connection);
    }

    /** Opens the AMQP channel on first use: most channels never republish anything. */
    private boolean ensureOpen() {
        if (channel != null && channel.isOpen()) {
            return true;
        }
        if (connection == null || !connection.isOpen()) {
            return false;
        }
        open(connection);
        return channel != null && channel.isOpen();
    }

    private void open(Connection connection) {
        try {
            Object product = connection.getServerProperties().get("product");
            String name = product instanceof LongString || product instanceof String ? product.toString() : "";
            rabbitMq = name.toLowerCase(java.util.Locale.ROOT).contains("rabbitmq");
            Channel ch = connection.createChannel();
            ch.confirmSelect();
            ch.addConfirmListener(new ConfirmListener() {
                @Override
                public void handleAck(long tag, boolean multiple) {
                    owner.execute(() -> confirmed(tag, multiple, null));
                }

                @Override
                public void handleNack(long tag, boolean multiple) {
                    owner.execute(() -> confirmed(tag, multiple, "the broker nacked the copy"));
                }
            });
            ch.addShutdownListener(this::closed);
            channel = ch;
        } catch (IOException | RuntimeException e) {
            LOG.errorf("Channel '%s': cannot open the channel for dead-lettering and retries: %s", channelName,
                    e.getMessage());
        }
    }

    /** Whether the broker is RabbitMQ, which has the queue TTLs and dead-lettering that retry queues need. */
    public boolean brokerSupportsDelayQueues() {
        ensureOpen();
        return rabbitMq;
    }

    /** Declares a queue once per channel; amqp-client declares it again after a recovery. Owner thread only. */
    public void declareQueueOnce(String queue, Map<String, Object> args) throws IOException {
        if (!ensureOpen()) {
            throw new IOException("not connected");
        }
        if (declared.add(queue)) {
            try {
                channel.queueDeclare(queue, true, false, false, args);
            } catch (IOException | RuntimeException e) {
                declared.remove(queue);
                throw e;
            }
        }
    }

    /** Declares an exchange once per channel. Owner thread only. */
    public void declareExchangeOnce(String exchange, String type) throws IOException {
        if (!ensureOpen()) {
            throw new IOException("not connected");
        }
        if (declared.add("exchange:" + exchange)) {
            channel.exchangeDeclare(exchange, type, true);
        }
    }

    /**
     * Publishes a copy; the future completes when the broker confirms it, and fails if it nacks it or the channel
     * closes first. Must be called on the owner thread.
     */
    public CompletableFuture<Void> publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        if (!ensureOpen()) {
            result.completeExceptionally(new IOException("the channel for dead-lettering and retries is not open"));
            return result;
        }
        try {
            long seq = channel.getNextPublishSeqNo();
            channel.basicPublish(exchange, routingKey, false, props, body);
            pending.put(seq, result);
        } catch (IOException | RuntimeException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    private void confirmed(long tag, boolean multiple, String failure) {
        Map<Long, CompletableFuture<Void>> done = multiple ? pending.headMap(tag, true)
                : (pending.containsKey(tag) ? Map.of(tag, pending.get(tag)) : Map.of());
        for (CompletableFuture<Void> f : done.values().toArray(CompletableFuture[]::new)) {
            if (failure == null) {
                f.complete(null);
            } else {
                f.completeExceptionally(new IOException(failure));
            }
        }
        if (multiple) {
            done.clear();
        } else {
            pending.remove(tag);
        }
    }

    private void closed(ShutdownSignalException cause) {
        if (cause.isInitiatedByApplication()) {
            return;
        }
        owner.execute(() -> {
            declared.clear();
            IOException failure = new IOException("the channel closed before the broker confirmed the copy: "
                    + cause.getMessage());
            pending.values().forEach(f -> f.completeExceptionally(failure));
            pending.clear();
            // A channel error (say, a missing exchange) is not recovered by the client; the next use opens a new one.
        });
    }

    /** Closes the AMQP channel. Owner thread only. */
    public void close() {
        if (channel != null && channel.isOpen()) {
            try {
                channel.close();
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                LOG.debugf(e, "Channel '%s': error while closing the republish channel", channelName);
            }
        }
    }
}
