package io.warren.connector.incoming;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JavaType;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.ChannelNames;
import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.ack.AckTracker;
import io.warren.connector.connection.AmqpErrors;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConnectionListener;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionRole;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.connection.Recovery;
import io.warren.connector.connection.SharedConnection;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureSupport;
import io.warren.connector.fault.Republisher;
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ObservedChannel;

/**
 * One incoming channel: one AMQP channel and one consumer, owned by one thread.
 * <p>
 * The connection's I/O thread only hands deliveries over (see {@code InlineDispatch}). The owning thread converts
 * them and emits them into the stream; acks and nacks from any thread are sent back to it. The broker never sends
 * more than the prefetch, so the stream's buffer stays bounded.
 */
public final class IncomingChannel implements ConnectionListener, DeliverySettler {

    private static final Logger LOG = Logger.getLogger(IncomingChannel.class);

    private final WarrenConnectorIncomingConfiguration cfg;
    private final String name;
    private final QueueTopology topology;
    private final FailureHandler failureHandler;
    private final ConfinedExecutor owner;
    private final AckTracker tracker;
    private final ChannelHealth health;
    private final UnicastProcessor<Message<?>> processor = UnicastProcessor.create();
    private final DeliveryPipeline pipeline;
    private final DeduplicationStore dedup;
    private final String group;
    private final ConnectionManager connections;
    private final SharedConnection shared;
    private final Republisher republisher;
    private final SharedConnection republishConnection;
    private final Map<String, Object> consumerArguments;
    private final PayloadCodec codec;
    private final long retryDelayMs;
    private final ChannelObserver observer;
    private Channel channel;
    private String consumerTag;
    private volatile boolean stopping;

    public IncomingChannel(WarrenConnectorIncomingConfiguration cfg, IncomingServices services) {
        this.cfg = cfg;
        this.name = cfg.getChannel();
        this.group = ChannelNames.base(name);
        this.topology = new QueueTopology(cfg, group);
        this.owner = new ConfinedExecutor(name);
        // Half the prefetch at most, so that the broker always has room to send more while acks are pending.
        int prefetch = cfg.getMaxOutstandingMessages();
        int ackBatch = prefetch > 0 ? Math.min(cfg.getAckBatchSize(), Math.max(1, prefetch / 2)) : cfg.getAckBatchSize();
        this.tracker = new AckTracker(name, owner, ackBatch, cfg.getAckFlushInterval());
        this.health = new ChannelHealth(name, cfg.getHealthEnabled(), cfg.getHealthReadinessEnabled());
        this.connections = services.connections();
        ConnectionSettings settings = ConnectionSettings.from(cfg);
        this.retryDelayMs = Math.max(100, settings.recoveryIntervalMs());
        this.consumerArguments = cfg.getStreamOffset()
                .map(o -> Map.<String, Object> of("x-stream-offset", StreamOffset.parse(name, o)))
                .orElse(Map.of());
        String strategy = cfg.getFailureStrategy();
        // Also used to send error replies to requests (RPC), so every channel has one; it opens on first use.
        this.republisher = new Republisher(name, owner);
        this.failureHandler = services.failureHandlers().get(strategy,
                new FailureSupport(name, topology.queue, cfg, owner, republisher));
        this.dedup = cfg.getDeduplication() ? services.dedupStores().get(cfg.getDeduplicationStore(), group,
                cfg.getDeduplicationMaxSize(), cfg.getDeduplicationTtl()) : null;
        if (cfg.getDeduplication() && dedup == null) {
            throw new IllegalArgumentException("Channel '" + name + "': no deduplication store named '"
                    + cfg.getDeduplicationStore() + "'; use 'memory' or the @Identifier of a DeduplicationStore bean");
        }
        this.codec = services.codec();
        JavaType payloadType = cfg.getPayloadType()
                .map(t -> services.codec().resolve(t, Thread.currentThread().getContextClassLoader()))
                .orElse(null);
        if (cfg.getBatch() && payloadType != null && java.util.List.class.isAssignableFrom(payloadType.getRawClass())) {
            payloadType = payloadType.getContentType(); // a batch method declares List<T>; each body is a T
        }
        this.observer = services.observers().observe(ObservedChannel.incoming(name, topology.queue, topology.exchange,
                strategy, prefetch, cfg.getTracingEnabled()));
        this.pipeline = new DeliveryPipeline(name, group, this, failureHandler, services.codec(), payloadType, dedup,
                new DeliveryPipeline.Batching(cfg.getBatch(), Math.max(1, cfg.getBatchSize()),
                        Math.max(1, cfg.getBatchTimeout())),
                owner, processor, observer);
        this.shared = connections.acquire(settings, ConnectionRole.CONSUMER, this);
        this.republishConnection = connections.acquire(settings, ConnectionRole.PUBLISHER, republisher);
    }

