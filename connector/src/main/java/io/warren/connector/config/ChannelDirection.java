package io.warren.connector.config;

import java.util.Locale;

/** Whether a channel consumes from RabbitMQ or publishes to it. */
public enum ChannelDirection {
    /** An {@code mp.messaging.incoming.*} channel. */
    INCOMING,
    /** An {@code mp.messaging.outgoing.*} channel. */
    OUTGOING;

    /** {@code incoming} or {@code outgoing}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The configuration prefix of a channel in this direction, such as {@code mp.messaging.incoming.}. */
    public String prefix() {
        return "mp.messaging." + label() + ".";
    }

    /** The other direction. */
    public ChannelDirection opposite() {
        return this == INCOMING ? OUTGOING : INCOMING;
    }
}
