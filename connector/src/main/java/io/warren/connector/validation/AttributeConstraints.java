package io.warren.connector.validation;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.warren.connector.ExchangeTypes;
import io.warren.connector.connection.TlsContexts;
import io.warren.connector.incoming.QueueTypes;
import io.warren.connector.reply.ReplyReceiver;
import io.warren.connector.stream.StreamChannels;

/**
 * What values each attribute takes beyond its declared type: units, ranges and allowed values. The allowed values
 * are the constants of the classes that use them, so the validator and the connector cannot disagree.
 */
public final class AttributeConstraints {

    /** An inclusive numeric range. */
    public record Range(double min, double max) {
        static Range atLeast(double min) {
            return new Range(min, Double.MAX_VALUE);
        }

        boolean contains(double v) {
            return v >= min && v <= max;
        }

        /** Such as {@code from 1 to 65535} or {@code 0 or more}. */
        String describe(boolean integral) {
            String low = integral ? String.valueOf((long) min) : String.valueOf(min);
            if (max == Double.MAX_VALUE) {
                return low + " or more";
            }
            return "from " + low + " to " + (integral ? String.valueOf((long) max) : String.valueOf(max));
        }
    }

    /**
     * A closed set of values.
     *
     * @param values the allowed values
     * @param ignoreCase whether the connector compares them without case
     * @param pluginPrefix values starting with this are accepted too (RabbitMQ plugin types); null for none
     */
    public record Choice(List<String> values, boolean ignoreCase, String pluginPrefix) {
        boolean accepts(String v) {
            if (pluginPrefix != null && v.startsWith(pluginPrefix) && v.length() > pluginPrefix.length()) {
                return true;
            }
            return ignoreCase ? values.stream().anyMatch(v::equalsIgnoreCase) : values.contains(v);
        }
    }

    /** Attributes holding a duration in milliseconds. */
    public static final Set<String> MILLISECONDS = Set.of("connection-timeout", "handshake-timeout",
            "network-recovery-interval", "shutdown-timeout", "queue.ttl", "ack-flush-interval", "requeue.delay",
            "retry.initial-delay", "retry.max-delay", "batch.timeout", "deduplication.ttl", "deduplication.lease",
            "deduplication.timeout", "default-ttl", "confirm-timeout", "reply.timeout", "stream.commit-interval");

    /** Attributes holding a duration in seconds. */
    public static final Set<String> SECONDS = Set.of("requested-heartbeat", "reconnect-interval");

    // AMQP 0-9-1 carries the port, the prefetch count and the heartbeat as unsigned 16-bit fields, and RabbitMQ
    // accepts priorities 1 to 255 (x-max-priority=300 is refused with PRECONDITION_FAILED).
    private static final Map<String, Range> RANGES = Map.ofEntries(
            Map.entry("port", new Range(1, 65535)),
            Map.entry("connection-timeout", Range.atLeast(0)),
            Map.entry("handshake-timeout", Range.atLeast(1)),
            Map.entry("requested-heartbeat", new Range(0, 65535)),
            Map.entry("network-recovery-interval", Range.atLeast(1)),
            Map.entry("shutdown-timeout", Range.atLeast(0)),
            Map.entry("queue.ttl", new Range(0, 4294967295d)),
            Map.entry("queue.x-max-priority", new Range(1, 255)),
            Map.entry("queue.x-delivery-limit", Range.atLeast(0)),
            Map.entry("max-outstanding-messages", new Range(0, 65535)),
            Map.entry("ack-batch-size", Range.atLeast(1)),
            Map.entry("ack-flush-interval", Range.atLeast(1)),
            Map.entry("requeue.delay", Range.atLeast(0)),
            Map.entry("retry.max-attempts", Range.atLeast(1)),
            Map.entry("retry.initial-delay", Range.atLeast(1)),
            Map.entry("retry.multiplier", Range.atLeast(1)),
            Map.entry("retry.max-delay", Range.atLeast(1)),
            Map.entry("retry.jitter", new Range(0, 1)),
            Map.entry("batch.size", Range.atLeast(1)),
            Map.entry("batch.timeout", Range.atLeast(1)),
            Map.entry("deduplication.max-size", Range.atLeast(1)),
            Map.entry("deduplication.ttl", Range.atLeast(1)),
            Map.entry("deduplication.lease", Range.atLeast(1)),
            Map.entry("deduplication.timeout", Range.atLeast(0)),
            Map.entry("max-inflight-messages", Range.atLeast(1)),
            Map.entry("default-ttl", Range.atLeast(0)),
            Map.entry("confirm-timeout", Range.atLeast(0)),
            Map.entry("reply.timeout", Range.atLeast(1)),
            // Broker arguments (issue 15): RabbitMQ refuses negative lengths ({value_negative,-1}).
            Map.entry("queue.x-max-length", Range.atLeast(0)),
            Map.entry("queue.x-max-length-bytes", Range.atLeast(0)),
            Map.entry("queue.x-stream-max-segment-size-bytes", Range.atLeast(1)),
            Map.entry("reconnect-interval", Range.atLeast(1)),
            // Native streams: the stream port is a TCP port; a super stream has at least one partition.
            Map.entry("stream.port", new Range(1, 65535)),
            Map.entry("stream.partitions", Range.atLeast(1)),
            Map.entry("stream.max-length-bytes", Range.atLeast(1)),
            Map.entry("stream.max-segment-size-bytes", Range.atLeast(1)),
            Map.entry("stream.commit-batch-size", Range.atLeast(1)),
            Map.entry("stream.commit-interval", Range.atLeast(1)),
            Map.entry("stream.credits", Range.atLeast(1)));