    /** The stream of messages handed to SmallRye. */
    public Flow.Publisher<Message<?>> publisher() {
        return Multi.createFrom().publisher(processor)
                .onCancellation().invoke(this::stopConsuming);
    }

    public ChannelHealth health() {
        return health;
    }

    @Override
    public String channelName() {
        return name;
    }

    /** How many acks frames were sent and how many deliveries they covered; for tests. */
    public long[] ackStats() {
        return new long[] { tracker.ackFrames(), tracker.acked() };
    }

    // ---- connection events (client threads): hand over to the owner ----

    @Override
    public void connected(Connection connection) {
        owner.execute(() -> open(connection));
    }

    @Override
    public void disconnected(String reason) {
        health.down(reason);
        observer.connectionDown(reason);
    }

    // ---- owner thread ----

    private void open(Connection connection) {
        if (stopping) {
            return;
        }
        String unsupported = topology.checkBroker(BrokerCapabilities.of(connection), name, !consumerArguments.isEmpty());
        if (unsupported != null) {
            // Retrying cannot help: the broker lacks the feature. Health says why.
            LOG.errorf("Channel '%s': %s; not consuming from queue '%s'", name, unsupported, topology.queue);
            health.down(unsupported);
            return;
        }
        try {
            Channel ch = connection.createChannel();
            ch.addShutdownListener(cause -> owner.execute(() -> channelShutdown(ch, cause)));
            Recovery.onRecovered(ch, owner, this::recovered);
            channel = ch;
            ch.basicQos(cfg.getMaxOutstandingMessages());
            topology.declare(ch);
            tracker.reset(ch);
            pipeline.dropPartialBatch();
            consumerTag = ch.basicConsume(topology.queue, false, "", false, false, consumerArguments,
                    new Deliveries(ch));
            health.up();
            observer.connectionUp();
            LOG.debugf("Channel '%s': consuming from queue '%s'", name, topology.queue);
        } catch (IOException | RuntimeException e) {
            String reason = "cannot consume from queue '" + topology.queue + "': " + AmqpErrors.reason(e);
            LOG.errorf("Channel '%s': %s; retrying in %d ms", name, reason, retryDelayMs);
            health.down(reason);
            closeChannelQuietly();
            owner.schedule(() -> open(connection), retryDelayMs);
        }
    }

    private void recovered() {
        pipeline.dropPartialBatch();
        tracker.reset(channel);
        health.up();
        observer.connectionRecovered();
        LOG.infof("Channel '%s': consumer recovered on queue '%s'", name, topology.queue);
    }

    private void channelShutdown(Channel closed, ShutdownSignalException cause) {
        if (stopping || cause.isInitiatedByApplication() || closed != channel) {
            return; // ours, or a channel already replaced (say, one closed by a failed declare)
        }
        if (cause.isHardError()) {
            // The connection is gone; the client recovers it, and this channel with it.
            health.down("connection lost");
            return;
        }
        // A channel-level error is not recovered by the client: open a new channel ourselves.
        String reason = AmqpErrors.reason(cause);
        health.down("channel closed by the broker: " + reason);
        LOG.warnf("Channel '%s': the broker closed the AMQP channel (%s); reopening", name, reason);
        owner.schedule(() -> reopen(), Math.min(retryDelayMs, 1000));
    }

