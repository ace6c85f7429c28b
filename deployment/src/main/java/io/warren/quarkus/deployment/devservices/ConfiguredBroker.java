package io.warren.quarkus.deployment.devservices;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Finds out from the configuration whether the application already names its broker, in any of the spellings the
 * connector reads: the global aliases, the connector-wide attributes, or every Warren channel's own.
 */
final class ConfiguredBroker {

    static final String CONNECTOR = "warren";
    private static final List<String> GLOBAL = List.of("rabbitmq-host", "rabbitmq-addresses", "rabbitmq-port");
    private static final List<String> ATTRIBUTES = List.of("host", "addresses", "port", "rabbitmq-host",
            "rabbitmq-addresses", "rabbitmq-port");
    private static final List<String> CHANNEL_ATTRIBUTES = List.of("host", "addresses", "port");

    private ConfiguredBroker() {
    }

    /**
     * @param value a configuration value by key, empty when unset or blank
     * @param names every configuration key
     * @return why Dev Services need no broker, or empty when some channel needs one
     */
    static Optional<String> notNeeded(Function<String, Optional<String>> value, Iterable<String> names) {
        for (String key : GLOBAL) {
            if (present(value, key)) {
                return Optional.of(key + " is set");
            }
        }
        for (String attribute : ATTRIBUTES) {
            String key = "mp.messaging.connector." + CONNECTOR + "." + attribute;
            if (present(value, key)) {
                return Optional.of(key + " is set");
            }
        }
        TreeSet<String> channels = new TreeSet<>();
        TreeSet<String> unconfigured = new TreeSet<>();
        for (String name : names) {
            String channel = channelOf(name);
            if (channel != null && value.apply(name).map(CONNECTOR::equals).orElse(false)) {
                channels.add(channel);
                String prefix = name.substring(0, name.length() - ".connector".length());
                if (CHANNEL_ATTRIBUTES.stream().noneMatch(a -> present(value, prefix + "." + a))) {
                    unconfigured.add(channel);
                }
            }
        }
        if (channels.isEmpty()) {
            return Optional.of("no channel uses the " + CONNECTOR + " connector");
        }
        if (unconfigured.isEmpty()) {
            return Optional.of("every Warren channel sets its own broker (" + String.join(", ", channels) + ")");
        }
        return Optional.empty();
    }

    /** The direction and channel of {@code mp.messaging.<direction>.<channel>.connector}, or null. */
    private static String channelOf(String key) {
        for (String prefix : List.of("mp.messaging.incoming.", "mp.messaging.outgoing.")) {
            if (key.startsWith(prefix) && key.endsWith(".connector") && key.length() > prefix.length() + 10) {
                return key.substring("mp.messaging.".length(), key.length() - ".connector".length());
            }
        }
        return null;
    }

    private static boolean present(Function<String, Optional<String>> value, String key) {
        return value.apply(key).filter(v -> !v.isBlank()).isPresent();
    }
}
