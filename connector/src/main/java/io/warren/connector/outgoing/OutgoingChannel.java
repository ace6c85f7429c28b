package io.warren.connector.outgoing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ShutdownSignalException;

import io.warren.connector.ChannelNames;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
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
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.ObserverFactory;
import io.warren.connector.observe.PublishOutcome;
import io.warren.connector.outgoing.ConfirmTracker.Pending;
import io.warren.connector.reply.ReplyReceiver;
import io.warren.connector.reply.RequestMetadata;

/**
 * One outgoing channel: subscribes to the application's messages and publishes them on one AMQP channel owned by
 * one thread.
 * <p>
 * Publishes are pipelined: up to {@code max-inflight-messages} are requested from upstream and in flight at once,
 * and each settlement releases demand for one more. Confirms and returns arrive on the client's thread and are handed
 * to the owner. Messages not yet confirmed when the connection drops are published again once it is recovered
 * (at-least-once); messages that arrive meanwhile wait, bounded by the same in-flight limit.
 */
public final class OutgoingChannel implements Flow.Subscriber<Message<?>>, ConnectionListener {

    private static final Logger LOG = Logger.getLogger(OutgoingChannel.class);

    private final WarrenConnectorOutgoingConfiguration cfg;
    private final String name;
    private final String exchange;
    private final boolean confirms;
    private final boolean mandatory;
    private final int maxInflight;
    // Read once: each getter of the generated configuration is a configuration lookup, too slow for every message.
    private final String defaultRoutingKey;
    private final boolean rpcReply;
    private final long confirmTimeoutMs;
    private final PayloadCodec codec;
    private final PublishProperties properties;
    private final ConfinedExecutor owner;
    private final ChannelHealth health;
    private final ConnectionManager connections;
    private final SharedConnection shared;
    private final ReplyReceiver replies;
    private final long retryDelayMs;
    private final ChannelObserver observer;
    /** A message and its wire form, or why it has none. */
    private record Queued(Message<?> message, Outbound out, RuntimeException failure) {
    }

    private final ArrayDeque<Queued> queued = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Queued> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverScheduled = new AtomicBoolean();
    private long released;
    private final ConfirmTracker tracker = new ConfirmTracker();
    private volatile Flow.Subscription upstream;
    private Channel channel;
    private boolean channelReady;
    private BrokerCapabilities broker = new BrokerCapabilities("RabbitMQ", true);
    private volatile boolean closing;

    public OutgoingChannel(WarrenConnectorOutgoingConfiguration cfg, ConnectionManager connections, PayloadCodec codec,
            ObserverFactory observers) {
        this.cfg = cfg;
        this.name = cfg.getChannel();
        this.exchange = ChannelNames.exchange(cfg.getExchangeName(), name);
        this.confirms = cfg.getPublishConfirms();
        this.mandatory = cfg.getMandatory();
        this.maxInflight = Math.max(1, cfg.getMaxInflightMessages());
        this.defaultRoutingKey = cfg.getDefaultRoutingKey();
        this.rpcReply = cfg.getRpcReply();
        this.confirmTimeoutMs = cfg.getConfirmTimeout();
        this.codec = codec;
        this.properties = new PublishProperties(cfg);
        this.owner = new ConfinedExecutor(name);
        this.health = new ChannelHealth(name, cfg.getHealthEnabled(), cfg.getHealthReadinessEnabled());
        this.observer = observers.observe(ObservedChannel.outgoing(name, exchange, cfg.getTracingEnabled()));
        this.replies = new ReplyReceiver(name, owner, codec, cfg.getReplyMode(), cfg.getReplyTimeout());
        this.connections = connections;
        ConnectionSettings settings = ConnectionSettings.from(cfg);
        this.retryDelayMs = Math.max(100, settings.recoveryIntervalMs());
        this.shared = connections.acquire(settings, ConnectionRole.PUBLISHER, this);
        if (confirms && cfg.getConfirmTimeout() > 0) {
            long period = Math.max(10, Math.min(1000, cfg.getConfirmTimeout() / 4));
            owner.scheduleAtFixedRate(this::expireUnconfirmed, period);
        }
    }

    public ChannelHealth health() {
        return health;
    }

