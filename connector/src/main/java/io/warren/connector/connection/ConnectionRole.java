package io.warren.connector.connection;

/**
 * Why a connection is used. Publishers get a connection of their own: when the broker blocks publishing
 * connections during a memory or disk alarm, consumers must keep working.
 */
public enum ConnectionRole {
    /** Consumers of incoming channels. */
    CONSUMER("consumer"),
    /** Publishers of outgoing channels. */
    PUBLISHER("publisher");

    private final String label;

    ConnectionRole(String label) {
        this.label = label;
    }

    /** A short name used in connection names and logs. */
    public String label() {
        return label;
    }
}
