package io.warren.connector.stream;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JavaType;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.OffsetSpecification;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.ChannelNames;
import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionRole;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.connection.SharedConnection;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.incoming.DeliverySettler;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.incoming.IncomingServices;
import io.warren.connector.log.StreamLog;

/**
 * An incoming channel on RabbitMQ's stream protocol ({@code stream.protocol=native}): reads a stream, or every
 * partition of a super stream, and commits the offset of processed messages to the broker under the consumer name.
 * <p>
 * The client's threads only hand messages over; the channel's own thread converts them, emits them, and commits.
 * A message is settled by committing past it: an ack when processed, and its failure strategy when it failed
 * (skipped with a log record, dead-lettered, or processed again; a stream never takes a message back). With
 * {@code stream.single-active-consumer}, {@link PartitionLocks} decides which streams this instance reads;
 * {@link StreamDeliveries} turns each delivery into the application's message.
 */
public final class StreamIncomingChannel implements DeliverySettler, PartitionLocks.Holder {

    private static final StreamLog LOG = StreamLog.of(StreamIncomingChannel.class);

    private final WarrenConnectorIncomingConfiguration cfg;
    private final String name;
    private final String group;
    private final String consumerName;
    private final StreamTopology topology;
    private final ConfinedExecutor owner;
    private final ChannelHealth health;
    private final UnicastProcessor<Message<?>> processor = UnicastProcessor.create();
    private final StreamEnvironments environments;
    private final StreamEnvironments.Key broker;
    private final Environment env;
    private final StreamFailures failures;
    private final StreamDeliveries deliveries;
    private final OffsetSpecification initialOffset;
    private final PartitionLocks locks;
    private final ConnectionManager connections;
    private SharedConnection lockConnection;
    private final long retryDelayMs;
    private final Map<Integer, PartitionConsumer> partitions = new HashMap<>();
    private final Map<String, PartitionConsumer> byStream = new HashMap<>();
    private int epochs;
    private volatile boolean stopping;

    StreamIncomingChannel(WarrenConnectorIncomingConfiguration cfg, IncomingServices services,
            StreamEnvironments environments) {
        this.cfg = cfg;
        this.name = cfg.getChannel();
        this.group = ChannelNames.base(name);
        this.consumerName = cfg.getStreamConsumerName().orElse(group);
        this.topology = new StreamTopology(cfg, cfg.getStreamName().or(cfg::getQueueName).orElse(group));
        this.owner = new ConfinedExecutor(name);
        this.health = new ChannelHealth(name, cfg.getHealthEnabled(), cfg.getHealthReadinessEnabled());
        PayloadCodec codec = services.codec();
        JavaType payloadType = cfg.getPayloadType()
                .map(t -> codec.resolve(t, Thread.currentThread().getContextClassLoader())).orElse(null);
        this.environments = environments;
        this.broker = StreamSettings.key(cfg);
        this.env = environments.acquire(broker);
        this.retryDelayMs = Math.max(100, cfg.getNetworkRecoveryInterval());
        // From the start of the stream when nothing is stored yet. stream-client reads a stored offset of 0 as none
        // (RabbitMQ 3.10 answers 0 for a name it does not know), so a consumer whose only commit is the first message
        // starts here again: from the first message, that is one duplicate rather than a gap.
        this.initialOffset = cfg.getStreamOffset().map(o -> StreamSettings.offset(name, o))
                .orElse(OffsetSpecification.first());
        this.failures = new StreamFailures(cfg, services, topology, owner, env);
        this.deliveries = new StreamDeliveries(name, topology, consumerName, codec, payloadType, this,
                failures.handler(), processor);
        this.locks = cfg.getStreamSingleActiveConsumer()
                ? new PartitionLocks(name, consumerName, topology.streams(), owner, this)
                : null;
        this.connections = services.connections();
        owner.execute(this::start);
    }

    Flow.Publisher<Message<?>> publisher() {
        return Multi.createFrom().publisher(processor).onCancellation().invoke(this::stopConsuming);
    }

    public ChannelHealth health() {
        return health;
    }

    /** The streams this channel reads now; for tests and tooling. */
    public List<String> readingStreams() {
        CompletableFuture<List<String>> keys = new CompletableFuture<>();
        owner.execute(() -> keys.complete(List.copyOf(byStream.keySet())));
        return keys.join();
    }

    /** The offset last committed on a stream by this channel, or -1; for tests. */
    public long committed(String stream) {
        CompletableFuture<Long> c = new CompletableFuture<>();
        owner.execute(() -> c.complete(byStream.containsKey(stream) ? byStream.get(stream).committer.committed() : -1));
        return c.join();
    }

    @Override
    public String channelName() {
        return name;
    }

    // ---- start-up, on the owner thread ----

