package io.warren.connector.outgoing;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import com.rabbitmq.client.ShutdownSignalException;

import io.warren.connector.ChannelNames;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.connection.ConnectionListener;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionRole;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.connection.SharedConnection;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.health.ChannelHealth;

/**
 * One outgoing channel: subscribes to the application's messages and publishes them on one AMQP channel owned by
 * one thread.
 * <p>
 * Publishes are pipelined: up to {@code max-inflight-messages} are requested from upstream and in flight at once,
 * and each confirm releases demand for more. Confirms arrive on the client's thread and are handed to the owner.
 * Messages not yet confirmed when the connection drops are published again once it is recovered (at-least-once);
 * messages that arrive meanwhile wait, bounded by the same in-flight limit.
 */
public final class OutgoingChannel implements Flow.Subscriber<Message<?>>, ConnectionListener {

    private static final Logger LOG = Logger.getLogger(OutgoingChannel.class);

    private final WarrenConnectorOutgoingConfiguration cfg;
    private final String name;
    private final String exchange;
    private final boolean confirms;
    private final int maxInflight;
    private final PayloadCodec codec;
    private final PublishProperties properties;
    private final ConfinedExecutor owner;
    private final ChannelHealth health;
    private final ConnectionManager connections;
    private final SharedConnection shared;
    private final long retryDelayMs;
    private final ArrayDeque<Message<?>> queued = new ArrayDeque<>();
    private final NavigableMap<Long, Message<?>> unconfirmed = new TreeMap<>();
    private volatile Flow.Subscription upstream;
    private Channel channel;
    private boolean channelReady;
    private volatile boolean closing;

    public OutgoingChannel(WarrenConnectorOutgoingConfiguration cfg, ConnectionManager connections, PayloadCodec codec) {
        this.cfg = cfg;
        this.name = cfg.getChannel();
        this.exchange = ChannelNames.exchange(cfg.getExchangeName(), name);
        this.confirms = cfg.getPublishConfirms();
        this.maxInflight = Math.max(1, cfg.getMaxInflightMessages());
        this.codec = codec;
        this.properties = new PublishProperties(cfg);
        this.owner = new ConfinedExecutor(name);
        this.health = new ChannelHealth(name, cfg.getHealthEnabled(), cfg.getHealthReadinessEnabled());
        this.connections = connections;
        ConnectionSettings settings = ConnectionSettings.from(cfg);
        this.retryDelayMs = Math.max(100, settings.recoveryIntervalMs());
        this.shared = connections.acquire(settings, ConnectionRole.PUBLISHER, this);
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
        owner.execute(() -> {
            queued.addLast(message);
            drain();
        });
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
    }

