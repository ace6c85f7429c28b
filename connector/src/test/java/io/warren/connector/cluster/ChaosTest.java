package io.warren.connector.cluster;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.TestConfig;
import io.warren.testing.RabbitCluster;

/**
 * The chaos suite: a consume, process, publish pipeline on Warren (an incoming and an outgoing channel, wired as
 * SmallRye wires an {@code @Incoming @Outgoing} method: the output's ack acks the input) on quorum queues of the
 * tests' own 3-node cluster, while {@link ChaosMonkey} closes connections, stops the input queue's leader and
 * restarts the node of the application's connections. Every id must arrive downstream (0 lost), duplicates stay
 * within the in-flight window per fault, the input queue ends empty and readiness ends UP.
 * <p>
 * {@code -Dchaos.messages=N} (default 20,000), {@code -Dchaos.rate=} messages per second (default 400, so the run
 * takes about a minute), {@code -Dchaos.fault-interval=} ms between faults (3,000), {@code -Dchaos.down=} ms a node
 * stays down (6,000).
 */
@ExtendWith(SharedCluster.class)
class ChaosTest {

    private static final Logger LOG = Logger.getLogger(ChaosTest.class);
    /** The pipeline's prefetch; each output's ack acks its input, so at most this many are in the pipeline. */
    static final int PREFETCH = 64;

    private final RabbitCluster cluster;
    private final String run = "chaos-" + UUID.randomUUID().toString().substring(0, 8);
    private final String in = run + "-in";
    private final String out = run + "-out";
    private final WarrenConnector connector = new WarrenConnector(PayloadCodec.defaultMapper());

    ChaosTest(RabbitCluster cluster) {
        this.cluster = cluster;
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        try (Connection c = admin()) {
            c.createChannel().queueDelete(in);
            c.createChannel().queueDelete(out);
            c.createChannel().queueDelete(in + ".dlq");
            c.createChannel().exchangeDelete(run + "-dlx");
        }
    }

    private Connection admin() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(cluster.node(cluster.anyRunningBut(0)).amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection(run + "-admin");
    }

    /**
     * Without a dead-letter queue; {@code -Dchaos.plain=true}. The variant below does all this and more, so verify
     * runs that one.
     */
    @Test
    @EnabledIfSystemProperty(named = "chaos.plain", matches = "true")
    void aPipelineOnQuorumQueuesLosesNothingWhileConnectionsDropAndNodesStop() throws Exception {
        chaos(false);
    }

    /**
     * With {@code auto-bind-dlq} (a classic dead-letter queue, on one node) and a delivery limit, as a production
     * application would run it. Before the channel lifecycle of issue 13, the incoming channel stopped consuming for
     * good once the dead-letter queue's node stopped: its re-declare failed with 404 "home node ... is down", and the
     * retries then ran on the killed connection (lost=16800 of 20000).
     */
    @Test
    void aPipelineWithADeadLetterQueueLosesNothingWhileConnectionsDropAndNodesStop() throws Exception {
        chaos(true);
    }

