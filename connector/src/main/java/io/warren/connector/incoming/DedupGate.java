package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledFuture;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.dedup.DeduplicationStore.Claim;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.log.IncomingLog;
import io.warren.connector.observe.ChannelObserver;

/**
 * Asks the deduplication store about each delivery before it goes on, without blocking the channel's thread.
 * <p>
 * Each delivery's claim is sent at once, so a slow store answers many in parallel, but deliveries go on in the order
 * they arrived: one whose answer is pending holds those behind it. A pending delivery stays registered with the ack
 * tracker, so it is in progress (counted at shutdown, never covered by an ack). Then: claimed, or without a
 * message-id, it goes on; processed already, it is acked and dropped; claimed by another consumer, it is put back on
 * the queue after {@code requeue.delay}; no answer (a failed stage, or none within {@code deduplication.timeout}),
 * it goes to the failure strategy. Owner thread only, but for the store's callbacks, which hop to it.
 */
final class DedupGate {

    private static final IncomingLog LOG = IncomingLog.of(DedupGate.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    /** What comes after the gate: conversion and emission. */
    interface Next {
        void accept(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body);
    }

    /** How the gate uses the store. */
    record Settings(String storeName, Duration lease, Duration ttl, long timeoutMs, long deferMs) {
    }

    private final String channel;
    private final String group;
    private final DeduplicationStore store;
    private final Settings settings;
    private final ConfinedExecutor owner;
    private final DeliverySettler settler;
    private final FailureHandler failureHandler;
    private final ChannelObserver observer;
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private Next next;

    /** One delivery waiting for its answer. */
    private final class Pending {
        final int epoch;
        final Envelope envelope;
        final AMQP.BasicProperties properties;
        final byte[] body;
        Claim claim;
        Throwable failure;
        boolean answered;
        boolean dropped;
        ScheduledFuture<?> timer;

        Pending(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            this.epoch = epoch;
            this.envelope = envelope;
            this.properties = properties;
            this.body = body;
        }

        /** Owner thread. The first answer counts: the store's, or the timeout. */
        void answer(Claim c, Throwable t) {
            if (answered) {
                if (c == Claim.CLAIMED && failure != null) {
                    release(properties.getMessageId()); // claimed after all, too late: give the claim back
                }
                return;
            }
            answered = true;
            claim = c;
            failure = t;
            if (timer != null) {
                timer.cancel(false);
            }
            if (dropped) {
                if (c == Claim.CLAIMED) {
                    release(properties.getMessageId()); // the channel was lost: the broker redelivers it
                }
                return;
            }
            drain();
        }
    }

    DedupGate(String channel, String group, DeduplicationStore store, Settings settings, ConfinedExecutor owner,
            DeliverySettler settler, FailureHandler failureHandler, ChannelObserver observer) {
        this.observer = observer;
        this.channel = channel;
        this.group = group;
        this.store = store;
        this.settings = settings;
        this.owner = owner;
        this.settler = settler;
        this.failureHandler = failureHandler;
    }

    /** Where admitted deliveries go. */
    void then(Next after) {
        this.next = after;
    }

    /** Takes a delivery in; it goes on now or once its answer and those before it are in. Owner thread only. */
    void admit(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        String id = properties.getMessageId();
        if (id == null) {
            if (queue.isEmpty()) {
                next.accept(epoch, envelope, properties, body); // nothing to ask, nothing ahead
                return;
            }
            Pending p = new Pending(epoch, envelope, properties, body);
            p.answered = true; // passes, in its turn
            queue.add(p);
            return;
        }
        Pending p = new Pending(epoch, envelope, properties, body);
        queue.add(p);
        CompletableFuture<Claim> answer;
        try {
            answer = store.claim(group, id, settings.lease()).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        if (answer.isDone()) {
            // An in-memory store answers at once: no hop.
            Throwable failure = answer.isCompletedExceptionally() ? cause(answer) : null;
            p.answer(failure == null ? answer.getNow(null) : null, failure);
            return;
        }
        if (settings.timeoutMs() > 0) {
            p.timer = owner.schedule(() -> p.answer(null, MSG.noDeduplicationAnswer(settings.timeoutMs())),
                    settings.timeoutMs());
        }
        answer.whenComplete((c, t) -> owner.execute(() -> p.answer(c, t)));
    }

    private static Throwable cause(CompletableFuture<?> f) {
        try {
            f.join();
            return null;
        } catch (java.util.concurrent.CompletionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (java.util.concurrent.CancellationException e) {
            return e;
        }
    }

    /** Lets through, in order, every delivery at the head whose answer is in. Owner thread. */
    private void drain() {
        while (!queue.isEmpty() && queue.peek().answered) {
            Pending p = queue.poll();
            String id = p.properties.getMessageId();
            if (id == null || (p.failure == null && p.claim == Claim.CLAIMED)) {
                next.accept(p.epoch, p.envelope, p.properties, p.body);
                continue;
            }
            IncomingRabbitMQMessage<Object> m = new IncomingRabbitMQMessage<>(settler, failureHandler,
                    new IncomingRabbitMQMetadata(channel, p.envelope, p.properties), null, p.body, p.epoch, observer);
            if (p.failure != null || p.claim == null) {
                String reason = p.failure == null ? "the store answered nothing" : describe(p.failure);
                m.nack(new DeduplicationStoreException(channel, id, settings.storeName(), reason));
            } else if (p.claim == Claim.PROCESSED) {
                LOG.duplicateAcked(channel, id);
                observer.deduplicated(m);
                m.settleAck();
            } else {
                // Another consumer is processing the same id: look again once it is done (or its claim lapsed).
                if (LOG.isDebugEnabled()) { // per message: no boxing unless it is logged
                    LOG.processedElsewhere(channel, id, settings.deferMs());
                }
                owner.schedule(() -> m.settleReject(true), settings.deferMs());
            }
        }
    }

    private static String describe(Throwable t) {
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.replace('\n', ' '));
    }

    /** Records a processed message in the store; the ack waits for it. Any thread. */
    CompletionStage<Void> processed(IncomingRabbitMQMessage<?> message) {
        String id = message.getRabbitMetadata().getMessageId().orElse(null);
        if (id == null) {
            return DONE;
        }
        try {
            return store.markProcessed(group, id, settings.ttl()).exceptionally(t -> {
                // Processed, and acked anyway: a redelivery would process it again. A later copy may too, once
                // the claim's lease has lapsed.
                LOG.dedupNotRecorded(channel, id, settings.storeName(), describe(t));
                return null;
            });
        } catch (RuntimeException e) {
            LOG.dedupNotRecorded(channel, id, settings.storeName(), describe(e));
            return DONE;
        }
    }

    /** Gives the claim of a failed message back, so that a redelivery is processed. Any thread. */
    void failed(IncomingRabbitMQMessage<?> message) {
        message.getRabbitMetadata().getMessageId().ifPresent(this::release);
    }

    private void release(String id) {
        try {
            store.release(group, id).exceptionally(t -> {
                LOG.claimLapses(channel, id, describe(t), settings.lease());
                return null;
            });
        } catch (RuntimeException e) {
            LOG.claimNotReleased(channel, id, describe(e));
        }
    }

    /** Forgets the deliveries of a channel that was lost: the broker delivers them again. Owner thread. */
    void clear() {
        for (Pending p : queue) {
            p.dropped = true;
            if (p.timer != null) {
                p.timer.cancel(false);
            }
        }
        queue.clear();
    }

    /** How many deliveries wait for an answer or their turn; for tests. */
    int waiting() {
        return queue.size();
    }
}
