package io.warren.connector.observe;

/** The state of a channel's connection, as its observers see it. */
public enum ConnectionState {
    /** Connected, and the channel works. */
    UP,
    /** The connection was lost after it had worked; the client is recovering it. */
    RECOVERING,
    /** Not connected yet, or the connection cannot be opened. */
    DOWN,
    /** Connected, but the broker blocks publishing (resource alarm). */
    BLOCKED;

    /** The lower-case name used in metric tags and tooling. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
