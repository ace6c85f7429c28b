package io.warren.connector;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.warren.connector.config.AttributeTable;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ParallelClose;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStores;
import io.warren.connector.fault.FailureHandlers;
import io.warren.connector.incoming.IncomingChannel;
import io.warren.connector.incoming.IncomingServices;
import io.warren.connector.observe.ObserverFactory;
import io.warren.connector.outgoing.OutgoingChannel;
import io.warren.connector.stream.StreamChannels;
import io.warren.connector.validation.CreationCheck;

/**
 * The channels a connector opens: made with the parts the connector shares between them (connections, codecs,
 * failure strategies, deduplication stores, observers), kept for health reports, and closed in order at shutdown.
 */
final class OpenChannels {

    private final List<IncomingChannel> incomings = new CopyOnWriteArrayList<>();
    private final List<OutgoingChannel> outgoings = new CopyOnWriteArrayList<>();
    private final StreamChannels streams = new StreamChannels();
    private final AttributeTable attributes;
    private final ConnectionManager connections;
    private final PayloadCodec codec;
    private final FailureHandlers failureHandlers;
    private final DeduplicationStores dedupStores;
    private volatile ObserverFactory observers;

    OpenChannels(AttributeTable attributes, ConnectionManager connections, PayloadCodec codec,
            FailureHandlers failureHandlers, DeduplicationStores dedupStores, ObserverFactory observers) {
        this.attributes = attributes;
        this.connections = connections;
        this.codec = codec;
        this.failureHandlers = failureHandlers;
        this.dedupStores = dedupStores;
        this.observers = observers;
    }

    /** Observes the channels opened from now on with this factory. */
    void observeWith(ObserverFactory factory) {
        this.observers = factory;
    }

    /** Checks the channel's configuration (unless {@code validation=false}), then opens it. */
    Flow.Publisher<? extends Message<?>> incoming(Config config) {
        CreationCheck.check(config, ChannelDirection.INCOMING, attributes, failureHandlers::exists,
                dedupStores::exists);
        WarrenConnectorIncomingConfiguration cfg = new WarrenConnectorIncomingConfiguration(config);
        IncomingServices services = new IncomingServices(connections,
                codec.forChannel(null, cfg.getContentTypeOverride().orElse(null)), failureHandlers, dedupStores,
                observers);
        if (StreamChannels.isNative(config)) {
            return streams.incoming(cfg, services);
        }
        IncomingChannel channel = new IncomingChannel(cfg, services);
        incomings.add(channel);
        return channel.publisher();
    }

    /** Checks the channel's configuration (unless {@code validation=false}), then opens it. */
    Flow.Subscriber<? extends Message<?>> outgoing(Config config) {
        CreationCheck.check(config, ChannelDirection.OUTGOING, attributes, failureHandlers::exists,
                dedupStores::exists);
        WarrenConnectorOutgoingConfiguration cfg = new WarrenConnectorOutgoingConfiguration(config);
        PayloadCodec channelCodec = codec.forChannel(cfg.getContentType().orElse(null), null);
        if (StreamChannels.isNative(config)) {
            return streams.outgoing(cfg, channelCodec);
        }
        OutgoingChannel channel = new OutgoingChannel(cfg, connections, channelCodec, observers);
        outgoings.add(channel);
        return channel;
    }

    HealthReport report(boolean readiness) {
        HealthReport.HealthReportBuilder builder = HealthReport.builder();
        for (IncomingChannel in : incomings) {
            in.health().report(builder, readiness);
        }
        for (OutgoingChannel out : outgoings) {
            out.health().report(builder, readiness);
        }
        streams.report(builder, readiness);
        return builder.build();
    }

    List<IncomingChannel> incomings() {
        return List.copyOf(incomings);
    }

    List<OutgoingChannel> outgoings() {
        return List.copyOf(outgoings);
    }

    StreamChannels streams() {
        return streams;
    }

    int connectionCount() {
        return connections.size();
    }

    /**
     * Closes every channel, then the connections. Channels close in parallel against one deadline each
     * ({@code shutdown-timeout} from now). Outgoing channels close after the incoming ones, so that what handlers
     * still send while they finish is published, with at least a second to be confirmed.
     */
    void close() {
        long start = System.nanoTime();
        streams.close();
        incomings.forEach(IncomingChannel::stopConsuming);
        ParallelClose.run(incomings, in -> in.close(start + TimeUnit.MILLISECONDS.toNanos(in.shutdownTimeoutMs())));
        ParallelClose.run(outgoings, out -> out.close(Math.max(
                start + TimeUnit.MILLISECONDS.toNanos(out.shutdownTimeoutMs()),
                System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.min(1000, out.shutdownTimeoutMs())))));
        incomings.clear();
        outgoings.clear();
        connections.close();
    }
}