    @Override
    public void blocked(boolean blocked, String reason) {
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
            ch.addShutdownListener(this::channelShutdown);
            if (ch instanceof Recoverable r) {
                r.addRecoveryListener(new RecoveryListener() {
                    @Override
                    public void handleRecovery(Recoverable recoverable) {
                        owner.execute(OutgoingChannel.this::recovered);
                    }

                    @Override
                    public void handleRecoveryStarted(Recoverable recoverable) {
                        owner.execute(() -> channelReady = false);
                    }
                });
            }
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
            if (cfg.getExchangeDeclare() && !exchange.isEmpty()) {
                ch.exchangeDeclare(exchange, cfg.getExchangeType(), cfg.getExchangeDurable(),
                        cfg.getExchangeAutoDelete(), null);
            }
            channel = ch;
            channelReady = true;
            health.up();
            drain();
        } catch (IOException | RuntimeException e) {
            String reason = "cannot publish to exchange '" + exchange + "': " + reason(e);
            LOG.errorf("Channel '%s': %s; retrying in %d ms", name, reason, retryDelayMs);
            health.down(reason);
            owner.schedule(() -> open(connection), retryDelayMs);
        }
    }

    private void drain() {
        while (channelReady && !queued.isEmpty()) {
            Message<?> m = queued.peekFirst();
            OutgoingRabbitMQMetadata md = m.getMetadata(OutgoingRabbitMQMetadata.class).orElse(null);
            PayloadCodec.Encoded encoded;
            AMQP.BasicProperties props;
            try {
                encoded = codec.encode(m.getPayload());
                props = properties.build(md, encoded.contentType());
            } catch (RuntimeException e) {
                queued.pollFirst();
                settle(m, new PublishFailedException("Channel '" + name + "': cannot serialize the payload: "
                        + e.getMessage()));
                continue;
            }
            String targetExchange = md != null && md.getExchange() != null ? md.getExchange() : exchange;
            String routingKey = md != null && md.getRoutingKey() != null ? md.getRoutingKey()
                    : cfg.getDefaultRoutingKey();
            try {
                long seq = channel.getNextPublishSeqNo();
                channel.basicPublish(targetExchange, routingKey, false, props, encoded.body());
                queued.pollFirst();
                if (confirms) {
                    unconfirmed.put(seq, m);
                } else {
                    settle(m, null);
                }
            } catch (IOException | RuntimeException e) {
                // Keep the message: it is sent again once the channel is back.
                channelReady = false;
                LOG.debugf("Channel '%s': publish failed (%s); waiting for the channel to recover", name, e);
            }
        }
    }

    private void confirmed(long tag, boolean multiple, boolean ack) {
        if (multiple) {
            Map<Long, Message<?>> done = unconfirmed.headMap(tag, true);
            List<Message<?>> messages = new ArrayList<>(done.values());
            done.clear();
            for (Message<?> m : messages) {
                settle(m, ack ? null : nacked(m));
            }
        } else {
            Message<?> m = unconfirmed.remove(tag);
            if (m != null) {
                settle(m, ack ? null : nacked(m));
            }
        }
    }

    private PublishFailedException nacked(Message<?> m) {
        return new PublishFailedException("Channel '" + name + "': the broker nacked message " + messageId(m)
                + " published to exchange '" + exchange + "'");
    }

    private static String messageId(Message<?> m) {
        return m.getMetadata(OutgoingRabbitMQMetadata.class).map(OutgoingRabbitMQMetadata::getMessageId)
                .orElse("(generated id)");
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
        Flow.Subscription s = upstream;
        if (s != null && !closing) {
            s.request(1);
        }
    }

    private void recovered() {
        // Sequence numbers start again on the recovered channel; publish again what was not confirmed.
        List<Message<?>> resend = new ArrayList<>(unconfirmed.values());
        unconfirmed.clear();
        for (int i = resend.size() - 1; i >= 0; i--) {
            queued.addFirst(resend.get(i));
        }
        if (!resend.isEmpty()) {
            LOG.infof("Channel '%s': publishing %d unconfirmed messages again after recovery", name, resend.size());
        }
        channelReady = true;
        if (!shared.isBlocked()) {
            health.up();
        }
        drain();
    }

    private void channelShutdown(ShutdownSignalException cause) {
        if (closing || cause.isInitiatedByApplication()) {
            return;
        }
        owner.execute(() -> {
            channelReady = false;
            if (cause.isHardError()) {
                health.down("connection lost");
                return;
            }
            String reason = reason(cause);
            LOG.warnf("Channel '%s': the broker closed the AMQP channel (%s); reopening", name, reason);
            health.down("channel closed by the broker: " + reason);
            List<Message<?>> lost = new ArrayList<>(unconfirmed.values());
            unconfirmed.clear();
            for (Message<?> m : lost) {
                settle(m, new PublishFailedException("Channel '" + name + "': the AMQP channel closed before the broker"
                        + " confirmed message " + messageId(m) + ": " + reason));
            }
            Connection c = channel.getConnection();
            owner.schedule(() -> open(c), Math.min(retryDelayMs, 1000));
        });
    }

    // ---- shutdown ----

    /** Waits for unconfirmed messages (up to {@code shutdown-timeout}), then closes the AMQP channel. */
    public void close() {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(cfg.getShutdownTimeout());
        CompletableFuture<Void> drained = new CompletableFuture<>();
        owner.execute(() -> awaitDrained(drained, deadline));
        try {
            drained.get(cfg.getShutdownTimeout() + 1000L, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debugf("Channel '%s': shutdown wait interrupted", name);
        }
        closing = true;
        CompletableFuture<Void> closed = new CompletableFuture<>();
        owner.execute(() -> {
            int left = queued.size() + unconfirmed.size();
            if (left > 0) {
                LOG.warnf("Channel '%s': %d messages not confirmed at shutdown", name, left);
            }
            PublishFailedException stop = new PublishFailedException("Channel '" + name + "': the connector is closing");
            queued.forEach(m -> settle(m, stop));
            unconfirmed.values().forEach(m -> settle(m, stop));
            queued.clear();
            unconfirmed.clear();
            if (channel != null && channel.isOpen()) {
                try {
                    channel.close();
                } catch (IOException | RuntimeException | java.util.concurrent.TimeoutException e) {
                    LOG.debugf(e, "Channel '%s': error while closing the AMQP channel", name);
                }
            }
            closed.complete(null);
        });
        try {
            closed.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debugf("Channel '%s': close did not finish in time", name);
        }
        Flow.Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
        owner.shutdown(1000);
        connections.release(shared, this);
        health.down("closed");
    }

    private void awaitDrained(CompletableFuture<Void> drained, long deadline) {
        if ((queued.isEmpty() && unconfirmed.isEmpty()) || System.nanoTime() > deadline) {
            drained.complete(null);
        } else {
            owner.schedule(() -> awaitDrained(drained, deadline), 10);
        }
    }

    private static String reason(Throwable e) {
        if (e instanceof ShutdownSignalException s && s.getReason() instanceof AMQP.Channel.Close close) {
            return close.getReplyCode() + " " + close.getReplyText();
        }
        if (e.getCause() instanceof ShutdownSignalException s) {
            return reason(s);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
