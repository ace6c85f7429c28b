package io.warren.connector.stream;

import com.rabbitmq.stream.Consumer;
import com.rabbitmq.stream.ConsumerFlowStrategy;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Message;
import com.rabbitmq.stream.MessageHandler;
import com.rabbitmq.stream.OffsetSpecification;
import com.rabbitmq.stream.impl.Client;

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
        this.committer = new OffsetCommitter(owner, offset -> env.storeOffset(consumerName, stream, offset),
                commitBatch, commitIntervalMs);
    }

    /**
     * Subscribes. Blocks for the round trips of the subscription: call it on the channel's thread, never on a
     * client thread.
     */
    void open(Environment env, StreamEnvironments.Key broker, String consumerName, OffsetSpecification initial,
            int credits, ConfinedExecutor owner, Sink sink) {
        consumer = env.consumerBuilder().stream(stream).name(consumerName)
                .offset(start(broker, consumerName, initial))
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

    /**
     * Where to start: after the stored offset, or the configured start when none is stored. stream-client does
     * the same lookup but reads a stored offset of 0 as none, which would skip what came after the first message.
     */
    private OffsetSpecification start(StreamEnvironments.Key broker, String consumerName, OffsetSpecification initial) {
        Client client = new Client(new Client.ClientParameters().host(broker.host()).port(broker.port())
                .username(broker.username()).password(broker.password()).virtualHost(broker.virtualHost()));
        try {
            Client.QueryOffsetResponse r = client.queryOffset(consumerName, stream);
            return r.isOk() ? OffsetSpecification.offset(r.getOffset() + 1) : initial;
        } finally {
            client.close();
        }
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