    private void reopen() {
        if (stopping || (channel != null && channel.isOpen())) {
            return;
        }
        Connection c = channel == null ? null : channel.getConnection();
        if (c != null && c.isOpen()) {
            open(c);
        }
    }

    private final class Deliveries extends DefaultConsumer {
        Deliveries(Channel ch) {
            super(ch);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            Delivery d = new Delivery(getChannel(), envelope, properties, body);
            owner.execute(() -> deliver(d));
        }

        @Override
        public void handleCancel(String tag) {
            // The queue was deleted or the broker cancelled us: declare again and resume.
            LOG.warnf("Channel '%s': the broker cancelled the consumer on queue '%s'; resubscribing", name,
                    topology.queue);
            health.down("consumer cancelled by the broker");
            owner.schedule(() -> {
                closeChannelQuietly();
                reopen();
            }, Math.min(retryDelayMs, 1000));
        }
    }

    /** A delivery on its way from the connection's I/O thread to the channel's thread. */
    private record Delivery(Channel from, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
    }

    private void deliver(Delivery d) {
        if (stopping) {
            return; // not processed: closing the channel returns it to the queue
        }
        if (d.from() != channel) {
            // From a channel since replaced: its tag means another message on the new channel, and the broker
            // delivers this one again anyway.
            return;
        }
        tracker.register(d.envelope().getDeliveryTag());
        pipeline.deliver(tracker.epoch(), d.envelope(), d.properties(), d.body());
    }

    // ---- settlement: any thread ----

    @Override
    public CompletableFuture<Void> ack(int epoch, long tag) {
        owner.run(() -> tracker.ack(epoch, tag));
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> reject(int epoch, long tag, boolean requeue) {
        if (topology.stream && !requeue) {
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
                        LOG.warnf("Channel '%s': could not send the error reply to %s for message %s: %s", name,
                                replyTo, message.describeId(), failure.getMessage());
                    }
                }));
    }

    @Override
    public void processed(IncomingRabbitMQMessage<?> message) {
        if (dedup != null) {
            message.getRabbitMetadata().getMessageId().ifPresent(id -> dedup.markProcessed(group, id));
        }
    }

    @Override
    public void fail(int epoch, long tag, Throwable reason) {
        owner.run(() -> {
            tracker.nack(epoch, tag, true);
            health.failed(reason);
            LOG.errorf("Channel '%s': failure-strategy 'fail': stopping the stream: %s", name, reason);
            stopping = true;
            cancelConsumer();
            processor.onError(reason);
        });
    }

    // ---- shutdown ----

    /** Cancels the consumer so that no new deliveries arrive; messages in flight go on. */
    public void stopConsuming() {
        if (!stopping) {
            stopping = true;
            owner.execute(this::cancelConsumer);
        }
    }

    private void cancelConsumer() {
        if (channel != null && channel.isOpen() && consumerTag != null) {
            try {
                channel.basicCancel(consumerTag);
            } catch (IOException | RuntimeException e) {
                LOG.debugf(e, "Channel '%s': cancel failed", name);
            }
        }
        consumerTag = null;
    }

    /** Waits for in-flight messages (up to {@code shutdown-timeout}), flushes acks, closes the AMQP channel. */
    public void close() {
        stopConsuming();
        owner.callOnOwner(pipeline::flushBatch, 2000);
        if (!owner.awaitOnOwner(() -> tracker.inProgress() == 0, cfg.getShutdownTimeout())) {
            LOG.warnf("Channel '%s': messages still in flight after shutdown-timeout; the broker redelivers them",
                    name);
        }
        owner.callOnOwner(() -> {
            tracker.flush();
            closeChannelQuietly();
            republisher.close();
            processor.onComplete();
        }, 2000);
        owner.shutdown(1000);
        connections.release(shared, this);
        connections.release(republishConnection, republisher);
        health.down("closed");
    }

    private void closeChannelQuietly() {
        Channel ch = channel;
        if (ch != null && ch.isOpen()) {
            try {
                ch.close();
            } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                LOG.debugf(e, "Channel '%s': error while closing the AMQP channel", name);
            }
        }
    }
}
