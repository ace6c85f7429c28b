package io.warren.connector.fault;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.jboss.logging.Logger;

import io.warren.connector.incoming.IncomingRabbitMQMessage;

/**
 * {@code dead-letter}: republishes the message, with its body and properties, to the dead-letter exchange with the
 * failure headers, and acks the original once the broker has confirmed the copy. If the copy cannot be published the
 * original is requeued after {@code requeue.delay}, so nothing is lost.
 */
public final class DeadLetterFailureHandler implements FailureHandler {

    private static final Logger LOG = Logger.getLogger(DeadLetterFailureHandler.class);

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
                            LOG.infof("Channel '%s': message %s dead-lettered to exchange '%s' with key '%s'",
                                    support.channel(), message.describeId(), exchange, routingKey);
                            message.settleAck().whenComplete((v, e) -> done.complete(null));
                        } else {
                            // Never acked for a copy the broker did not take: requeued, so a fixed binding lets it
                            // through on a later attempt.
                            LOG.errorf("Channel '%s': cannot dead-letter message %s to exchange '%s' with routing key "
                                    + "'%s' (%s); requeueing it in %d ms", support.channel(), message.describeId(),
                                    exchange, routingKey, failure.getMessage(), support.config().getRequeueDelay());
                            RequeueFailureHandler.requeueLater(support, message).whenComplete((v, e) -> done.complete(null));
                        }
                    });
        });
        return done;
    }
}
