package io.warren.connector.outgoing;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.Channel;

import io.warren.connector.ChannelNames;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
import io.warren.connector.arguments.BrokerArguments;
import io.warren.connector.connection.BrokerCapabilities;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConfirmTracker;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionRole;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.connection.OwnedChannel;
import io.warren.connector.connection.SharedConnection;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.log.OutgoingLog;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.ObserverFactory;
import io.warren.connector.outgoing.SendBuffer.Sending;
import io.warren.connector.reply.ReplyReceiver;

/**
 * One outgoing channel: subscribes to the application's messages and publishes them on one AMQP channel owned by
 * one thread.
 * <p>
 * Publishes are pipelined: up to {@code max-inflight-messages} are requested from upstream and in flight at once,
 * and each settlement releases demand for one more. Messages not yet confirmed when the connection drops are
 * published again on the next one (at-least-once); messages that arrive meanwhile wait, bounded by the same limit.
 * Every message completes within {@code confirm-timeout} of its send, connected or not. {@link Publisher} puts
 * the messages on the wire; this class keeps the AMQP channel's life, the demand and the timeouts.
 */
public final class OutgoingChannel implements Flow.Subscriber<Message<?>>, OwnedChannel.User {

    private static final OutgoingLog LOG = OutgoingLog.of(OutgoingChannel.class);

    private final String name;
    private final String exchange;
    private final boolean confirms;
    private final int maxInflight;
    // Read once: each getter of the generated configuration is a configuration lookup, too slow for every message.
    private final String defaultRoutingKey;
    private final boolean rpcReply;
    private final long confirmTimeoutMs;
    private final boolean blockedUnready;
    private final WarrenConnectorOutgoingConfiguration cfg;
    private final PayloadCodec codec;
    private final PublishProperties properties;
    private final ConfinedExecutor owner;
    private final ChannelHealth health;
    private final ConnectionManager connections;
    private final OwnedChannel owned;
    private final SharedConnection shared;
    private final ReplyReceiver replies;
    private final SendBuffer buffer = new SendBuffer();
    private final ConfirmTracker<Sending> tracker;
    private final Outcomes outcomes;
    private final Publisher publisher;
    private final ChannelObserver observer;
    /** Whether the broker blocks the connection now; owner thread. */
    private boolean blocked;

    public OutgoingChannel(WarrenConnectorOutgoingConfiguration cfg, ConnectionManager connections, PayloadCodec codec,
            ObserverFactory observers) {
        this.cfg = cfg;
        this.name = cfg.getChannel();
        this.exchange = ChannelNames.exchange(cfg.getExchangeName(), name);
        this.confirms = cfg.getPublishConfirms();
        // Without confirms a message is acked as soon as it is written, so a return could not nack it: the flag
        // would only hide the loss (validation refuses mandatory=true set together with publish-confirms=false).
        boolean mandatory = confirms && cfg.getMandatory();
        this.maxInflight = Math.max(1, cfg.getMaxInflightMessages());
        this.defaultRoutingKey = cfg.getDefaultRoutingKey();
        this.rpcReply = cfg.getRpcReply();
        this.confirmTimeoutMs = cfg.getConfirmTimeout();
        this.blockedUnready = cfg.getHealthBlockedUnready();
        this.codec = codec;
        this.properties = new PublishProperties(cfg);
        this.owner = new ConfinedExecutor(name);
        this.health = new ChannelHealth(name, cfg.getHealthEnabled(), cfg.getHealthReadinessEnabled());
        this.replies = new ReplyReceiver(name, owner, codec, cfg.getReplyMode(), cfg.getReplyTimeout());
        this.observer = observers.observe(ObservedChannel.outgoing(name, exchange, cfg.getTracingEnabled()));
        this.outcomes = new Outcomes(name, observer);
        this.tracker = new ConfirmTracker<>(owner, outcomes, this::releaseDemand);
        this.publisher = new Publisher(name, confirms, mandatory, properties, tracker, replies, outcomes, observer);
        this.connections = connections;
        ConnectionSettings settings = ConnectionSettings.from(cfg);
        this.owned = new OwnedChannel(name, "publish to exchange '" + exchange + "'", owner, health, false,
                settings.recoveryIntervalMs()).user(this).observe(observer);
        this.shared = connections.acquire(settings, ConnectionRole.PUBLISHER, owned);
        if (confirmTimeoutMs > 0) {
            owner.scheduleAtFixedRate(this::expire, Math.max(10, Math.min(1000, confirmTimeoutMs / 4)));
        }
    }

    public ChannelHealth health() {
        return health;
    }

