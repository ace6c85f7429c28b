package io.warren.connector.stream;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.ConsumerFlowStrategy;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageHandler;
import com.rabbitmq.stream.OffsetSpecification;

import io.warren.connector.connection.ConfinedExecutor;

/**
 * One stream-client consumer on one stream (or partition), from the offset after the last committed one, with the
 * {@link OffsetCommitter} that commits what the application processed. A new one is made each time the channel
 * (re)takes the stream; its epoch tells its messages from those of an earlier one.
 */
final class PartitionConsumer {

    /** A message on its way from the client's thread to the channel's, and kept until it is processed. */
    record Delivery(PartitionConsumer from, MessageHandler.Context context, Message message, int attempt) {
    }

    /** Receives the deliveries, on the channel's thread. */
    interface Sink {
        void deliver(Delivery delivery);
    }

    final int epoch;
    final String stream;
    final OffsetCommitter committer;
    private Consumer consumer;

    PartitionConsumer(int epoch, String stream, ConfinedExecutor owner, Environment env, String consumerName,
            int commitBatch, long commitIntervalMs) {
        this.epoch = epoch;
        this.stream = stream;
        this.committer = new OffsetCommitter(owner, offset -> store(env, consumerName, offset),
                commitBatch, commitIntervalMs);
    }

    /*
     * The consumer's store() sends the offset and returns. The environment's storeOffset() waits, polling, until the
     * broker reports the offset stored: on the channel's thread that held every commit, and W5's consume ran at
     * 4.7k msg/s (37k over AMQP 0-9-1). The environment's is left for commits after the consumer is closed (the last
     * flush of a channel that stops), where waiting for the broker is what is wanted.
     */
    private void store(Environment env, String consumerName, long offset) {
        Consumer open = consumer;
        if (open != null) {
            try {
                open.store(offset);
                return;
            } catch (IllegalStateException closed) {
                // closed by the client meanwhile: store it through the environment
            }
        }
        env.storeOffset(consumerName, stream, offset);
    }

    /**
     * Subscribes. Blocks for the round trips of the subscription: call it on the channel's thread, never on a
     * client thread.
     */
    void open(Environment env, String consumerName, OffsetSpecification initial,
            int credits, ConfinedExecutor owner, Sink sink) {
        consumer = env.consumerBuilder().stream(stream).name(consumerName)
                // The client starts after the offset stored under the name, and at this one when none is stored.
                .offset(initial)
                .manualTrackingStrategy().builder()
                // Credits come back as the application processes messages, so memory stays bounded like a prefetch.
                .flow().strategy(ConsumerFlowStrategy.creditWhenHalfMessagesProcessed(Math.max(1, credits))).builder()
                .subscriptionListener(ctx -> {
                    // After a connection loss the client reads again from the committed offset; what came after
                    // is still in flight here, so go on after it instead.
                    long last = committer.lastRegistered();
                    if (last >= 0) {
                        ctx.offsetSpecification(OffsetSpecification.offset(last + 1));
                    }
                })
                .messageHandler((ctx, m) -> owner.execute(() -> sink.deliver(new Delivery(this, ctx, m, 0))))
                .build();
    }

    /** Stops the deliveries; messages already handed over are still processed and committed. */
    void close() {
        if (consumer != null) {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                // already closed by the client
            }
            consumer = null;
        }
    }
}