    // ---- upstream (application threads) ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.upstream = subscription;
        subscription.request(maxInflight);
    }

    @Override
    public void onNext(Message<?> message) {
        // Serialize here, on the sender's thread, so that the channel's thread only publishes. The wire form (and
        // its message-id) is kept for a publish again after a recovery, so that consumers can spot the duplicate.
        Queued q;
        try {
            q = new Queued(message,
                    Outbound.of(message, exchange, defaultRoutingKey, rpcReply, codec, properties, observer),
                    null);
        } catch (RuntimeException e) {
            q = new Queued(message, null, e);
        }
        arrivals.add(q);
        // One hand-over for whatever arrived meanwhile, rather than one task per message.
        if (handOverScheduled.compareAndSet(false, true)) {
            owner.execute(this::takeArrivals);
        }
    }

    private void takeArrivals() {
        handOverScheduled.set(false);
        for (Queued q = arrivals.poll(); q != null; q = arrivals.poll()) {
            queued.addLast(q);
        }
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        LOG.errorf("Channel '%s': the upstream stream failed: %s", name, failure.toString());
    }

    @Override
    public void onComplete() {
        LOG.debugf("Channel '%s': the upstream stream completed", name);
    }

    // ---- connection events (client threads) ----

    @Override
    public void connected(Connection connection) {
        owner.execute(() -> open(connection));
    }

    @Override
    public void disconnected(String reason) {
        health.down(reason);
        observer.connectionDown(reason);
    }

    @Override
    public void blocked(boolean blocked, String reason) {
        observer.connectionBlocked(blocked);
        owner.execute(() -> {
            if (blocked) {
                health.down("publishing paused: the broker blocked the connection (" + reason + ")");
            } else if (channelReady) {
                health.up();
            }
        });
    }

    // ---- owner thread ----

    private void open(Connection connection) {
        if (closing) {
            return;
        }
        try {
            Channel ch = connection.createChannel();
            ch.addShutdownListener(cause -> channelShutdown(ch, cause));
            Recovery.onRecovered(ch, owner, this::recovered);
            if (confirms) {
                ch.confirmSelect();
                ch.addConfirmListener(new ConfirmListener() {
                    @Override
                    public void handleAck(long tag, boolean multiple) {
                        owner.execute(() -> confirmed(tag, multiple, true));
                    }

                    @Override
                    public void handleNack(long tag, boolean multiple) {
                        owner.execute(() -> confirmed(tag, multiple, false));
                    }
                });
            }
            ch.addReturnListener(r -> owner.execute(() -> tracker.returned(r.getProperties().getMessageId(),
                    "unroutable: exchange '" + r.getExchange() + "' has no queue bound for routing key '"
                            + r.getRoutingKey() + "' (" + r.getReplyCode() + " " + r.getReplyText() + ")")));
            if (cfg.getExchangeDeclare() && !exchange.isEmpty()) {
                ch.exchangeDeclare(exchange, cfg.getExchangeType(), cfg.getExchangeDurable(),
                        cfg.getExchangeAutoDelete(), null);
            }
            channel = ch;
            broker = BrokerCapabilities.of(connection);
            replies.channelReplaced();
            channelReady = true;
            health.up();
            observer.connectionUp();
            drain();
        } catch (IOException | RuntimeException e) {
            String reason = "cannot publish to exchange '" + exchange + "': " + AmqpErrors.reason(e);
            LOG.errorf("Channel '%s': %s; retrying in %d ms", name, reason, retryDelayMs);
            health.down(reason);
            owner.schedule(() -> open(connection), retryDelayMs);
        }
    }

    private void drain() {
        while (channelReady && !queued.isEmpty()) {
            Queued q = queued.peekFirst();
            Message<?> m = q.message();
            Outbound out = q.out();
            if (out == null) {
                queued.pollFirst();
                settle(m, new PublishFailedException("Channel '" + name + "': cannot serialize the payload: "
                        + q.failure().getMessage()));
                continue;
            }
            try {
                AMQP.BasicProperties props = properties.forBroker(out.props, broker, name);
                RequestMetadata request = m.getMetadata(RequestMetadata.class).orElse(null);
                if (request != null) {
                    props = props.builder().replyTo(replies.address(channel))
                            .correlationId(props.getCorrelationId() != null ? props.getCorrelationId()
                                    : UUID.randomUUID().toString())
                            .build();
                }
                long seq = channel.getNextPublishSeqNo();
                channel.basicPublish(out.exchange, out.routingKey, out.mandatory(mandatory), props, out.body);
                observer.published();
                queued.pollFirst();
                if (request != null) {
                    replies.expect(props.getCorrelationId(), request);
                }
                if (confirms) {
                    tracker.published(seq, new Pending(m, out, props.getMessageId()));
                } else {
                    settle(m, null);
                }
            } catch (BrokerCapabilities.UnsupportedFeatureException e) {
                queued.pollFirst();
                settle(m, new PublishFailedException(e.getMessage()));
            } catch (IOException | RuntimeException e) {
                // Keep the message: it is sent again once the channel is back.
                channelReady = false;
                LOG.debugf("Channel '%s': publish failed (%s); waiting for the channel to recover", name, e);
            }
        }
        releaseDemand();
    }

    private void confirmed(long tag, boolean multiple, boolean ack) {
        for (Pending p : tracker.confirmed(tag, multiple)) {
            observer.publishSettled(!ack ? PublishOutcome.NACKED
                    : p.returned != null ? PublishOutcome.RETURNED : PublishOutcome.CONFIRMED, p.publishedAt);
            if (!ack) {
                settle(p.message, failure(p, "the broker nacked it (for example a full queue with overflow "
                        + "reject-publish)"));
            } else if (p.returned != null) {
                settle(p.message, failure(p, p.returned));
            } else {
                settle(p.message, null);
            }
        }
        releaseDemand();
    }

    private void expireUnconfirmed() {
        for (Pending p : tracker.expired(TimeUnit.MILLISECONDS.toNanos(confirmTimeoutMs))) {
            observer.publishSettled(PublishOutcome.TIMED_OUT, p.publishedAt);
            settle(p.message, failure(p, "not confirmed within confirm-timeout (" + confirmTimeoutMs + " ms)"));
        }
        releaseDemand();
    }

    private PublishFailedException failure(Pending p, String why) {
        return new PublishFailedException("Channel '" + name + "': message " + p.messageId + " to exchange '"
                + p.exchange + "' with routing key '" + p.routingKey + "' failed: " + why);
    }

    private void settle(Message<?> m, Throwable failure) {
        try {
            if (failure == null) {
                m.ack();
            } else {
                m.nack(failure);
            }
        } catch (RuntimeException e) {
            LOG.debugf(e, "Channel '%s': the message's ack or nack threw", name);
        }
        released++;
    }

    /** Asks upstream for as many messages as were settled since the last time: one request per batch. */
    private void releaseDemand() {
        observer.pending(queued.size(), tracker.size());
        Flow.Subscription s = upstream;
        if (released > 0 && s != null && !closing) {
            long n = released;
            released = 0;
            s.request(n);
        }
    }

    private void recovered() {
        // Sequence numbers start again on the recovered channel; publish again what was not confirmed.
        List<Pending> resend = tracker.drain();
        for (int i = resend.size() - 1; i >= 0; i--) {
            queued.addFirst(new Queued(resend.get(i).message, resend.get(i).out, null));
        }
        if (!resend.isEmpty()) {
            LOG.infof("Channel '%s': publishing %d unconfirmed messages again after recovery", name, resend.size());
        }
        channelReady = true;
        observer.connectionRecovered();
        if (!shared.isBlocked()) {
            health.up();
        }
        drain();
    }

    private void channelShutdown(Channel closed, ShutdownSignalException cause) {
        if (closing || cause.isInitiatedByApplication()) {
            return;
        }
        owner.execute(() -> {
            if (closed != channel) {
                return; // a channel already replaced
            }
            channelReady = false;
            if (cause.isHardError()) {
                health.down("connection lost");
                return;
            }
            String reason = AmqpErrors.reason(cause);
            LOG.warnf("Channel '%s': the broker closed the AMQP channel (%s); reopening", name, reason);
            health.down("channel closed by the broker: " + reason);
            for (Pending p : tracker.drain()) {
                settle(p.message, failure(p, "the AMQP channel closed before the broker confirmed it: " + reason));
            }
            releaseDemand();
            Connection c = channel.getConnection();
            owner.schedule(() -> open(c), Math.min(retryDelayMs, 1000));
        });
    }

    // ---- shutdown ----

    /** Waits for unconfirmed messages (up to {@code shutdown-timeout}), then closes the AMQP channel. */
    public void close() {
        owner.awaitOnOwner(() -> arrivals.isEmpty() && queued.isEmpty() && tracker.isEmpty(),
                cfg.getShutdownTimeout());
        closing = true;
        owner.callOnOwner(() -> {
            for (Queued q = arrivals.poll(); q != null; q = arrivals.poll()) {
                queued.addLast(q);
            }
            int left = queued.size() + tracker.size();
            if (left > 0) {
                LOG.warnf("Channel '%s': %d messages not confirmed at shutdown", name, left);
            }
            PublishFailedException stop = new PublishFailedException("Channel '" + name + "': the connector is closing");
            queued.forEach(q -> settle(q.message(), stop));
            queued.clear();
            tracker.drain().forEach(p -> settle(p.message, stop));
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                    LOG.debugf(e, "Channel '%s': error while closing the AMQP channel", name);
                }
            }
        }, 2000);
        Flow.Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        owner.shutdown(1000);
        connections.release(shared, this);
        health.down("closed");
    }
}
