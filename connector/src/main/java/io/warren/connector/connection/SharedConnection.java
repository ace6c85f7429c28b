package io.warren.connector.connection;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import com.rabbitmq.client.BlockedListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.ShutdownSignalException;
import io.warren.connector.log.ConnectionLog;

/**
 * One amqp-client connection shared by every channel with the same settings and role.
 * <p>
 * Connection attempts run in the background and are retried every {@code network-recovery-interval} until one
 * succeeds, at start-up and whenever the connection is lost, so that an application starts even while the broker is
 * away; health reports the reason meanwhile. Each new connection is announced to the listeners, whose
 * {@link OwnedChannel}s open their channels on it and set them up again (declarations, prefetch, consumer).
 * <p>
 * amqp-client's own automatic recovery is off on purpose: it recovers channels, topology and consumers behind
 * Warren's back, and when one step fails (a queue whose home node is down, a declaration the broker now refuses) it
 * still reports the channel as recovered, with no consumer. One path, Warren's, opens every channel, first time or
 * after a loss, and a channel counts as ready only when its own set-up has succeeded.
 */
public final class SharedConnection {

    private static final ConnectionLog LOG = ConnectionLog.of(SharedConnection.class);

    private final ConnectionSettings settings;
    private final ConnectionRole role;
    private final ConnectionResources resources;
    private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService connector;
    private volatile Connection connection;
    private volatile boolean open;
    private volatile boolean blocked;
    private volatile String problem = "connecting";
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong reconnects = new java.util.concurrent.atomic.AtomicLong();

    SharedConnection(ConnectionSettings settings, ConnectionRole role, ConnectionResources resources) {
        this.settings = settings;
        this.role = role;
        this.resources = resources;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "warren-connect-" + role.label());
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.connector = executor;
        connector.execute(this::attempt);
    }

    /** Adds a listener; it is told at once if the connection is already open. */
    public synchronized void register(ConnectionListener listener) {
        listeners.add(listener);
        if (connection != null) {
            listener.connected(connection);
        }
    }

    synchronized boolean unregister(ConnectionListener listener) {
        listeners.remove(listener);
        return listeners.isEmpty();
    }

    /** Whether the connection is open right now. */
    public boolean isOpen() {
        return open && !closed;
    }

    /** Whether the broker currently blocks this connection (resource alarm). */
    public boolean isBlocked() {
        return blocked;
    }

    /** Why the connection is not usable, or {@code null} when it is. */
    public String problem() {
        if (isOpen()) {
            return blocked ? "connection blocked by the broker" : null;
        }
        return problem;
    }

    /** The settings of this connection. */
    public ConnectionSettings settings() {
        return settings;
    }

    private void attempt() {
        if (closed) {
            return;
        }
        try {
            Connection c = newFactory().newConnection(settings.addresses(), connectionName());
            install(c);
        } catch (Exception e) {
            String reason = describe(e);
            if (!Objects.equals(reason, problem)) {
                LOG.connectionOpenFailed(role.label(), settings.describe(), reason, settings.recoveryIntervalMs());
            }
            problem = reason;
            listeners.forEach(l -> l.disconnected(reason));
            if (!closed) {
                connector.schedule(this::attempt, settings.recoveryIntervalMs(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private synchronized void install(Connection c) {
        if (closed) {
            closeQuietly(c);
            return;
        }
        c.addShutdownListener(this::lost);
        c.addBlockedListener(new BlockedListener() {
            @Override
            public void handleBlocked(String reason) {
                blocked = true;
                LOG.connectionBlocked(role.label(), settings.describe(), reason);
                listeners.forEach(l -> l.blocked(true, reason));
            }

            @Override
            public void handleUnblocked() {
                blocked = false;
                LOG.connectionUnblocked(role.label(), settings.describe());
                listeners.forEach(l -> l.blocked(false, null));
            }
        });
        boolean again = connection != null;
        connection = c;
        open = true;
        blocked = false;
        problem = null;
        if (again) {
            reconnects.incrementAndGet();
            LOG.reconnected(role.label(), describe(c));
        } else {
            LOG.opened(role.label(), describe(c));
        }
        listeners.forEach(l -> l.connected(c));
    }

    private void lost(ShutdownSignalException cause) {
        if (closed || cause.isInitiatedByApplication()) {
            return;
        }
        open = false;
        blocked = false;
        String reason = "connection lost: " + describe(cause);
        problem = reason;
        LOG.connectionLost(role.label(), settings.describe(), describe(cause), settings.recoveryIntervalMs());
        listeners.forEach(l -> l.disconnected(reason));
        try {
            connector.schedule(this::attempt, settings.recoveryIntervalMs(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // closing
        }
    }

    /** How many times the connection was opened again after a loss; for tests and metrics. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Where a connection is open to: the node it reached, which matters when {@code addresses} lists several. */
    private String describe(Connection c) {
        return settings.username() + "@" + c.getAddress().getHostAddress() + ":" + c.getPort() + " vhost="
                + settings.virtualHost();
    }

    private String connectionName() {
        String base = settings.connectionName() != null ? settings.connectionName() : "warren";
        return base + "-" + role.label();
    }

    private ConnectionFactory newFactory() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setUsername(settings.username());
        f.setPassword(settings.password());
        f.setVirtualHost(settings.virtualHost());
        f.setConnectionTimeout(settings.connectionTimeoutMs());
        f.setHandshakeTimeout(settings.handshakeTimeoutMs());
        f.setRequestedHeartbeat(settings.heartbeatSeconds());
        // Warren reconnects and sets its channels up again itself (see the class comment).
        f.setAutomaticRecoveryEnabled(false);
        f.setTopologyRecoveryEnabled(false);
        // Consumer callbacks only hand deliveries to the channel's thread: run them where they arrive.
        f.setSharedExecutor(InlineDispatch.INSTANCE);
        // TLS (registry or store files) and a credentials provider, when configured.
        TlsContexts.configure(f, settings, resources);
        Credentials.configure(f, settings.security(), resources);
        return f;
    }

    void close() {
        Connection c;
        synchronized (this) {
            closed = true;
            open = false;
            c = connection;
        }
        connector.shutdownNow();
        if (c != null) {
            closeQuietly(c);
        }
    }

    private void closeQuietly(Connection c) {
        try {
            if (c.isOpen()) {
                c.close(5000);
            } else {
                c.abort(1000);
            }
        } catch (IOException | RuntimeException e) {
            LOG.connectionCloseFailed(e, role.label());
        }
    }

    /** A one-line reason for a connection problem, safe to log: it never contains the password. */
    private String describe(Throwable e) {
        return ConnectionErrors.describe(e, settings);
    }
}
