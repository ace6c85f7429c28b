package io.warren.connector.stream;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.RetryPolicy;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.incoming.PayloadConversionException;
import io.warren.connector.log.IncomingLog;

/**
 * {@code retry} on a stream read with the native protocol: the failed message is processed again after the backoff,
 * up to {@code retry.max-attempts} attempts, then handed to the last strategy (dead-letter when a target is set,
 * skip otherwise).
 * <p>
 * Nothing is written to the stream: a copy appended there would reach every other reader too. The message waits in
 * memory instead, and its offset stays uncommitted meanwhile, so that a restart processes it again rather than
 * losing it. The attempt number is in the message's {@code x-warren-retry-attempt} header, as on queues.
 */
final class StreamRetryFailureHandler implements FailureHandler {

    private static final IncomingLog LOG = IncomingLog.of(StreamRetryFailureHandler.class);

    private final String channel;
    private final ConfinedExecutor owner;
    private final RetryPolicy policy;
    private final FailureHandler last;

    StreamRetryFailureHandler(String channel, ConfinedExecutor owner, RetryPolicy policy, FailureHandler last) {
        this.channel = channel;
        this.owner = owner;
        this.policy = policy;
        this.last = last;
    }

    @Override
    public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
        int retries = message.getRabbitMetadata().getRetryAttempt();
        if (reason instanceof PayloadConversionException || !policy.mayRetry(retries)) {
            return last.handle(message, reason, metadata);
        }
        long delay = policy.delay(retries + 1);
        LOG.retrying(channel, message.describeId(), retries + 1, policy.maxAttempts() - 1, delay);
        CompletableFuture<Void> done = new CompletableFuture<>();
        // A reject with requeue makes the stream channel deliver the message again, with the next attempt number.
        owner.schedule(() -> message.settleReject(true).whenComplete((v, e) -> done.complete(null)), delay);
        return done;
    }
}
