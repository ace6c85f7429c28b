package io.warren.quarkus.runtime;

import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;

import io.warren.connector.WarrenConnector;

/**
 * Which connector each channel runs on at run time. The build decides some things per channel (which methods run on
 * the channel's thread, which channels are checked); a profile, an environment variable or a test switching channels
 * to the in-memory connector can move a channel to another connector after the build, and those decisions must
 * follow it.
 */
public final class ChannelConnectors {

    private ChannelConnectors() {
    }

    /** The connector an incoming channel names in the run-time configuration, if any. */
    public static Optional<String> incoming(Config config, String channel) {
        try {
            return config.getOptionalValue("mp.messaging.incoming." + channel + ".connector", String.class);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether every channel still runs on Warren: none names another connector. A channel without a
     * {@code connector} key keeps the build's attachment (Quarkus sets the key itself for channels it attached).
     */
    public static boolean allWarren(Collection<String> channels, Function<String, Optional<String>> connectorOf) {
        for (String channel : channels) {
            Optional<String> connector = connectorOf.apply(channel);
            if (connector.isPresent() && !WarrenConnector.CONNECTOR_NAME.equals(connector.get())) {
                return false;
            }
        }
        return !channels.isEmpty();
    }
}
