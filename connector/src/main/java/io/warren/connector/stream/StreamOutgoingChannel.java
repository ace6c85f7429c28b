package io.warren.connector.stream;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.stream.ConfirmationHandler;
import com.rabbitmq.stream.ConfirmationStatus;
import com.rabbitmq.stream.Constants;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.Producer;
import com.rabbitmq.stream.ProducerBuilder;

import io.warren.connector.ChannelNames;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.log.StreamLog;
import io.warren.connector.outgoing.PublishFailedException;

/**
 * An outgoing channel on RabbitMQ's stream protocol ({@code stream.protocol=native}): publishes to a stream, or to a
 * super stream by routing key, with confirms. A message is acked when the broker confirms it and nacked with the
 * reason otherwise.
 * <p>
 * Up to {@code max-inflight-messages} are requested from upstream and unconfirmed at once, so the client's
 * {@code send} never blocks. Payloads are serialized on the sender's thread; the channel's thread sends, and settles
 * the confirms. (Sending from the caller's thread when nothing waits was measured and not kept: with one sender, its
 * thread is the one the publishing rate waits on, and moving the send onto it made W5 no faster, 0.46-0.56 of the raw
 * client's rate against 0.57-0.75.) A named producer ({@code stream.producer-name}) is deduplicating: the broker
 * drops a message whose publishing id is not above the highest it stored for that name, and still confirms it.
 */
final class StreamOutgoingChannel implements Flow.Subscriber<Message<?>> {

    private static final StreamLog LOG = StreamLog.of(StreamOutgoingChannel.class);

    /** A message and its encoded body, or why it has none. */
    private record Queued(Message<?> message, PayloadCodec.Encoded encoded, RuntimeException failure) {
    }

    private final WarrenConnectorOutgoingConfiguration cfg;
    private final String name;
    private final String defaultRoutingKey;
    private final int maxInflight;
    private final PayloadCodec codec;
    private final ConfinedExecutor owner;
    private final ChannelHealth health;
    private final StreamTopology topology;
    private final StreamEnvironments environments;
    private final StreamEnvironments.Key broker;
    private final Environment env;
    private final long retryDelayMs;
    private final ArrayDeque<Queued> waiting = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Queued> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverScheduled = new AtomicBoolean();
    /** Sent and not yet settled; read by {@link #close}. */
    private final Set<Pending> unconfirmed = ConcurrentHashMap.newKeySet();
    private volatile Flow.Subscription upstream;
    private Producer producer;
    /** The routing key of the message being sent: the client asks for it, on this thread, during send. */
    private String routingKey;
    private volatile boolean closing;

    StreamOutgoingChannel(WarrenConnectorOutgoingConfiguration cfg, PayloadCodec codec,
            StreamEnvironments environments) {
        this.cfg = cfg;
        this.name = cfg.getChannel();
        this.defaultRoutingKey = cfg.getDefaultRoutingKey();
        this.maxInflight = Math.max(1, cfg.getMaxInflightMessages());
        this.codec = codec;
        this.owner = new ConfinedExecutor(name);
        this.health = new ChannelHealth(name, cfg.getHealthEnabled(), cfg.getHealthReadinessEnabled());
        this.topology = new StreamTopology(cfg, cfg.getStreamName().orElse(ChannelNames.base(name)));
        this.environments = environments;
        this.broker = StreamSettings.key(cfg);
        this.env = environments.acquire(broker);
        this.retryDelayMs = Math.max(100, cfg.getNetworkRecoveryInterval());
        owner.execute(this::open);
    }

    ChannelHealth health() {
        return health;
    }

    private void open() {
        if (closing) {
            return;
        }
        try {
            topology.declare(env);
            ProducerBuilder b = env.producerBuilder().maxUnconfirmedMessages(maxInflight)
                    .confirmTimeout(Duration.ofMillis(cfg.getConfirmTimeout()));
            cfg.getStreamProducerName().map(String::trim).filter(s -> !s.isEmpty()).ifPresent(b::name);
            producer = topology.superStream
                    ? b.superStream(topology.name).routing(m -> routingKey).producerBuilder().build()
                    : b.stream(topology.name).build();
            health.up();
            sendWaiting();
        } catch (Exception e) {
            String reason = "cannot publish to stream '" + topology.name + "': " + StreamSettings.describe(e);
            LOG.retrying(name, reason, retryDelayMs);
            health.down(reason);
            owner.schedule(this::open, retryDelayMs);
        }
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.upstream = subscription;
        subscription.request(maxInflight);
    }

