package io.warren.connector;

import java.util.List;

/** The values of {@code exchange.type} and {@code dead-letter-exchange-type}. */
public final class ExchangeTypes {

    /** Routes on an exact routing-key match. */
    public static final String DIRECT = "direct";
    /** Routes to every bound queue. */
    public static final String FANOUT = "fanout";
    /** Routes on message headers. */
    public static final String HEADERS = "headers";
    /** Routes on routing-key patterns ({@code *} and {@code #}). */
    public static final String TOPIC = "topic";
    /** The types every RabbitMQ has. */
    public static final List<String> BUILT_IN = List.of(DIRECT, FANOUT, HEADERS, TOPIC);
    /** Exchange types added by plugins start with this, such as {@code x-delayed-message}. */
    public static final String PLUGIN_PREFIX = "x-";

    private ExchangeTypes() {
    }

    /**
     * Whether RabbitMQ can know the type: a built-in one, or a plugin's. The broker answers an unknown type by
     * closing the whole connection (503 COMMAND_INVALID), so this is worth checking before connecting.
     */
    public static boolean isValid(String type) {
        return BUILT_IN.contains(type) || (type.startsWith(PLUGIN_PREFIX) && type.length() > PLUGIN_PREFIX.length());
    }
}
