package io.warren.connector.connection;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

import io.warren.connector.health.ChannelHealth;
import io.warren.connector.log.ConnectionLog;
import io.warren.connector.observe.ChannelObserver;

/**
 * The life of one AMQP channel that Warren owns, written once for every kind of channel (incoming, outgoing,
 * dead-letter and retry copies): open it on the current connection, set it up, notice when it is lost, open it again,
 * close it. Everything runs on the owning {@link ConfinedExecutor}.
 * <p>
 * Re-opening follows three rules, each the fix of a failure seen in the field:
 * <ul>
 * <li>at most one attempt is ever scheduled, and attempts back off exponentially from one second to
 * {@link #MAX_BACKOFF_MS}: a declaration the broker refuses used to schedule two more attempts per failure, growing to
 * a hundred a second;</li>
 * <li>an attempt always opens on the connection of that moment, never on the one the lost channel belonged to
 * (which may be dead for good);</li>
 * <li>the channel counts as open only when its whole set-up has succeeded (for a consumer: after
 * {@code basic.consume-ok}), so health never says UP for a channel that has no consumer.</li>
 * </ul>
 * The reason of a failure is logged once when it changes, and kept in health, rather than logged at every attempt.
 */
public final class OwnedChannel implements ConnectionListener {

    private static final ConnectionLog LOG = ConnectionLog.of(OwnedChannel.class);
    /** The longest wait between two attempts to open a channel the broker keeps refusing. */
    public static final long MAX_BACKOFF_MS = 30_000;

    /** What the user of a channel does at each step of its life. All calls run on the owning thread. */
    public interface User {
        /** Sets up a channel just opened (confirm mode, declarations, prefetch, consumer); throwing retries later. */
        void setUp(Channel channel) throws IOException;

        /** The channel is set up and in use. */
        default void opened(Channel channel) {
        }

        /**
         * The channel can no longer be used: forget its deliveries, fail or keep its unconfirmed publishes.
         *
         * @param connectionLost true when the whole connection went away, false when the broker closed this channel
         */
        default void lost(Channel channel, String reason, boolean connectionLost) {
        }

        /** The broker blocked (true) or unblocked the connection, during a resource alarm. */
        default void blocked(boolean blocked, String reason) {
        }
    }

    private final String name;
    private final String purpose;
    private final ConfinedExecutor owner;
    private final ChannelHealth health;
    private final boolean lazy;
    private final long firstBackoffMs;
    private User user;
    private ChannelObserver observer = ChannelObserver.NONE;
    private boolean everOpened;
    private Connection connection;
    private Channel channel;
    private ScheduledFuture<?> retry;
    private long backoffMs;
    private String failure;
    private boolean closed;
    private long attempts;

    /**
     * @param name the messaging channel, for logs
     * @param purpose what the channel is for, completing "cannot ...": {@code "consume from queue 'orders'"}
     * @param owner the thread that owns the channel
     * @param health where failures are reported, or null
     * @param lazy open on first use ({@link #ensureOpen()}) rather than as soon as a connection is there, and do not
     *        retry in the background
     * @param recoveryIntervalMs the connection's retry interval; the first re-open waits the smaller of it and 1 s
     */
    public OwnedChannel(String name, String purpose, ConfinedExecutor owner, ChannelHealth health, boolean lazy,
            long recoveryIntervalMs) {
        this.name = name;
        this.purpose = purpose;
        this.owner = owner;
        this.health = health;
        this.lazy = lazy;
        this.firstBackoffMs = Math.max(100, Math.min(1000, recoveryIntervalMs));
        this.backoffMs = firstBackoffMs;
    }

    /** Tells an observer (metrics, Dev UI) about the connection's state; call before the channel is registered. */
    public OwnedChannel observe(ChannelObserver channelObserver) {
        this.observer = channelObserver;
        return this;
    }

    /** Sets the user; call before the channel is registered with a connection. */
    public OwnedChannel user(User user) {
        this.user = user;
        return this;
    }

    // ---- connection events (connection and client threads) ----

    @Override
    public void connected(Connection newConnection) {
        owner.execute(() -> {
            connection = newConnection;
            backoffMs = firstBackoffMs;
            if (!lazy) {
                open();
            }
        });
    }