    @Override
    public void onNext(Message<?> message) {
        if (closing) {
            message.nack(MSG.closing(name));
            return;
        }
        Queued q;
        try {
            q = new Queued(message, codec.encode(message.getPayload()), null);
        } catch (RuntimeException e) {
            q = new Queued(message, null, e);
        }
        arrivals.add(q);
        if (handOverScheduled.compareAndSet(false, true)) {
            owner.execute(this::takeArrivals);
        }
    }

    private void takeArrivals() {
        handOverScheduled.set(false);
        Queued q;
        while ((q = arrivals.poll()) != null) {
            waiting.add(q);
        }
        sendWaiting();
    }

    private void sendWaiting() {
        while (producer != null && !waiting.isEmpty()) {
            send(waiting.poll());
        }
    }

    private void send(Queued q) {
        Message<?> m = q.message();
        if (q.failure() != null) {
            settled(m, MSG.notSerialized(name, q.failure().getMessage()));
            return;
        }
        OutgoingRabbitMQMetadata md = m.getMetadata(OutgoingRabbitMQMetadata.class).orElse(null);
        Long publishingId = m.getMetadata(OutgoingStreamMetadata.class).map(OutgoingStreamMetadata::getPublishingId)
                .orElse(null);
        com.rabbitmq.stream.Message out = StreamMessages.outgoing(producer.messageBuilder(), q.encoded(), md,
                publishingId);
        String id = out.getProperties().getMessageIdAsString();
        routingKey = md != null && md.getRoutingKey() != null ? md.getRoutingKey()
                : !defaultRoutingKey.isEmpty() ? defaultRoutingKey : id;
        Pending p = new Pending(m, id);
        unconfirmed.add(p);
        try {
            producer.send(out, p);
        } catch (RuntimeException e) {
            if (unconfirmed.remove(p)) {
                settled(m, MSG.streamNotPublished(name, id, topology.name, StreamSettings.describe(e)));
            }
        }
    }

    /**
     * A sent message until it is settled: the client's confirm handler, and the task that settles it on the
     * channel's thread. One object per message instead of two lambdas; it also lets {@link #close} find what the
     * broker never confirmed (stream-client's {@code Producer.close} drops those without calling back).
     */
    private final class Pending implements ConfirmationHandler, Runnable {
        private final Message<?> message;
        private final String id;
        private Throwable failure;

        Pending(Message<?> message, String id) {
            this.message = message;
            this.id = id;
        }

        @Override
        public void handle(ConfirmationStatus status) {
            if (!status.isConfirmed()) {
                failure = MSG.streamNotConfirmed(name, id, topology.name, code(status.getCode()));
            }
            owner.execute(this); // the executor's queue publishes the write of failure to the channel's thread
        }

        @Override
        public void run() {
            if (unconfirmed.remove(this)) { // else close() has nacked it
                settled(message, failure);
            }
        }
    }

    private static String code(short code) {
        return code == Constants.CODE_PUBLISH_CONFIRM_TIMEOUT ? "no confirm within confirm-timeout"
                : "response code " + code;
    }

    /** On the channel's thread, once per message: whoever removes it from {@code unconfirmed} settles it. */
    private void settled(Message<?> m, Throwable failure) {
        if (failure == null) {
            m.ack();
        } else {
            LOG.publishFailed(failure.getMessage());
            m.nack(failure);
        }
        Flow.Subscription s = upstream;
        if (s != null && !closing) {
            s.request(1);
        }
    }

    @Override
    public void onError(Throwable failure) {
        LOG.upstreamFailed(name, failure.getMessage());
    }

    @Override
    public void onComplete() {
        LOG.upstreamCompleted(name);
    }

    /**
     * Waits for unconfirmed messages (up to {@code shutdown-timeout}), closes the producer, then nacks what is left:
     * unconfirmed messages and those still waiting for the producer.
     */
    void close() {
        if (!owner.awaitOnOwner(() -> unconfirmed.isEmpty() && waiting.isEmpty() && arrivals.isEmpty(),
                cfg.getShutdownTimeout())) {
            LOG.unconfirmedAtShutdown(name);
        }
        closing = true;
        owner.callOnOwner(() -> {
            if (producer != null) {
                producer.close();
                producer = null;
            }
            List<Message<?>> left = new ArrayList<>();
            for (Queued q = waiting.poll(); q != null; q = waiting.poll()) {
                left.add(q.message());
            }
            for (Queued q = arrivals.poll(); q != null; q = arrivals.poll()) {
                left.add(q.message());
            }
            for (Pending p : unconfirmed) {
                if (unconfirmed.remove(p)) {
                    left.add(p.message);
                }
            }
            PublishFailedException stop = MSG.closing(name);
            left.forEach(m -> m.nack(stop));
        }, 2000);
        owner.shutdown(1000);
        environments.release(broker);
        health.down("closed");
    }
}
