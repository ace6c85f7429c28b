package io.warren.connector.fault;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.log.IncomingLog;

/**
 * {@code dead-letter}: republishes the message, with its body and properties, to the dead-letter exchange with the
 * failure headers, and acks the original once the broker has confirmed the copy. If the copy cannot be published the
 * original is requeued after {@code requeue.delay}, so nothing is lost.
 */
public final class DeadLetterFailureHandler implements FailureHandler {

    private static final IncomingLog LOG = IncomingLog.of(DeadLetterFailureHandler.class);

    private final FailureSupport support;

    public DeadLetterFailureHandler(FailureSupport support) {
        this.support = support;
    }

    @Override
    public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
        return deadLetter(message, reason, Map.of());
    }

    CompletionStage<Void> deadLetter(IncomingRabbitMQMessage<?> message, Throwable reason, Map<String, Object> extra) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        support.owner().run(() -> {
            String exchange = support.deadLetterExchange();
            String routingKey = support.deadLetterRoutingKey();
            support.republisher()
                    .publish(exchange, routingKey, FailureHeaders.copyWithFailure(message.getRabbitMetadata(), reason,
                            support.config().getDeadLetterIncludeStacktrace(), extra), message.body())
                    .whenComplete((ok, failure) -> {
                        if (failure == null) {
                            LOG.deadLettered(support.channel(), message.describeId(), exchange, routingKey);
                            message.settleAck().whenComplete((v, e) -> done.complete(null));
                        } else {
                            // Never acked for a copy the broker did not take: requeued, so a fixed binding lets it
                            // through on a later attempt.
                            LOG.deadLetterFailed(support.channel(), message.describeId(), exchange, routingKey,
                                    failure.getMessage(), support.config().getRequeueDelay());
                            RequeueFailureHandler.requeueLater(support, message).whenComplete((v, e) -> done.complete(null));
                        }
                    });
        });
        return done;
    }
}
