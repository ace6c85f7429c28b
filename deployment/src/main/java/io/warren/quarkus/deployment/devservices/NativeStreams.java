package io.warren.quarkus.deployment.devservices;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;

import io.warren.quarkus.deployment.DeploymentLog;

/**
 * Channels on RabbitMQ's stream protocol ({@code stream.protocol=native}) cannot work on the embedded broker, which
 * has no streams: Dev Services says so, naming them, when it falls back to that broker.
 */
final class NativeStreams {

    private static final DeploymentLog LOG = DeploymentLog.of(NativeStreams.class);

    private NativeStreams() {
    }

    /** The channels, incoming and outgoing, whose configuration chooses the native stream protocol. */
    static List<String> channels(Config config) {
        TreeSet<String> found = new TreeSet<>();
        for (String key : config.getPropertyNames()) {
            if (key.startsWith("mp.messaging.") && key.endsWith(".stream.protocol")
                    && config.getOptionalValue(key, String.class)
                            .map(v -> v.trim().toLowerCase(Locale.ROOT).equals("native")).orElse(false)) {
                found.add(key.substring(0, key.length() - ".stream.protocol".length()));
            }
        }
        return List.copyOf(found);
    }

    static void warnOnEmbeddedBroker(Config config) {
        List<String> channels = channels(config);
        if (!channels.isEmpty()) {
            LOG.nativeStreamsOnEmbeddedBroker(String.join(", ", channels));
        }
    }
}