    @Override
    public void disconnected(String reason) {
        owner.execute(() -> {
            if (channel == null) {
                observer.connectionDown(reason);
                if (health != null) {
                    health.down(reason);
                }
            }
        });
    }

    @Override
    public void blocked(boolean blocked, String reason) {
        owner.execute(() -> {
            observer.connectionBlocked(blocked);
            user.blocked(blocked, reason);
        });
    }

    // ---- owner thread ----

    /** The channel, or null while it is not open and set up. Owner thread. */
    public Channel current() {
        return channel;
    }

    /** Opens the channel now if it is not open and a connection is there; for lazy channels. Owner thread. */
    public boolean ensureOpen() {
        if (channel == null) {
            open();
        }
        return channel != null;
    }

    /** How many times opening was attempted; for tests. */
    public long attempts() {
        return attempts;
    }

    private void open() {
        if (closed || channel != null || connection == null || !connection.isOpen()) {
            return;
        }
        cancelRetry();
        attempts++;
        Channel ch = null;
        try {
            ch = connection.createChannel();
            if (ch == null) {
                throw MSG.channelMaxReached();
            }
            Channel opened = ch;
            ch.addShutdownListener(cause -> owner.execute(() -> shutdown(opened, cause)));
            user.setUp(ch);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            failed("cannot " + purpose + ": " + AmqpErrors.reason(e));
            return;
        }
        channel = ch;
        backoffMs = firstBackoffMs;
        if (failure != null) {
            LOG.channelBack(name, purpose);
            failure = null;
        }
        if (health != null) {
            health.up();
        }
        if (everOpened) {
            observer.connectionRecovered();
        } else {
            everOpened = true;
            observer.connectionUp();
        }
        user.opened(ch);
    }

    private void shutdown(Channel closedChannel, ShutdownSignalException cause) {
        if (closedChannel != channel || closed) {
            return; // a channel whose set-up failed, or one already replaced or closed by us
        }
        channel = null;
        boolean connectionLost = cause.isHardError();
        String reason = connectionLost ? "connection lost: " + AmqpErrors.reason(cause)
                : "the broker closed the AMQP channel: " + AmqpErrors.reason(cause);
        user.lost(closedChannel, reason, connectionLost);
        observer.connectionDown(reason);
        if (connectionLost) {
            if (health != null) {
                health.down(reason);
            }
            open(); // opens at once if the new connection is already there; otherwise connected() will
        } else {
            failed(reason);
        }
    }

    /**
     * Closes the channel and opens a new one after the backoff, for a reason seen by the user (a consumer cancelled
     * by the broker, for example). Owner thread.
     */
    public void reopen(String reason) {
        Channel ch = channel;
        if (ch == null || closed) {
            return;
        }
        channel = null;
        user.lost(ch, reason, false);
        closeQuietly(ch);
        failed(reason);
    }

    private void failed(String reason) {
        observer.connectionDown(reason);
        if (health != null) {
            health.down(reason);
        }
        if (!Objects.equals(reason, failure)) {
            failure = reason;
            if (lazy) {
                LOG.channelOpenFailed(name, reason);
            } else {
                LOG.channelOpenFailedBackingOff(name, reason, MAX_BACKOFF_MS / 1000);
            }
        } else {
            LOG.channelOpenAttemptFailed(name, reason, attempts);
        }
        if (!lazy && !closed && retry == null) {
            long delay = backoffMs;
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
            retry = owner.schedule(() -> {
                retry = null;
                open();
            }, delay);
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }

    /** Closes the channel for good. Owner thread. */
    public void close() {
        closed = true;
        cancelRetry();
        Channel ch = channel;
        channel = null;
        closeQuietly(ch);
    }

    private void closeQuietly(Channel ch) {
        closeQuietly(ch, name);
    }

    /** Closes an AMQP channel if it is open; a failure to close is only worth a debug line. */
    public static void closeQuietly(Channel ch, String channelName) {
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | RuntimeException | TimeoutException e) {
                LOG.channelCloseFailed(e, channelName);
            }
        }
    }
}
