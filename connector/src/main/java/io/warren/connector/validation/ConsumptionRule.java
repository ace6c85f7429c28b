package io.warren.connector.validation;

import java.util.List;
import java.util.OptionalDouble;

import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.QueueTypes;

/** Consumer settings that defeat each other: batches, acks and prefetch, retry delays. */
final class ConsumptionRule implements ChannelRule {

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared() || !c.incoming() || c.unknown("max-outstanding-messages")) {
            return;
        }
        OptionalDouble prefetch = c.number("max-outstanding-messages");
        if (prefetch.isPresent() && prefetch.getAsDouble() > 0) {
            double p = prefetch.getAsDouble();
            OptionalDouble batchSize = c.number("batch.size");
            if (c.flag("batch") && batchSize.isPresent() && batchSize.getAsDouble() > p && !c.unknown("batch.size")) {
                problems.add(ConfigProblem.error(c.property("batch.size"), c.shown("batch.size"),
                        "a batch can never fill: the broker sends at most max-outstanding-messages=" + (long) p
                                + " unacknowledged messages, and a batch is acknowledged only once processed, so "
                                + "every batch would wait for batch.timeout",
                        "make batch.size at most " + (long) p + ", or raise "
                                + c.property("max-outstanding-messages")));
            }
            // Warren caps the ack batch at half the prefetch itself: only a value the user set is worth a word.
            OptionalDouble ackBatch = c.number("ack-batch-size");
            long cap = Math.max(1, (long) p / 2);
            if (c.isSet("ack-batch-size") && ackBatch.isPresent() && ackBatch.getAsDouble() > cap
                    && !c.unknown("ack-batch-size")) {
                problems.add(ConfigProblem.warning(c.property("ack-batch-size"), c.shown("ack-batch-size"),
                        "Warren acknowledges at most half of max-outstanding-messages=" + (long) p
                                + " at once, so that the broker can always send more, and uses " + cap,
                        "make ack-batch-size at most " + cap + ", or raise " + c.property("max-outstanding-messages")));
            }
        } else if (prefetch.isPresent() && prefetch.getAsDouble() == 0 && !QueueTypes.STREAM.equals(c.queueType())) {
            problems.add(ConfigProblem.warning(c.property("max-outstanding-messages"), "0",
                    "0 removes the prefetch limit: the broker pushes the whole backlog to this consumer, into memory",
                    "set a bound, such as the default 256"));
        }
        if (FailureHandler.RETRY.equals(c.strategy()) && !c.unknown("retry.initial-delay")
                && !c.unknown("retry.max-delay")) {
            OptionalDouble initial = c.number("retry.initial-delay");
            OptionalDouble max = c.number("retry.max-delay");
            if (initial.isPresent() && max.isPresent() && initial.getAsDouble() > max.getAsDouble()) {
                problems.add(ConfigProblem.error(c.property("retry.initial-delay"), c.shown("retry.initial-delay"),
                        "the first retry delay is longer than retry.max-delay=" + (long) max.getAsDouble()
                                + ", which caps every delay",
                        "make retry.initial-delay at most retry.max-delay, or raise " + c.property("retry.max-delay")));
            }
        }
    }
}
