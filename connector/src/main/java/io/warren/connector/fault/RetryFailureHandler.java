package io.warren.connector.fault;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.rabbitmq.client.AMQP;

import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.incoming.PayloadConversionException;
import io.warren.connector.log.IncomingLog;

/**
 * {@code retry}: sends a failed message back to its queue after an exponential backoff, up to
 * {@code retry.max-attempts} processing attempts; then hands it to {@code dead-letter} (when a dead-letter target is
 * configured) or {@code reject}.
 * <p>
 * On RabbitMQ the copy waits in a delay queue {@code <queue>.retry.<delay-ms>} whose TTL dead-letters it back to the
 * queue, and the original is acked once the copy is confirmed: the channel never holds the message while it waits,
 * and the attempt count, kept in the {@code x-warren-retry-attempt} header, survives a restart of the application.
 * On a broker without TTL dead-lettering (the embedded dev broker) the copy is published after an in-memory delay
 * instead; until then the original stays unacked, so a restart loses nothing.
 * <p>
 * A body that could not be converted fails the same way every time, so it is never retried.
 */
public final class RetryFailureHandler implements FailureHandler {

    private static final IncomingLog LOG = IncomingLog.of(RetryFailureHandler.class);

    private final FailureSupport support;
    private final RetryPolicy policy;
    private final FailureHandler last;

    public RetryFailureHandler(FailureSupport support, FailureHandler last) {
        this.support = support;
        this.policy = RetryPolicy.from(support.config());
        this.last = last;
    }

    @Override
    public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
        int retries = message.getRabbitMetadata().getRetryAttempt();
        if (reason instanceof PayloadConversionException || !policy.mayRetry(retries)) {
            return last.handle(message, reason, metadata);
        }
        int next = retries + 1;
        long base = policy.baseDelay(next);
        long delay = policy.delay(next);
        Map<String, Object> extra = new HashMap<>();
        extra.put(FailureHeaders.RETRY_ATTEMPT, next);
        AMQP.BasicProperties copy = FailureHeaders.copyWithFailure(message.getRabbitMetadata(), reason, false, extra);
        CompletableFuture<Void> done = new CompletableFuture<>();
        support.owner().run(() -> {
            Republisher republisher = support.republisher();
            if (republisher.brokerSupportsDelayQueues()) {
                String delayQueue = support.queue() + ".retry." + base;
                try {
                    republisher.declareQueueOnce(delayQueue, Map.of("x-message-ttl", base,
                            "x-dead-letter-exchange", "", "x-dead-letter-routing-key", support.queue()));
                } catch (Exception e) {
                    LOG.retryQueueFailed(support.channel(), delayQueue, e.getMessage(), message.describeId());
                    RequeueFailureHandler.requeueLater(support, message).whenComplete((v, x) -> done.complete(null));
                    return;
                }
                AMQP.BasicProperties timed = copy.builder().expiration(String.valueOf(delay)).build();
                send(message, "", delayQueue, timed, next, delay, done);
            } else {
                // No delay queues here: wait in memory, then put the copy straight back on the queue. The copy loses
                // any expiration, which brokers other than RabbitMQ read as an absolute time.
                AMQP.BasicProperties direct = copy.builder().expiration(null).build();
                support.owner().schedule(() -> send(message, "", support.queue(), direct, next, delay, done), delay);
            }
        });
        return done;
    }

    private void send(IncomingRabbitMQMessage<?> message, String exchange, String routingKey,
            AMQP.BasicProperties props, int attempt, long delay, CompletableFuture<Void> done) {
        support.republisher().publish(exchange, routingKey, props, message.body()).whenComplete((ok, failure) -> {
            if (failure == null) {
                LOG.retrying(support.channel(), message.describeId(), attempt, policy.maxAttempts() - 1, delay);
                message.settleAck().whenComplete((v, e) -> done.complete(null));
            } else {
                LOG.retryFailed(support.channel(), message.describeId(), failure.getMessage());
                RequeueFailureHandler.requeueLater(support, message).whenComplete((v, e) -> done.complete(null));
            }
        });
    }
}
