package io.warren.connector.incoming;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JavaType;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.ChannelNames;
import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.ack.AckTracker;
import io.warren.connector.arguments.BrokerArguments;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionRole;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.connection.OwnedChannel;
import io.warren.connector.connection.SharedConnection;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureSupport;
import io.warren.connector.fault.Republisher;
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.log.IncomingLog;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ObservedChannel;

/**
 * One incoming channel: one AMQP channel and one consumer, owned by one thread.
 * <p>
 * The connection's I/O thread only hands deliveries over (see {@code InlineDispatch}). The owning thread converts
 * them and emits them into the stream; acks and nacks from any thread are sent back to it. The broker never sends
 * more than the prefetch, so the stream's buffer stays bounded. The channel is ready (health UP) only while its
 * consumer is registered on the broker.
 */
public final class IncomingChannel implements OwnedChannel.User {

    private static final IncomingLog LOG = IncomingLog.of(IncomingChannel.class);

    private final WarrenConnectorIncomingConfiguration cfg;
    private final String name;
    private final QueueTopology topology;
    private final DeadLetterTopology deadLetters;
    private final ConfinedExecutor owner;
    private final AckTracker tracker;
    private final ChannelHealth health;
    private final UnicastProcessor<Message<?>> processor = UnicastProcessor.create();
    private final DeliveryPipeline pipeline;
    private final String group;
    private final ConnectionManager connections;
    private final OwnedChannel owned;
    private final SharedConnection shared;
    private final Republisher republisher;
    private final BrokerArguments.Consumer consumer;
    private final PayloadCodec codec;
    private String consumerTag;
    private boolean brokerChecked;
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
        this.tracker = new AckTracker(name, owner, ackBatch, cfg.getAckFlushInterval(), prefetch);
        this.health = new ChannelHealth(name, cfg.getHealthEnabled(), cfg.getHealthReadinessEnabled());
        this.connections = services.connections();
        ConnectionSettings settings = ConnectionSettings.from(cfg);
        this.consumer = BrokerArguments.consumer(cfg.config(), cfg.getStreamOffset()
                .map(o -> Map.<String, Object> of("x-stream-offset", StreamOffset.parse(name, o)))
                .orElse(Map.of()));
        this.deadLetters = new DeadLetterTopology(name, cfg, topology.deadLetters, owner, health,
                settings.recoveryIntervalMs());
        // Also used to send error replies to requests (RPC), so every channel has one; it opens on first use.
        this.republisher = new Republisher(name, owner, connections, settings);
        FailureHandler failureHandler = services.failureHandlers().get(cfg.getFailureStrategy(),
                new FailureSupport(name, topology.queue, cfg, owner, republisher));
        DeduplicationStore dedup = services.dedupStore(cfg, group);
        this.codec = services.codec();
        JavaType payloadType = services.payloadType(cfg);
        IncomingSettler settler = new IncomingSettler(name, owner, tracker, topology.stream, republisher, codec,
                this::failed);
        ChannelObserver observer = services.observers().observe(ObservedChannel.incoming(name, topology.queue,
                topology.exchange, cfg.getFailureStrategy(), prefetch, cfg.getTracingEnabled()));
        DedupGate dedupGate = dedup == null ? null
                : new DedupGate(name, group, dedup, DedupSettings.of(cfg), owner, settler, failureHandler, observer);
        settler.gate(dedupGate);
        this.pipeline = new DeliveryPipeline(name, group, settler, failureHandler, codec, payloadType, dedupGate,
                new DeliveryPipeline.Batching(cfg.getBatch(), Math.max(1, cfg.getBatchSize()),
                        Math.max(1, cfg.getBatchTimeout())),
                owner, processor, cfg.getRequeueDelay(), observer);
        this.owned = new OwnedChannel(name, "consume from queue '" + topology.queue + "'", owner, health, false,
                settings.recoveryIntervalMs()).user(this).observe(observer);
        this.shared = connections.acquire(settings, ConnectionRole.CONSUMER, owned);
    }

    /** The stream of messages handed to SmallRye. */
    public Flow.Publisher<Message<?>> publisher() {
        return Multi.createFrom().publisher(processor)
                .onCancellation().invoke(this::stopConsuming);
    }

    public ChannelHealth health() {
        return health;
    }

    /** How many acks frames were sent and how many deliveries they covered; for tests. */
    public long[] ackStats() {
        return new long[] { tracker.ackFrames(), tracker.acked() };
    }

    /** How many times the AMQP channel was opened, or tried to be; for tests. */
    public long openAttempts() {
        CompletableFuture<Long> n = new CompletableFuture<>();
        owner.execute(() -> n.complete(owned.attempts()));
        return n.join();
    }

    // ---- the AMQP channel's life (owner thread) ----

    @Override
    public void setUp(Channel ch) throws IOException {
        BrokerCapabilities broker = BrokerCapabilities.of(ch.getConnection());
        if (!brokerChecked) {
            String unsupported = topology.checkBroker(broker, name,
                    consumer.arguments().containsKey("x-stream-offset"));
            if (unsupported != null) {
                // Retrying cannot help, but the broker may be replaced: health says why meanwhile.
                throw new BrokerCapabilities.UnsupportedFeatureException(unsupported);
            }
            brokerChecked = true;
        }
        deadLetters.declare(ch.getConnection());
        ch.basicQos(cfg.getMaxOutstandingMessages());
        topology.declare(ch);
        tracker.reset(ch);
        pipeline.dropPartialBatch();
        // Returns once the broker has answered basic.consume-ok: the consumer is registered.
        consumerTag = ch.basicConsume(topology.queue, false, consumer.tag(), false, consumer.exclusive(),
                consumer.arguments(), new Deliveries(ch));
    }

    @Override
    public void opened(Channel ch) {
        LOG.consuming(name, topology.queue);
    }

    @Override
    public void lost(Channel ch, String reason, boolean connectionLost) {
        // The broker requeues what this channel had not settled; settlements arriving later are ignored.
        consumerTag = null;
        tracker.reset(null);
        pipeline.dropPartialBatch();
    }

    private final class Deliveries extends DefaultConsumer {
        Deliveries(Channel ch) {
            super(ch);
        }

        @Override
        public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            owner.execute(new Delivery(getChannel(), envelope, properties, body));
        }

        @Override
        public void handleCancel(String tag) {
            // The queue was deleted or the broker cancelled us: set up again (declaring the queue) and resume.
            Channel from = getChannel();
            owner.execute(() -> {
                if (from == owned.current() && !stopping) {
                    LOG.consumerCancelled(name, topology.queue);
                    owned.reopen("the broker cancelled the consumer on queue '" + topology.queue + "'");
                }
            });
        }
    }

    /** A delivery on its way from the connection's I/O thread to the channel's thread. */
    private final class Delivery implements Runnable {
        private final Channel from;
        private final Envelope envelope;
        private final AMQP.BasicProperties properties;
        private final byte[] body;

        Delivery(Channel from, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
            this.from = from;
            this.envelope = envelope;
            this.properties = properties;
            this.body = body;
        }

        @Override
        public void run() {
            deliver(this);
        }
    }

    private void deliver(Delivery d) {
        if (stopping || d.from != owned.current()) {
            // Stopping: closing the channel returns it to the queue. From a replaced channel: its tag means another
            // message on the new channel, and the broker delivers this one again anyway.
            return;
        }
        int epoch = tracker.epoch();
        tracker.register(d.envelope.getDeliveryTag());
        try {
            pipeline.deliver(epoch, d.envelope, d.properties, d.body);
        } catch (RuntimeException e) {
            // Registered but never handed over: without this it would stay in progress and pin every later ack.
            pipeline.failed(epoch, d.envelope, d.properties, d.body, e);
        }
    }

    // ---- shutdown ----

    /** Strategy {@code fail}: stops consuming and ends the stream with the reason. Channel's thread. */
    private void failed(Throwable reason) {
        health.failed(reason);
        LOG.failStopping(name, reason);
        stopping = true;
        cancelConsumer();
        processor.onError(reason);
    }

    /** Cancels the consumer so that no new deliveries arrive; messages in flight go on. */
    public void stopConsuming() {
        if (!stopping) {
            stopping = true;
            owner.execute(this::cancelConsumer);
        }
    }

    private void cancelConsumer() {
        Channel ch = owned.current();
        if (ch != null && ch.isOpen() && consumerTag != null) {
            try {
                ch.basicCancel(consumerTag);
            } catch (IOException | RuntimeException e) {
                LOG.cancelFailed(e, name);
            }
        }
        consumerTag = null;
    }

    /** How long {@link #close} may wait for in-flight messages: {@code shutdown-timeout}. */
    public long shutdownTimeoutMs() {
        return cfg.getShutdownTimeout();
    }

    /**
     * Waits for in-flight messages until the deadline ({@link System#nanoTime}), flushes acks, closes the AMQP
     * channel.
     */
    public void close(long deadline) {
        stopConsuming();
        owner.callOnOwner(pipeline::flushBatch, 2000);
        long waitMs = Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
        if (!owner.awaitOnOwner(() -> tracker.inProgress() == 0, waitMs)) {
            LOG.inFlightAtShutdown(name);
        }
        owner.callOnOwner(() -> {
            tracker.flush();
            deadLetters.cancel();
            owned.close();
            republisher.close();
            processor.onComplete();
        }, 2000);
        owner.shutdown(1000);
        connections.release(shared, owned);
        health.down("closed");
    }
}
