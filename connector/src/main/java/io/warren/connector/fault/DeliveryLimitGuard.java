package io.warren.connector.fault;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.incoming.QueueTypes;
import io.warren.connector.log.IncomingLog;

/**
 * Ends a poison message on a quorum queue with {@code queue.x-delivery-limit} in the dead-letter path, with the
 * reason and the count. A message whose {@code x-delivery-count} has reached the limit is on its last delivery: put
 * back once more (by {@code requeue} or {@code fail}), RabbitMQ would dead-letter it with reason
 * {@code delivery_limit} but without the failure, and without the count (measured on 3.10: the dead-lettered copy
 * has {@code x-death} only), or drop it when the queue has no dead-letter exchange. So this last failure goes to
 * Warren's dead-letter copy instead, with the failure headers, {@code x-warren-delivery-count} and
 * {@code x-warren-delivery-limit}; without a dead-letter target it is rejected, which leaves it to the queue's own
 * dead-lettering.
 */
final class DeliveryLimitGuard implements FailureHandler {

    /** The limit the message reached, on the dead-lettered copy. */
    static final String DELIVERY_LIMIT = "x-warren-delivery-limit";
    /** The quorum queue's count of earlier deliveries, kept on the copy. */
    /**
     * The count carried by the copy. Not {@code x-delivery-count}: a quorum dead-letter queue (the default for a
     * quorum queue) sets that header itself on every delivery, so the original count would read 0.
     */
    static final String DELIVERY_COUNT = "x-warren-delivery-count";

    private static final IncomingLog LOG = IncomingLog.of(DeliveryLimitGuard.class);
    private static final Set<String> PUTS_BACK = Set.of(FailureHandler.REQUEUE, FailureHandler.FAIL);

    private final FailureHandler delegate;
    private final FailureSupport support;
    private final long limit;
    private final DeadLetterFailureHandler deadLetter;

    private DeliveryLimitGuard(FailureHandler delegate, FailureSupport support, long limit) {
        this.delegate = delegate;
        this.support = support;
        this.limit = limit;
        this.deadLetter = support.hasDeadLetterTarget() ? new DeadLetterFailureHandler(support) : null;
    }

    /**
     * The built-in strategy, guarded when it puts messages back on a quorum queue that has a delivery limit.
     *
     * @param strategy the strategy's name
     * @param handler the strategy
     */
    static FailureHandler wrap(String strategy, FailureHandler handler, FailureSupport support) {
        WarrenConnectorIncomingConfiguration cfg = support.config();
        if (cfg == null || !PUTS_BACK.contains(strategy)
                || !cfg.getQueueXQueueType().map(QueueTypes.QUORUM::equalsIgnoreCase).orElse(false)) {
            return handler;
        }
        return cfg.getQueueXDeliveryLimit().<FailureHandler> map(l -> new DeliveryLimitGuard(handler, support, l))
                .orElse(handler);
    }

    @Override
    public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
        long count = message.getRabbitMetadata().getDeliveryCount();
        if (count < limit) {
            return delegate.handle(message, reason, metadata);
        }
        if (deadLetter == null) {
            LOG.lastDeliveryRejected(support.channel(), message.describeId(), count, limit);
            return message.settleReject(false);
        }
        LOG.lastDeliveryDeadLettered(support.channel(), message.describeId(), count, limit);
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put(DELIVERY_COUNT, count);
        extra.put(DELIVERY_LIMIT, limit);
        return deadLetter.deadLetter(message, reason, extra);
    }
}
