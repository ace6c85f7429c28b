package io.warren.bench.raw;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.warren.testing.RabbitNode;

/**
 * W5: publish {@code n} messages to a fresh stream with confirms, then consume them from the first one, on each system
 * in turn, round after round. The machine's broker has no stream plugin, so W5 starts a node of its own.
 */
final class StreamWorkload implements Workload {

    /** W5's systems: Warren on the stream protocol, Warren over AMQP 0-9-1, the raw stream-client. */
    static final List<String> SYSTEMS = List.of(System.getProperty("w5-systems",
            "warren-native,warren,raw-stream").split(","));
    private static final List<List<String>> RATIOS = List.of(List.of("warren-native", "raw-stream"),
            List.of("warren-native", "warren"));

    private final long n;
    private RabbitNode node;

    StreamWorkload(long n) {
        this.n = n;
    }

    @Override
    public List<Results.Section> sections() {
        return List.of(
                new Results.Section("w5-publish", "publish to a stream with confirms", Measure.RATE, SYSTEMS, RATIOS),
                new Results.Section("w5-consume", "consume a stream from its first message", Measure.RATE, SYSTEMS,
                        RATIOS));
    }

    @Override
    public AutoCloseable open() throws Exception {
        node = RabbitNode.builder("bench-stream").plugin("rabbitmq_stream").port("stream")
                .config(x -> "stream.listeners.tcp.1 = 127.0.0.1:" + x.port("stream"))
                .config("stream.advertised_host = 127.0.0.1")
                .config(x -> "stream.advertised_port = " + x.port("stream")).start();
        return node;
    }

    @Override
    public Map<String, String> runOnce(Launcher launcher, String system) throws Exception {
        String stream = "bench-w5-" + system + "-" + UUID.randomUUID().toString().substring(0, 6);
        ConnectionFactory f = RawBench.factory();
        f.setPort(node.amqpPort());
        try (Connection c = f.newConnection("bench-runner")) {
            Channel ch = c.createChannel();
            ch.queueDeclare(stream, true, false, false, Map.of("x-queue-type", "stream"));
            // While publishing, the apps' incoming channel reads an empty stream, not the one written.
            ch.queueDeclare(stream + "-idle", true, false, false, Map.of("x-queue-type", "stream"));
        }
        Map<String, String> lines = new LinkedHashMap<>();
        try {
            long inStream = n;
            for (String phase : List.of("publish", "consume")) {
                String in = phase.equals("publish") ? stream + "-idle" : stream;
                // The consumer reads what was published: a message whose send failed is not in the stream.
                long count = phase.equals("publish") ? n : inStream;
                List<String> props = new ArrayList<>(List.of("-Dbench.mode=" + phase, "-Dbench.n=" + count,
                        "-Dbench.in-queue=" + in, "-Dbench.out-queue=" + stream, "-Dbench.port=" + node.amqpPort(),
                        "-Dbench.stream-port=" + node.port("stream")));
                props.addAll(streamChannel(system, in, stream, node.port("stream")));
                String program = system.equals("warren-native") ? "warren" : system;
                String line = launcher.launch(program, props, node.amqpPort());
                lines.put("w5-" + phase, line);
                double nacked = Results.value(line, "nacked");
                if (!Double.isNaN(nacked)) {
                    inStream = n - (long) nacked;
                }
            }
        } finally {
            try (Connection c = f.newConnection("bench-runner")) {
                Channel ch = c.createChannel();
                ch.queueDelete(stream);
                ch.queueDelete(stream + "-idle");
            }
        }
        return lines;
    }

    /** The channel settings that put the Warren app on the stream, natively or over AMQP 0-9-1. */
    private static List<String> streamChannel(String system, String inStream, String stream, int streamPort) {
        String in = "-Dmp.messaging.incoming.bench-in.";
        String out = "-Dmp.messaging.outgoing.bench-out.";
        if (system.equals("warren-native")) {
            return List.of(in + "stream.protocol=native", in + "stream.name=" + inStream,
                    in + "stream.port=" + streamPort, in + "stream.declare=false", out + "stream.protocol=native",
                    out + "stream.name=" + stream, out + "stream.port=" + streamPort, out + "stream.declare=false");
        }
        if (system.equals("warren")) {
            return List.of(in + "queue.x-queue-type=stream", in + "stream.offset=first", in + "queue.declare=false");
        }
        return List.of();
    }
}
