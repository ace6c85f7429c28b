package io.warren.connector.stream;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.stream.Environment;
import com.rabbitmq.stream.StreamCreator;

import io.warren.connector.WarrenConnectorCommonConfiguration;
import io.warren.connector.connection.ConnectionSettings;
import io.warren.connector.log.StreamLog;

/**
 * The stream or super stream a channel uses, and its declaration with the retention settings.
 * <p>
 * A plain stream is declared over the stream protocol. A super stream is declared over AMQP 0-9-1, the way
 * RabbitMQ's own {@code add_super_stream} command does it: a direct exchange marked {@code x-super-stream}, one
 * stream per partition named {@code <name>-<i>}, bound with the key {@code <i>} and the argument
 * {@code x-stream-partition-order}. The stream protocol's command for it only exists from RabbitMQ 3.13 on; this works
 * on every version with the stream plugin (checked on 3.10). Existing streams are left as they are: RabbitMQ refuses
 * to redeclare one with other settings, and retention can be changed with a policy.
 */
final class StreamTopology {

    private static final StreamLog LOG = StreamLog.of(StreamTopology.class);

    final String name;
    final boolean superStream;
    final int partitions;
    private final boolean declare;
    private final Optional<String> maxAge;
    private final Optional<Long> maxLengthBytes;
    private final Optional<Long> maxSegmentSizeBytes;
    private final ConnectionSettings amqp;

    StreamTopology(WarrenConnectorCommonConfiguration cfg, String name) {
        this.name = name;
        this.superStream = cfg.getStreamSuperStream();
        this.partitions = Math.max(1, cfg.getStreamPartitions());
        this.declare = cfg.getStreamDeclare();
        this.maxAge = cfg.getStreamMaxAge().map(String::trim);
        this.maxLengthBytes = cfg.getStreamMaxLengthBytes();
        this.maxSegmentSizeBytes = cfg.getStreamMaxSegmentSizeBytes();
        this.amqp = ConnectionSettings.from(cfg);
    }

    /** The streams messages are read from: the stream itself, or the partitions of the super stream. */
    List<String> streams() {
        if (!superStream) {
            return List.of(name);
        }
        List<String> result = new ArrayList<>();
        for (int i = 0; i < partitions; i++) {
            result.add(name + "-" + i);
        }
        return result;
    }

    /** Declares the stream or super stream unless {@code stream.declare=false}. */
    void declare(Environment env) throws IOException, TimeoutException {
        if (!declare) {
            return;
        }
        if (superStream) {
            declareSuperStream();
        } else {
            declareStream(env, name, maxAge, maxLengthBytes, maxSegmentSizeBytes);
        }
    }

    /** Declares a plain stream, with the channel's retention, over the stream protocol; an existing one is kept. */
    void declareStream(Environment env, String stream) {
        declareStream(env, stream, maxAge, maxLengthBytes, maxSegmentSizeBytes);
    }

    private static void declareStream(Environment env, String stream, Optional<String> maxAge,
            Optional<Long> maxLengthBytes, Optional<Long> maxSegmentSizeBytes) {
        if (env.streamExists(stream)) {
            return;
        }
        StreamCreator creator = env.streamCreator().stream(stream);
        // The raw arguments take RabbitMQ's own formats ("7D"), as x-max-age does over AMQP.
        maxAge.ifPresent(a -> creator.argument("max-age", a));
        maxLengthBytes.ifPresent(b -> creator.argument("max-length-bytes", String.valueOf(b)));
        maxSegmentSizeBytes.ifPresent(b -> creator.argument("stream-max-segment-size-bytes", String.valueOf(b)));
        creator.create();
        LOG.declared(stream);
    }

    private void declareSuperStream() throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        f.setUsername(amqp.username());
        f.setPassword(amqp.password());
        f.setVirtualHost(amqp.virtualHost());
        f.setConnectionTimeout(amqp.connectionTimeoutMs());
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection(amqp.addresses(), "warren-stream-topology")) {
            Channel ch = c.createChannel();
            ch.exchangeDeclare(name, "direct", true, false, Map.of("x-super-stream", true));
            Map<String, Object> args = new HashMap<>();
            args.put("x-queue-type", "stream");
            maxAge.ifPresent(a -> args.put("x-max-age", a));
            maxLengthBytes.ifPresent(b -> args.put("x-max-length-bytes", b));
            maxSegmentSizeBytes.ifPresent(b -> args.put("x-stream-max-segment-size-bytes", b));
            List<String> streams = streams();
            for (int i = 0; i < streams.size(); i++) {
                String partition = streams.get(i);
                if (!exists(c, partition)) {
                    ch.queueDeclare(partition, true, false, false, args);
                }
                ch.queueBind(partition, name, String.valueOf(i), Map.of("x-stream-partition-order", i));
            }
            LOG.superStreamDeclared(name, streams.size());
        }
    }

    private static boolean exists(Connection c, String queue) throws IOException {
        // A failed passive declare closes its channel, so it gets one of its own.
        Channel probe = c.createChannel();
        try {
            probe.queueDeclarePassive(queue);
            return true;
        } catch (IOException e) {
            return false;
        } finally {
            if (probe.isOpen()) {
                try {
                    probe.close();
                } catch (IOException | TimeoutException e) {
                    // closing a probe
                }
            }
        }
    }
}
