package io.warren.connector.config;

import java.util.Set;

/**
 * Channel keys that SmallRye Reactive Messaging itself reads, whatever the connector; found in the 4.33 provider
 * ({@code ConnectorConfig}, {@code ConfiguredChannelFactory}, {@code ConcurrencyConnectorConfig}).
 */
public final class SmallRyeKeys {

    /** The connector of a channel. */
    public static final String CONNECTOR = "connector";
    /** The older name of {@code connector}, still read. */
    public static final String TYPE = "type";
    /** Whether the channel is enabled. */
    public static final String ENABLED = "enabled";
    /** Set by SmallRye on the configuration it hands to the connector; users may not set it. */
    public static final String CHANNEL_NAME = "channel-name";

    /** Keys a user may set on any channel. */
    public static final Set<String> ALL = Set.of(CONNECTOR, TYPE, ENABLED, "broadcast", "merge", "concurrency",
            "pausable", "initially-paused", "pausable.initially-paused", "pausable.late-subscription",
            "pausable.buffer-size", "pausable.buffer-strategy");

    private SmallRyeKeys() {
    }
}
