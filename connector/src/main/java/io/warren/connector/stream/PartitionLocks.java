package io.warren.connector.stream;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.impl.recovery.AutorecoveringConnection;

import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConnectionListener;
import io.warren.connector.log.StreamLog;

/**
 * Single active consumer across application instances: one instance at a time reads each stream (or partition)
 * under a consumer name.
 * <p>
 * The lock of a stream is an exclusive AMQP queue, {@code warren.sac.<consumer-name>.<stream>}: RabbitMQ lets one
 * connection at a time declare it and deletes it when that connection closes, whatever the reason. The instance
 * that holds it reads the stream; the others try again every {@link #POLL_MS} ms and take over from the committed
 * offset once it is gone. RabbitMQ's own single active consumer for streams needs 3.11 or later; this works on every
 * version with the stream plugin. Partitions stay with the instance that took them (no rebalancing) until it stops.
 * Every method but the connection callbacks runs on the channel's thread.
 */
final class PartitionLocks implements ConnectionListener {

    /** How often an instance tries to take the streams it does not hold. */
    static final long POLL_MS = 1000;

    private static final StreamLog LOG = StreamLog.of(PartitionLocks.class);

    /** Told when this instance takes or loses a stream. Called on the channel's thread. */
    interface Holder {
        void acquired(String stream);

        void lost(String stream);
    }

    private final String channel;
    private final String consumerName;
    private final List<String> streams;
    private final ConfinedExecutor owner;
    private final Holder holder;
    private final Set<String> held = new LinkedHashSet<>();
    private Connection connection;
    private ScheduledFuture<?> poll;
    private boolean closed;

    PartitionLocks(String channel, String consumerName, List<String> streams, ConfinedExecutor owner, Holder holder) {
        this.channel = channel;
        this.consumerName = consumerName;
        this.streams = streams;
        this.owner = owner;
        this.holder = holder;
    }

    static String lockName(String consumerName, String stream) {
        return "warren.sac." + consumerName + "." + stream;
    }

    @Override
    public void connected(Connection c) {
        owner.execute(() -> {
            connection = c;
            tryAcquire();
        });
    }

    @Override
    public void disconnected(String reason) {
        // The broker deletes exclusive queues with their connection: another instance may hold them already.
        owner.execute(() -> {
            for (String s : List.copyOf(held)) {
                LOG.lockLost(channel, s, reason);
                held.remove(s);
                holder.lost(s);
            }
        });
    }

    /** The streams this instance reads now. */
    Set<String> held() {
        return Set.copyOf(held);
    }

    private void tryAcquire() {
        poll = null;
        if (closed || connection == null || !connection.isOpen()) {
            return;
        }
        for (String s : streams) {
            if (!held.contains(s) && lock(s)) {
                held.add(s);
                LOG.lockTaken(channel, s, consumerName);
                holder.acquired(s);
            }
        }
        if (held.size() < streams.size() && !closed) {
            poll = owner.schedule(this::tryAcquire, POLL_MS);
        }
    }

    private boolean lock(String stream) {
        String name = lockName(consumerName, stream);
        Channel ch = null;
        try {
            ch = connection.createChannel();
            ch.queueDeclare(name, false, true, true, null);
            if (connection instanceof AutorecoveringConnection recovering) {
                // Declared again after a reconnect, it would be held without anyone knowing: never recover it.
                recovering.excludeQueueFromRecovery(name, false);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false; // RESOURCE_LOCKED: another instance holds it
        } finally {
            closeQuietly(ch);
        }
    }

    /** Gives up every lock (the channel is closing), so that another instance takes over at once. */
    void close() {
        closed = true;
        if (poll != null) {
            poll.cancel(false);
        }
        if (connection != null && connection.isOpen() && !held.isEmpty()) {
            Channel ch = null;
            try {
                ch = connection.createChannel();
                for (String s : held) {
                    ch.queueDelete(lockName(consumerName, s));
                }
            } catch (IOException | RuntimeException e) {
                LOG.locksNotDeleted(e, channel);
            } finally {
                closeQuietly(ch);
            }
        }
        held.clear();
    }

    private static void closeQuietly(Channel ch) {
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                // already closing
            }
        }
    }
}
