package io.warren.connector.connection;

import com.rabbitmq.client.Connection;

/**
 * Told about the life of a shared connection. Callbacks run on Warren's connection thread or on the client's I/O
 * thread: implementations must hand channel work to their own executor.
 */
public interface ConnectionListener {

    /** A connection is open: the first one, or a new one after the previous one was lost. */
    void connected(Connection connection);

    /** The connection could not be opened, or was lost; it is being retried. */
    default void disconnected(String reason) {
    }

    /** The broker blocked (true) or unblocked (false) the connection. */
    default void blocked(boolean blocked, String reason) {
    }
}
