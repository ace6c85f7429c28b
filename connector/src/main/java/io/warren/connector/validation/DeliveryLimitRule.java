package io.warren.connector.validation;

import java.util.List;
import java.util.Set;

import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.QueueTypes;

/**
 * {@code queue.x-delivery-limit}, the poison-message bound of quorum queues. Checked against RabbitMQ 3.10: classic
 * and stream queues refuse the argument (PRECONDITION_FAILED, invalid arg 'x-delivery-limit'); a quorum queue whose
 * message exceeds it dead-letters the message with reason {@code delivery_limit} when the queue has a dead-letter
 * exchange, and drops it otherwise; RabbitMQ 3.x sets no limit unless asked, so a strategy that puts a failing message
 * back redelivers it for ever.
 */
final class DeliveryLimitRule implements ChannelRule {

    static final String LIMIT = "queue.x-delivery-limit";
    /** Strategies that put a failed message back on its queue. */
    private static final Set<String> PUTS_BACK = Set.of(FailureHandler.REQUEUE, FailureHandler.FAIL);

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared() || !c.incoming() || c.unknown("queue.x-queue-type") || c.unknown("queue.declare")
                || c.unknown(LIMIT)) {
            return;
        }
        boolean declared = c.flag("queue.declare");
        String type = c.queueType();
        boolean quorum = QueueTypes.QUORUM.equals(type);
        if (c.isSet(LIMIT)) {
            if (!declared) {
                problems.add(ConfigProblem.warning(c.property(LIMIT), c.shown(LIMIT),
                        LIMIT + " has no effect with queue.declare=false: the argument is only sent when Warren "
                                + "declares the queue",
                        "set the delivery limit where the queue is declared (or with a policy), and remove " + LIMIT));
            } else if (!quorum) {
                problems.add(ConfigProblem.error(c.property(LIMIT), c.shown(LIMIT),
                        "RabbitMQ refuses x-delivery-limit for " + (type == null ? "classic" : type)
                                + " queues (PRECONDITION_FAILED when declaring the queue); only quorum queues count "
                                + "deliveries",
                        "set " + c.property("queue.x-queue-type") + "=quorum, or remove " + LIMIT));
            } else if (!c.flag("auto-bind-dlq") && !c.unknown("auto-bind-dlq")) {
                problems.add(ConfigProblem.warning(c.property(LIMIT), c.shown(LIMIT),
                        "without auto-bind-dlq the queue has no dead-letter exchange, so RabbitMQ drops a message "
                                + "once its deliveries exceed the limit (deliveries lost with a connection count too)",
                        "set " + c.property("auto-bind-dlq") + "=true so that such messages land in the dead-letter "
                                + "queue, or set a dead-letter exchange on the queue with a policy"));
            }
            return;
        }
        if (declared && quorum && PUTS_BACK.contains(c.strategy()) && !c.unknown("failure-strategy")) {
            problems.add(ConfigProblem.warning(c.property("failure-strategy"), c.shown("failure-strategy"),
                    c.strategy() + " puts a failed message back on the quorum queue, and without a delivery limit "
                            + "a message that always fails is delivered again for ever (RabbitMQ 3.x sets no limit; "
                            + "4.x sets 20)",
                    "set " + c.property(LIMIT) + " (with auto-bind-dlq=true), so that such a message ends in the "
                            + "dead-letter queue after that many deliveries"));
        }
    }
}
