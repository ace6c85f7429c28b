package io.warren.connector.incoming;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

import io.warren.connector.ack.AckTracker;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.fault.Republisher;
import io.warren.connector.log.IncomingLog;

/**
 * How the messages of one incoming channel are settled on the broker, from whatever thread the application acks or
 * nacks them: every settlement hops to the channel's thread, where the ack tracker sends it.
 */
final class IncomingSettler implements DeliverySettler {

    private static final IncomingLog LOG = IncomingLog.of(IncomingSettler.class);

    private final String name;
    private final ConfinedExecutor owner;
    private final AckTracker tracker;
    private final boolean stream;
    private final Republisher republisher;
    private final PayloadCodec codec;
    private final Consumer<Throwable> failChannel;
    private DedupGate gate;

    /**
     * @param stream whether the queue is a stream, where a reject is settled as an ack
     * @param failChannel stops the channel for good (strategy {@code fail}); runs on the channel's thread
     */
    IncomingSettler(String name, ConfinedExecutor owner, AckTracker tracker, boolean stream, Republisher republisher,
            PayloadCodec codec, Consumer<Throwable> failChannel) {
        this.name = name;
        this.owner = owner;
        this.tracker = tracker;
        this.stream = stream;
        this.republisher = republisher;
        this.codec = codec;
        this.failChannel = failChannel;
    }

    /** The deduplication gate, or null; set once, before the first delivery. */
    void gate(DedupGate gate) {
        this.gate = gate;
    }

    @Override
    public String channelName() {
        return name;
    }

    @Override
    public CompletableFuture<Void> ack(int epoch, long tag) {
        if (owner.inOwner()) {
            tracker.ack(epoch, tag); // a handler on the channel's thread: no task, no allocation
        } else {
            owner.execute(() -> tracker.ack(epoch, tag));
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> reject(int epoch, long tag, boolean requeue) {
        if (stream && !requeue) {
            // A stream keeps every message whatever the consumer says, and RabbitMQ answers a nack on a stream by
            // closing the connection: rejecting there means moving on, which an ack does.
            owner.run(() -> tracker.ack(epoch, tag));
            return CompletableFuture.completedFuture(null);
        }
        owner.run(() -> tracker.nack(epoch, tag, requeue));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void replyWithError(IncomingRabbitMQMessage<?> message, Throwable reason) {
        String replyTo = message.getRabbitMetadata().getReplyTo().orElseThrow();
        owner.run(() -> republisher.publish("", replyTo, ErrorReplies.properties(message, reason),
                ErrorReplies.body(codec, reason)).whenComplete((ok, failure) -> {
                    if (failure != null) {
                        LOG.errorReplyFailed(name, replyTo, message.describeId(), failure.getMessage());
                    }
                }));
    }

    @Override
    public CompletionStage<Void> processed(IncomingRabbitMQMessage<?> message) {
        return gate == null ? DedupSettings.DONE : gate.processed(message);
    }

    @Override
    public void failed(IncomingRabbitMQMessage<?> message) {
        if (gate != null) {
            gate.failed(message);
        }
    }

    @Override
    public void fail(int epoch, long tag, Throwable reason) {
        owner.run(() -> {
            tracker.nack(epoch, tag, true);
            failChannel.accept(reason);
        });
    }
}