    private void start() {
        if (stopping) {
            return;
        }
        try {
            topology.declare(env);
            failures.declare();
            if (locks != null) {
                if (lockConnection == null) {
                    lockConnection = connections.acquire(ConnectionSettings.from(cfg), ConnectionRole.CONSUMER, locks);
                }
            } else {
                topology.streams().forEach(this::acquired);
            }
            health.up();
        } catch (Exception e) {
            String reason = "cannot read stream '" + topology.name + "': " + StreamSettings.describe(e);
            LOG.retrying(name, reason, retryDelayMs);
            health.down(reason);
            byStream.values().forEach(PartitionConsumer::close);
            byStream.clear();
            partitions.clear();
            owner.schedule(this::start, retryDelayMs);
        }
    }

    @Override
    public void acquired(String stream) {
        if (stopping || byStream.containsKey(stream)) {
            return;
        }
        PartitionConsumer p = new PartitionConsumer(++epochs, stream, owner, env, consumerName,
                cfg.getStreamCommitBatchSize(), cfg.getStreamCommitInterval());
        p.open(env, consumerName, initialOffset, cfg.getStreamCredits(), owner, this::deliver);
        partitions.put(p.epoch, p);
        byStream.put(stream, p);
        LOG.reading(name, stream, consumerName);
    }

    @Override
    public void lost(String stream) {
        PartitionConsumer p = byStream.remove(stream);
        if (p != null) {
            p.close();
            // What is processed is committed; the rest is read again by the instance that takes the stream over.
            p.committer.retire();
            partitions.remove(p.epoch);
        }
    }

    // ---- deliveries, on the owner thread ----

    private void deliver(PartitionConsumer.Delivery d) {
        if (stopping || partitions.get(d.from().epoch) != d.from()) {
            return; // not processed, so not committed: read again by whoever reads the stream next
        }
        if (!d.from().committer.register(d.context().offset(), d)) {
            d.context().processed(); // already in flight since before a reconnection
            return;
        }
        deliveries.emit(d);
    }

    // ---- settlement: any thread ----

    @Override
    public CompletableFuture<Void> ack(int epoch, long offset) {
        owner.run(() -> settle(epoch, offset));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> reject(int epoch, long offset, boolean requeue) {
        owner.run(() -> {
            PartitionConsumer p = partitions.get(epoch);
            if (p == null) {
                return;
            }
            if (requeue) {
                // A stream never takes a message back: process it again, still uncommitted.
                Object a = p.committer.attachment(offset);
                if (a instanceof PartitionConsumer.Delivery d && !stopping) {
                    PartitionConsumer.Delivery again = new PartitionConsumer.Delivery(p, d.context(), d.message(),
                            d.attempt() + 1);
                    p.committer.attach(offset, again);
                    deliveries.emit(again);
                }
                return;
            }
            LOG.skipped(name, offset, p.stream, cfg.getFailureStrategy());
            settle(epoch, offset);
        });
        return CompletableFuture.completedFuture(null);
    }

    private void settle(int epoch, long offset) {
        PartitionConsumer p = partitions.get(epoch);
        if (p != null && p.committer.processed(offset) instanceof PartitionConsumer.Delivery d) {
            d.context().processed();
        }
    }

    @Override
    public void fail(int epoch, long offset, Throwable reason) {
        owner.run(() -> {
            health.failed(reason);
            LOG.failStopping(name, offset, reason);
            stopping = true;
            partitions.values().forEach(PartitionConsumer::close);
            processor.onError(reason);
        });
    }

    @Override
    public void replyWithError(IncomingRabbitMQMessage<?> message, Throwable reason) {
        LOG.noErrorReply(name, message.describeId());
    }

    @Override
    public java.util.concurrent.CompletionStage<Void> processed(IncomingRabbitMQMessage<?> message) {
        return java.util.concurrent.CompletableFuture.completedFuture(null); // the committed offset is the record
    }

    @Override
    public void failed(IncomingRabbitMQMessage<?> message) {
        // nothing to release: no deduplication claims on streams
    }

    // ---- shutdown ----

    /** Stops reading; messages in flight go on. */
    public void stopConsuming() {
        if (!stopping) {
            stopping = true;
            owner.execute(() -> partitions.values().forEach(PartitionConsumer::close));
        }
    }

    /** Waits for in-flight messages (up to {@code shutdown-timeout}), commits them, gives the streams up. */
    public void close() {
        stopConsuming();
        if (!owner.awaitOnOwner(() -> partitions.values().stream().allMatch(p -> p.committer.inProgress() == 0),
                cfg.getShutdownTimeout())) {
            LOG.inFlightAtShutdown(name);
        }
        owner.callOnOwner(() -> {
            partitions.values().forEach(p -> p.committer.retire());
            if (locks != null) {
                locks.close();
            }
            failures.close();
            if (lockConnection != null) {
                connections.release(lockConnection, locks);
            }
            processor.onComplete();
        }, 2000);
        owner.shutdown(1000);
        environments.release(broker);
        health.down("closed");
    }

}
