package io.warren.quarkus.deployment.devservices;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Channels on RabbitMQ's stream protocol ({@code stream.protocol=native}) cannot work on the embedded broker, which
 * has no streams: Dev Services says so, naming them, when it falls back to that broker.
 */
final class NativeStreams {

    private static final Logger LOG = Logger.getLogger(NativeStreams.class);

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
            LOG.warnf("Dev Services for Warren is starting the embedded broker, which has no streams and no stream "
                    + "protocol: %s (stream.protocol=native) cannot connect and will stay down. Run RabbitMQ with the "
                    + "rabbitmq_stream plugin enabled and point the application at it (rabbitmq-host, "
                    + "stream.port)", String.join(", ", channels));
        }
    }
}
