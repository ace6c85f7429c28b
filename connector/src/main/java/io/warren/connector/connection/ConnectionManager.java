package io.warren.connector.connection;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands out shared connections: one per distinct {@link ConnectionSettings} and {@link ConnectionRole}, so that
 * many channels use few TCP connections.
 */
public final class ConnectionManager implements AutoCloseable {

    private record Key(ConnectionSettings settings, ConnectionRole role) {
    }

    private final Map<Key, SharedConnection> connections = new HashMap<>();
    private final ConnectionResources resources;
    private boolean closed;

    /** A manager for connections without named TLS configurations or credentials providers. */
    public ConnectionManager() {
        this(ConnectionResources.NONE);
    }

    /** A manager whose connections take TLS configurations and credentials providers from these resources. */
    public ConnectionManager(ConnectionResources resources) {
        this.resources = resources;
    }

    /**
     * Registers a listener on the shared connection for these settings and role, opening it if needed.
     *
     * @return the shared connection; pass it back to {@link #release} when done
     */
    public synchronized SharedConnection acquire(ConnectionSettings settings, ConnectionRole role,
            ConnectionListener listener) {
        if (closed) {
            throw MSG.connectorClosed();
        }
        SharedConnection shared = connections.computeIfAbsent(new Key(settings, role),
                k -> new SharedConnection(settings, role, resources));
        shared.register(listener);
        return shared;
    }

    /** Unregisters a listener, and closes the connection when it was the last one. */
    public synchronized void release(SharedConnection shared, ConnectionListener listener) {
        if (shared.unregister(listener)) {
            connections.values().remove(shared);
            shared.close();
        }
    }

    /** How many connections are open or being opened; for tests. */
    public synchronized int size() {
        return connections.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        connections.values().forEach(SharedConnection::close);
        connections.clear();
        resources.close();
    }
}