    @SuppressWarnings("unchecked")
    private void chaos(boolean dlq) throws Exception {
        int n = Integer.getInteger("chaos.messages", 20_000);
        int rate = Integer.getInteger("chaos.rate", 400);
        long drainSeconds = Long.getLong("chaos.drain", 180);
        try (Connection c = admin()) {
            c.createChannel().queueDeclare(out, true, false, false, Map.of("x-queue-type", "quorum"));
        }
        // The application: consume, process, publish, as SmallRye wires a processor method.
        AtomicLong processed = new AtomicLong();
        Flow.Subscriber<Message<?>> output = (Flow.Subscriber<Message<?>>) connector.getSubscriber(app(run + "-out")
                .with("exchange.name", "\"\"").with("default-routing-key", out).with("max-inflight-messages", 256)
                .build());
        TestConfig input = app(run + "-in").with("queue.name", in).with("exchange.name", "\"\"")
                .with("queue.x-queue-type", "quorum").with("max-outstanding-messages", PREFETCH)
                .with("failure-strategy", "requeue").with("requeue.delay", 100);
        if (dlq) {
            // As a production app would: poison messages end in a dead-letter queue after a bounded number of
            // deliveries. The bound is far above what the faults cause (a lost delivery counts too).
            // A classic dead-letter queue (Warren's default for a quorum queue is a quorum one): the hard case, its
            // node goes down with the faults while the input queue stays available.
            input.with("auto-bind-dlq", true).with("dead-letter-queue-type", "classic")
                    .with("dead-letter-exchange", run + "-dlx")
                    .with("queue.x-delivery-limit", 1000);
        }
        consume(connector, input)
                .map(m -> {
                    processed.incrementAndGet();
                    IncomingRabbitMQMetadata md = m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
                    Object id = md.getHeader(ChaosProducer.ID_HEADER).orElse(-1);
                    return m.withPayload("done-" + m.getPayload()).addMetadata(OutgoingRabbitMQMetadata.builder()
                            .withHeader(ChaosProducer.ID_HEADER, id).withMessageId(md.getMessageId().orElse(null))
                            .build());
                })
                .subscribe(output);
        await().atMost(Duration.ofSeconds(60)).until(() -> connector.getReadiness().isOk());

        long start = System.nanoTime();
        ChaosProducer producer = new ChaosProducer(cluster.addresses(), in, n, rate);
        Thread producerThread = new Thread(producer, "chaos-producer");
        ChaosMonkey monkey = new ChaosMonkey(cluster, in, run, Long.getLong("chaos.fault-interval", 3000),
                Long.getLong("chaos.down", 6000));
        try (ChaosSink sink = new ChaosSink(cluster.addresses(), out, n)) {
            monkey.start();
            producerThread.start();
            producerThread.join(Duration.ofSeconds(n / Math.max(1, rate) + 300).toMillis());
            monkey.awaitNodeFaults(180_000);
            monkey.close();
            long deadline = System.nanoTime() + Duration.ofSeconds(drainSeconds).toNanos();
            while (sink.distinct() < n && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            int lost = n - sink.distinct();
            int faults = monkey.faults().size();
            System.out.printf("chaos: lost=%d duplicates=%d n=%d faults=%d seconds=%.0f%n", lost, sink.duplicates(),
                    n, faults, seconds);
            int via = cluster.anyRunningBut(0);
            LOG.infof("chaos: %d faults %s; producer retries %d; processed %d (%d more than n); input queue "
                    + "{ready, unacked} %s; readiness %s", faults, monkey.faults(), producer.retries(),
                    processed.get(), processed.get() - n, Arrays.toString(cluster.messages(in, via)),
                    connector.getReadiness().getChannels().stream()
                            .map(ch -> ch.getChannel() + "=" + ch.isOk() + (ch.getMessage() == null ? ""
                                    : " (" + ch.getMessage() + ")"))
                            .toList());
            assertThat(producer.failure()).as("producer").isNull();
            assertThat(producer.published()).as("published").isEqualTo(n);
            assertThat(monkey.failures()).as("fault injection").isEmpty();
            assertThat(monkey.faults()).as("faults injected")
                    .anySatisfy(f -> assertThat(f).contains("the leader of the input queue"))
                    .anySatisfy(f -> assertThat(f).contains("holds the application's connections"))
                    .anySatisfy(f -> assertThat(f).contains("closed every client connection"));
            assertThat(lost).as("lost; first missing ids %s; input queue {ready, unacked} %s", sink.missing(20),
                    Arrays.toString(cluster.messages(in, via))).isZero();
            assertThat(sink.foreign()).isZero();
            // Per fault, at most the pipeline's window is redone, plus a producer batch and the sink's prefetch.
            long window = PREFETCH + ChaosProducer.BATCH + ChaosSink.PREFETCH;
            assertThat(sink.duplicates()).as("duplicates, at most %d per fault", window)
                    .isLessThanOrEqualTo(Math.max(1, faults) * window);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> cluster.messages(in, via), m -> m[0] == 0 && m[1] == 0);
            if (dlq) {
                assertThat(cluster.messages(in + ".dlq", via)).as("dead-lettered").containsExactly(0, 0);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> connector.getReadiness().isOk());
        } finally {
            producerThread.interrupt();
            monkey.close();
        }
    }

    private TestConfig app(String channel) {
        return TestConfig.channel(channel).with("addresses", cluster.addresses()).with("connection-name", run)
                .with("network-recovery-interval", 500).with("requested-heartbeat", 5);
    }
}