    private static final Choice EXCHANGE_TYPES = new Choice(ExchangeTypes.BUILT_IN, false,
            ExchangeTypes.PLUGIN_PREFIX);

    private static final Map<String, Choice> CHOICES = Map.ofEntries(
            Map.entry("exchange.type", EXCHANGE_TYPES),
            Map.entry("dead-letter-exchange-type", EXCHANGE_TYPES),
            Map.entry("queue.x-queue-type", new Choice(QueueTypes.ALL, false, null)),
            Map.entry("dead-letter-queue-type", new Choice(QueueTypes.ALL, false, null)),
            Map.entry("reply.mode", new Choice(ReplyReceiver.MODES, true, null)),
            Map.entry("queue.x-overflow", new Choice(List.of("drop-head", "reject-publish", "reject-publish-dlx"),
                    false, null)),
            Map.entry("queue.x-queue-leader-locator", new Choice(List.of("client-local", "balanced", "random",
                    "least-leaders"), false, null)),
            Map.entry("ssl.hostname-verification-algorithm", new Choice(List.of("HTTPS", "NONE"), true, null)),
            Map.entry("trust-store-type", new Choice(TlsContexts.STORE_TYPES, true, null)),
            Map.entry("key-store-type", new Choice(List.of("PKCS12", "JKS"), true, null)),
            Map.entry("stream.protocol", new Choice(StreamChannels.PROTOCOLS, true, null)));

    private AttributeConstraints() {
    }

    /** The range of a numeric attribute, if it is bounded. */
    public static Optional<Range> range(String attribute) {
        return Optional.ofNullable(RANGES.get(attribute));
    }

    /** The allowed values of an attribute, if they form a closed set. */
    public static Optional<Choice> choice(String attribute) {
        return Optional.ofNullable(CHOICES.get(attribute));
    }

    /** Every attribute that has a range, allowed values or a unit; for tests (the attribute table's among them). */
    public static Set<String> constrained() {
        Set<String> all = new java.util.TreeSet<>(RANGES.keySet());
        all.addAll(CHOICES.keySet());
        all.addAll(MILLISECONDS);
        all.addAll(SECONDS);
        return all;
    }

    /** {@code ms}, {@code s}, or empty for an attribute that is not a duration. */
    public static Optional<String> unit(String attribute) {
        if (MILLISECONDS.contains(attribute)) {
            return Optional.of("ms");
        }
        return SECONDS.contains(attribute) ? Optional.of("s") : Optional.empty();
    }
}
