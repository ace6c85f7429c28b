package io.warren.connector.validation;

import java.util.List;
import java.util.Set;

import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.QueueTypes;

/**
 * Settings that quorum and stream queues do not take. Each was checked against RabbitMQ 3.10: the declaration is
 * refused with PRECONDITION_FAILED, or, for a nack or reject on a stream, the whole connection is closed with
 * NOT_IMPLEMENTED.
 */
final class QueueTypeRule implements ChannelRule {

    /**
     * Strategies that need the broker to take a message back, which a stream cannot: requeue and fail nack with
     * requeue, and retry appends copies to the queue. A reject (the default) is settled on a stream as an ack.
     */
    private static final Set<String> NACKING = Set.of(FailureHandler.REQUEUE, FailureHandler.FAIL,
            FailureHandler.RETRY);

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared() || !c.incoming() || c.unknown("queue.x-queue-type") || c.unknown("queue.declare")) {
            return;
        }
        String type = c.queueType();
        boolean declared = c.flag("queue.declare");
        checkOffset(c, type, declared, problems);
        if (type == null || !QueueTypes.isReplicated(type)) {
            return;
        }
        String fixType = "or use a classic queue";
        if (declared) {
            refuse(c, "queue.exclusive", c.flag("queue.exclusive"), type, "exclusive queues", fixType, problems);
            refuse(c, "queue.auto-delete", c.flag("queue.auto-delete"), type, "auto-delete queues", fixType, problems);
            refuse(c, "queue.durable", !c.flag("queue.durable") && !c.unknown("queue.durable"), type,
                    "non-durable queues", fixType, problems);
            refuse(c, "queue.x-max-priority", c.isSet("queue.x-max-priority"), type, "x-max-priority", fixType,
                    problems);
        }
        if (!type.equals(QueueTypes.STREAM)) {
            return;
        }
        if (declared) {
            refuse(c, "auto-bind-dlq", c.flag("auto-bind-dlq"), type, "x-dead-letter-exchange (streams do not "
                    + "dead-letter)", "use failure-strategy=dead-letter with dead-letter-exchange", problems);
            refuse(c, "queue.ttl", c.isSet("queue.ttl"), type, "x-message-ttl (streams keep messages by size or age "
                    + "policy)", "set retention with a policy (max-age, max-length-bytes)", problems);
        }
        if (c.number("max-outstanding-messages").orElse(1) == 0) {
            problems.add(ConfigProblem.error(c.property("max-outstanding-messages"), "0",
                    "RabbitMQ refuses to deliver from a stream without a prefetch limit (PRECONDITION_FAILED: consumer "
                            + "prefetch count is not set)",
                    "set a bound, such as the default 256"));
        }
        String strategy = c.strategy();
        if (NACKING.contains(strategy) && !c.unknown("failure-strategy")) {
            String why = strategy.equals(FailureHandler.RETRY)
                    ? "retry appends copies of failed messages to the stream, where every reader sees them again, "
                            + "and rejects messages whose attempts ran out; RabbitMQ does not support basic.reject on "
                            + "streams and closes the connection (NOT_IMPLEMENTED), stopping every channel on it"
                    : strategy + " puts failed messages back with basic.nack(requeue=true); RabbitMQ does not "
                            + "support it on streams and closes the connection (NOT_IMPLEMENTED), stopping every "
                            + "channel on it";
            problems.add(ConfigProblem.error(c.property("failure-strategy"), c.shown("failure-strategy"), why,
                    "set " + c.property("failure-strategy") + " to reject or accept (skip failed messages), "
                            + "dead-letter (copy them to a dead-letter exchange, then ack them), or a custom "
                            + "FailureHandler"));
        }
    }

    private static void checkOffset(ChannelView c, String type, boolean declared, List<ConfigProblem> problems) {
        if (!c.isSet("stream.offset") || QueueTypes.STREAM.equals(type) || (type == null && !declared)
                || StreamRule.isNative(c)) {
            return;
        }
        String queue = type == null ? "the queue is declared as a classic queue (queue.x-queue-type is not set)"
                : "the queue is a " + type + " queue";
        problems.add(ConfigProblem.error(c.property("stream.offset"), c.value("stream.offset").orElse(null),
                "stream.offset only applies to stream queues, and " + queue
                        + "; RabbitMQ refuses x-stream-offset there (PRECONDITION_FAILED)",
                "set " + c.property("queue.x-queue-type") + "=stream, or remove stream.offset"));
    }

    private static void refuse(ChannelView c, String attribute, boolean present, String type, String what,
            String alternative, List<ConfigProblem> problems) {
        if (present && !c.unknown(attribute)) {
            problems.add(ConfigProblem.error(c.property(attribute), c.shown(attribute),
                    "RabbitMQ refuses " + what + " for " + type + " queues (PRECONDITION_FAILED when declaring "
                            + "the queue)",
                    "remove " + attribute + ", " + alternative));
        }
    }
}
