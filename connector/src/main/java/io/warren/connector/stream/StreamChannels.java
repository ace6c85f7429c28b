package io.warren.connector.stream;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.reactive.messaging.health.HealthReport;
import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.WarrenConnectorOutgoingConfiguration;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.incoming.IncomingServices;

/**
 * The connector's channels with {@code stream.protocol=native}: creates them, reports their health and closes them.
 * They share one stream-client {@code Environment} per broker and user.
 */
public final class StreamChannels {

    /** {@code stream.protocol=amqp}: streams are queues read and written over AMQP 0-9-1. */
    public static final String AMQP = "amqp";
    /** {@code stream.protocol=native}: RabbitMQ's stream protocol, through stream-client. */
    public static final String NATIVE = "native";
    /** The values of {@code stream.protocol}. */
    public static final List<String> PROTOCOLS = List.of(AMQP, NATIVE);

    private final StreamEnvironments environments = new StreamEnvironments();
    private final List<StreamIncomingChannel> incomings = new CopyOnWriteArrayList<>();
    private final List<StreamOutgoingChannel> outgoings = new CopyOnWriteArrayList<>();

    /** Whether a channel's configuration chooses the native stream protocol. */
    public static boolean isNative(Config config) {
        return config.getOptionalValue("stream.protocol", String.class)
                .map(p -> NATIVE.equals(p.trim().toLowerCase(Locale.ROOT))).orElse(false);
    }

    /** Opens an incoming channel on the stream protocol. */
    public Flow.Publisher<? extends Message<?>> incoming(WarrenConnectorIncomingConfiguration cfg,
            IncomingServices services) {
        StreamIncomingChannel channel = new StreamIncomingChannel(cfg, services, environments);
        incomings.add(channel);
        return channel.publisher();
    }

    /** Opens an outgoing channel on the stream protocol. */
    public Flow.Subscriber<? extends Message<?>> outgoing(WarrenConnectorOutgoingConfiguration cfg,
            PayloadCodec codec) {
        StreamOutgoingChannel channel = new StreamOutgoingChannel(cfg, codec, environments);
        outgoings.add(channel);
        return channel;
    }

    /** The incoming stream channels opened so far; for tests and tooling. */
    public List<StreamIncomingChannel> incomingChannels() {
        return List.copyOf(incomings);
    }

    /** Adds every stream channel to a health report. */
    public void report(HealthReport.HealthReportBuilder builder, boolean readiness) {
        incomings.forEach(c -> c.health().report(builder, readiness));
        outgoings.forEach(c -> c.health().report(builder, readiness));
    }

    /** Stops consuming, lets in-flight messages finish and commits their offsets, then closes everything. */
    public void close() {
        incomings.forEach(StreamIncomingChannel::stopConsuming);
        incomings.forEach(StreamIncomingChannel::close);
        outgoings.forEach(StreamOutgoingChannel::close);
        incomings.clear();
        outgoings.clear();
        environments.close();
    }
}