    // ---- upstream (application threads) ----

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        outcomes.subscribed(subscription);
        subscription.request(maxInflight);
    }

    @Override
    public void onNext(Message<?> message) {
        // Serialize here, on the sender's thread, so that the channel's thread only publishes. The wire form (and
        // its message-id) is kept for a publish again after a reconnect, so that consumers can spot the duplicate.
        Sending s;
        long now = System.nanoTime();
        try {
            s = new Sending(message, Outbound.of(message, exchange, defaultRoutingKey, rpcReply, codec, properties, observer),
                    null, now);
        } catch (RuntimeException e) {
            s = new Sending(message, null, e, now);
        }
        if (buffer.offer(s)) {
            owner.execute(this::takeArrivals);
        }
    }

    private void takeArrivals() {
        buffer.takeArrivals();
        drain();
    }

    @Override
    public void onError(Throwable failure) {
        LOG.upstreamFailed(name, failure.toString());
    }

    @Override
    public void onComplete() {
        LOG.upstreamCompleted(name);
    }

    // ---- the AMQP channel's life (owner thread) ----

    @Override
    public void setUp(Channel ch) throws IOException {
        if (confirms) {
            tracker.attach(ch);
        }
        if (cfg.getExchangeDeclare() && !exchange.isEmpty()) {
            ch.exchangeDeclare(exchange, cfg.getExchangeType(), cfg.getExchangeDurable(), cfg.getExchangeAutoDelete(),
                    BrokerArguments.exchange(cfg.config()));
        }
    }

    @Override
    public void opened(Channel ch) {
        publisher.broker(BrokerCapabilities.of(ch.getConnection()));
        replies.channelReplaced();
        // The connection may have been blocked while the channel was down: health says so again.
        if (blocked) {
            blocked(true, "resource alarm");
        }
        drain();
    }

    @Override
    public void lost(Channel ch, String reason, boolean connectionLost) {
        replies.channelReplaced();
        if (connectionLost) {
            blocked = false; // a new connection starts unblocked
            health.note(null);
        }
        List<ConfirmTracker.Pending<Sending>> unconfirmed = tracker.drain();
        if (connectionLost) {
            // The broker may or may not have them: publish them again (at-least-once, same message-id).
            buffer.putBack(unconfirmed.stream().map(p -> p.item).toList());
            if (!unconfirmed.isEmpty()) {
                LOG.publishingAgain(name, unconfirmed.size());
            }
        } else {
            // A channel error is often caused by a message (a missing exchange): sending them again would close
            // the next channel too. They fail with the reason instead.
            unconfirmed.forEach(p -> outcomes.failed(p.item,
                    "the AMQP channel closed before the broker confirmed it: " + reason));
        }
        releaseDemand();
    }

    @Override
    public void blocked(boolean nowBlocked, String reason) {
        blocked = nowBlocked;
        if (nowBlocked) {
            String why = "publishing paused: the broker blocked the connection (" + reason + ")";
            if (blockedUnready) {
                health.down(why);
            } else {
                health.note(why);
            }
        } else {
            health.note(null);
            if (owned.current() != null) {
                health.up();
            }
        }
    }

    private void drain() {
        publisher.drain(owned.current(), buffer);
        releaseDemand();
    }

    /** Fails what waited longer than {@code confirm-timeout} since it was sent, published or not. */
    private void expire() {
        long now = System.nanoTime();
        long limit = TimeUnit.MILLISECONDS.toNanos(confirmTimeoutMs);
        for (Sending s : buffer.expired(sentAt -> now - sentAt > limit)) {
            String why = shared.problem() != null ? shared.problem() : health.problem();
            outcomes.failed(s, "not sent within confirm-timeout (" + confirmTimeoutMs + " ms)"
                    + (why == null ? "" : ": " + why));
        }
        for (ConfirmTracker.Pending<Sending> p : tracker.expired(sentAt -> now - sentAt > limit)) {
            outcomes.timedOut(p, "not confirmed within confirm-timeout (" + confirmTimeoutMs + " ms)");
        }
        releaseDemand();
    }


    /** Gives demand back upstream, and tells the observer what waits. */
    private void releaseDemand() {
        outcomes.releaseDemand();
        observer.pending(buffer.queued(), tracker.size());
    }

    // ---- shutdown ----

    /** How long {@link #close} may wait for unconfirmed messages: {@code shutdown-timeout}. */
    public long shutdownTimeoutMs() {
        return cfg.getShutdownTimeout();
    }

    /**
     * Waits for unconfirmed messages until the deadline ({@link System#nanoTime}), fails what is left, then closes
     * the AMQP channel.
     */
    public void close(long deadline) {
        owner.awaitOnOwner(() -> buffer.isEmpty() && tracker.isEmpty(),
                Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        owner.callOnOwner(() -> {
            List<Sending> left = buffer.drainAll();
            tracker.drain().forEach(p -> left.add(p.item));
            if (!left.isEmpty()) {
                LOG.unconfirmedAtShutdown(name, left.size());
            }
            PublishFailedException stop = MSG.closing(name);
            outcomes.close();
            left.forEach(s -> outcomes.failed(s, stop));
            owned.close();
        }, 2000);
        outcomes.close();
        owner.shutdown(1000);
        connections.release(shared, owned);
        health.down("closed");
    }
}
