package io.warren.connector.fault;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.warren.connector.incoming.IncomingRabbitMQMessage;

/**
 * {@code requeue}: nacks the message with requeue so that the broker delivers it again. The nack waits
 * {@code requeue.delay} first: a message that always fails would otherwise loop between broker and application as
 * fast as the network allows.
 */
public final class RequeueFailureHandler implements FailureHandler {

    private final FailureSupport support;

    public RequeueFailureHandler(FailureSupport support) {
        this.support = support;
    }

    @Override
    public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
        return requeueLater(support, message);
    }

    static CompletionStage<Void> requeueLater(FailureSupport support, IncomingRabbitMQMessage<?> message) {
        long delay = support.config().getRequeueDelay();
        if (delay <= 0) {
            return message.settleReject(true);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        support.owner().schedule(() -> message.settleReject(true).whenComplete((v, e) -> done.complete(null)), delay);
        return done;
    }
}
