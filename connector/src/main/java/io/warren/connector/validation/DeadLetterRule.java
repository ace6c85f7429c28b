package io.warren.connector.validation;

import java.util.List;

import io.warren.connector.fault.DeadLetterTarget;
import io.warren.connector.fault.FailureHandler;

/** Dead-lettering that has nowhere to go, and an {@code auto-bind-dlq} that cannot take effect. */
final class DeadLetterRule implements ChannelRule {

    @Override
    public void check(ChannelView c, ValidationContext context, List<ConfigProblem> problems) {
        if (c.config.shared() || !c.incoming()) {
            return;
        }
        boolean autoBind = c.flag("auto-bind-dlq");
        if (FailureHandler.DEAD_LETTER.equals(c.strategy()) && !autoBind && !c.isSet("dead-letter-exchange")
                && !(StreamRule.isNative(c) && c.isSet("stream.dead-letter-stream"))
                && !c.unknown("auto-bind-dlq") && !c.unknown("failure-strategy")) {
            problems.add(ConfigProblem.error(c.property("failure-strategy"), c.shown("failure-strategy"),
                    "dead-letter has nowhere to send: neither auto-bind-dlq nor dead-letter-exchange is set, so copies "
                            + "would go to an exchange named " + DeadLetterTarget.DEFAULT_EXCHANGE
                            + " that nothing declares or binds, and every failed message would be requeued again and "
                            + "again",
                    "set " + c.property("auto-bind-dlq") + "=true (Warren declares " + DeadLetterTarget.DEFAULT_EXCHANGE
                            + " and the queue <queue>" + DeadLetterTarget.QUEUE_SUFFIX + "), or set "
                            + c.property("dead-letter-exchange")
                            + " to an exchange that routes to a queue"
                            + (StreamRule.isNative(c) ? ", or " + c.property("stream.dead-letter-stream") : "")));
        }
        if (autoBind && c.isSet("queue.declare") && !c.flag("queue.declare") && !c.unknown("queue.declare")) {
            problems.add(ConfigProblem.error(c.property("auto-bind-dlq"), c.shown("auto-bind-dlq"),
                    "auto-bind-dlq cannot work with queue.declare=false: Warren then declares neither the dead-letter "
                            + "queue nor the queue's x-dead-letter-exchange argument",
                    "set " + c.property("queue.declare") + "=true, or declare the dead-letter queue and the queue's "
                            + "dead-letter arguments where the queue is declared and remove auto-bind-dlq (keep "
                            + "dead-letter-exchange for the dead-letter strategy)"));
        }
    }
}
