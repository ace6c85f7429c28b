package io.warren.connector.validation;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.warren.connector.fault.FailureHandler;
import io.warren.connector.stream.StreamChannels;

/**
 * Channels on RabbitMQ's stream protocol ({@code stream.protocol=native}): the failure strategies that make no
 * sense on a stream, what the native channels do not support, retention values RabbitMQ would refuse, and settings
 * of the other protocol that have no effect.
 */
final class StreamRule implements ChannelRule {

    /** RabbitMQ's format for {@code x-max-age}: a whole number and one unit. */
    private static final Pattern MAX_AGE = Pattern.compile("\\d+[YMDhms]");
    /** Attributes of the stream protocol, which have no effect on an AMQP 0-9-1 channel. */
    private static final List<String> NATIVE_ONLY = List.of("stream.port", "stream.name", "stream.super-stream",
            "stream.partitions", "stream.declare", "stream.max-age", "stream.max-length-bytes",
            "stream.max-segment-size-bytes", "stream.consumer-name", "stream.single-active-consumer",
            "stream.commit-batch-size", "stream.commit-interval", "stream.credits", "stream.dead-letter-stream",
            "stream.producer-name");
    /** Attributes of AMQP 0-9-1 queues and acks, which have no effect on a native stream channel. */
    private static final List<String> AMQP_ONLY = List.of("queue.x-queue-type", "queue.durable", "queue.exclusive",
            "queue.auto-delete", "queue.ttl", "queue.x-max-priority", "routing-keys", "max-outstanding-messages",
            "ack-batch-size", "ack-flush-interval", "mandatory", "publish-confirms", "default-ttl", "persistent");

    static boolean isNative(ChannelView c) {
        return !c.unknown("stream.protocol")
                && StreamChannels.NATIVE.equals(c.value("stream.protocol").orElse("").toLowerCase(Locale.ROOT));
    }

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared()) {
            return;
        }
        c.value("stream.max-age").filter(v -> !c.unknown("stream.max-age") && !MAX_AGE.matcher(v).matches())
                .ifPresent(v -> problems.add(ConfigProblem.error(c.property("stream.max-age"), v,
                        "'" + v + "' is not a stream age: RabbitMQ refuses the declaration (PRECONDITION_FAILED)",
                        "write a whole number and a unit: Y, M, D, h, m or s, such as 7D or 12h")));
        if (!isNative(c)) {
            if (!c.unknown("stream.protocol")) {
                warnIgnored(c, NATIVE_ONLY, "without stream.protocol=native", "remove it, or set "
                        + c.property("stream.protocol") + "=native", problems);
            }
            return;
        }
        warnIgnored(c, AMQP_ONLY, "with stream.protocol=native, which reads and writes streams over the stream "
                + "protocol", "remove it (see the stream.* attributes)", problems);
        refuse(c, "ssl", c.flag("ssl"), "TLS is not supported on the stream protocol by Warren yet",
                "remove ssl, or use stream.protocol=amqp", problems);
        if (!c.incoming()) {
            return;
        }
        String strategy = c.strategy();
        if (!c.unknown("failure-strategy")) {
            if (strategy.equals(FailureHandler.REQUEUE)) {
                problems.add(ConfigProblem.error(c.property("failure-strategy"), c.shown("failure-strategy"),
                        "a stream never takes a message back: requeue would process the failed message again and "
                                + "again, without limit, and hold back the committed offset of every message after it",
                        fixStrategy(c)));
            } else if (strategy.equals(FailureHandler.FAIL)) {
                problems.add(ConfigProblem.error(c.property("failure-strategy"), c.shown("failure-strategy"),
                        "fail stops the channel without committing past the failed message, and a stream gives that "
                                + "same message first again at every restart: one bad message stops the consumer for "
                                + "good",
                        fixStrategy(c)));
            }
        }
        refuse(c, "auto-bind-dlq", c.flag("auto-bind-dlq"), "a stream does not dead-letter (auto-bind-dlq sets "
                + "x-dead-letter-exchange on a queue)", "remove it, and set " + c.property("stream.dead-letter-stream")
                + " with failure-strategy=dead-letter", problems);
        refuse(c, "deduplication", c.flag("deduplication"), "deduplication by message id is not supported on native "
                + "stream channels: the offset committed under stream.consumer-name already keeps a consumer from "
                + "reading a message twice, and a named producer keeps it from being written twice",
                "remove deduplication, and set stream.producer-name on the publishing channel", problems);
        refuse(c, "batch", c.flag("batch"), "batches are not supported on native stream channels yet",
                "remove batch, or use stream.protocol=amqp", problems);
    }

    private static String fixStrategy(ChannelView c) {
        return "set " + c.property("failure-strategy") + " to retry (processes the message again in memory, up to "
                + "retry.max-attempts, then dead-letters or skips it), dead-letter (with "
                + c.property("stream.dead-letter-stream") + " or dead-letter-exchange), reject (skips it with a log "
                + "record) or accept";
    }

    private static void refuse(ChannelView c, String attribute, boolean present, String why, String fix,
            List<ConfigProblem> problems) {
        if (present && !c.unknown(attribute)) {
            problems.add(ConfigProblem.error(c.property(attribute), c.shown(attribute), why, fix));
        }
    }

    private static void warnIgnored(ChannelView c, List<String> attributes, String when, String fix,
            List<ConfigProblem> problems) {
        for (String attribute : attributes) {
            if (c.isSet(attribute) && !c.unknown(attribute) && c.table.find(attribute)
                    .map(s -> s.appliesTo(c.config.direction())).orElse(false)) {
                problems.add(ConfigProblem.warning(c.property(attribute), c.shown(attribute),
                        attribute + " has no effect " + when, fix));
            }
        }
    }
}
