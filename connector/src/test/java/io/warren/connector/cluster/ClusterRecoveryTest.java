package io.warren.connector.cluster;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.TestConfig;
import io.warren.testing.FaultProxy;
import io.warren.testing.RabbitCluster;

/**
 * Warren on the tests' own 3-node cluster with quorum queues: {@code addresses} with every node really used, the
 * reconnect to a surviving node when the connection's node stops, and a leader moving under a live consumer. After
 * each, the consumer is registered again with its prefetch (asked of the broker) and nothing is processed twice
 * beyond the prefetch window.
 */
@ExtendWith(SharedCluster.class)
class ClusterRecoveryTest {

    private static final int PREFETCH = 17;

    private final RabbitCluster cluster;
    private final String run = "cr-" + UUID.randomUUID().toString().substring(0, 8);
    private final String queue = run + "-q";
    private WarrenConnector connector;
    private final Map<String, AtomicInteger> processed = new ConcurrentHashMap<>();

    ClusterRecoveryTest(RabbitCluster cluster) {
        this.cluster = cluster;
    }

    @BeforeEach
    void setUp() {
        connector = new WarrenConnector(PayloadCodec.defaultMapper());
    }

    @AfterEach
    void tearDown(TestInfo test) throws Exception {
        System.out.printf("cluster: %s processed=%d duplicates=%d (bound %d)%n", test.getDisplayName(),
                processed.size(), duplicates(), PREFETCH);
        connector.close();
        for (int i = 1; i <= 3; i++) {
            if (!cluster.node(i).isRunning()) {
                cluster.startNode(i);
            }
        }
        try (Connection c = connect(1)) {
            c.createChannel().queueDelete(queue);
        }
    }

    private Connection connect(int node) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(cluster.node(node).amqpPort());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection(run + "-test");
    }

    /** A Warren channel consuming the quorum queue, counting what it processes. */
    private void consumeWith(String addresses) {
        consume(connector, TestConfig.channel(run).with("addresses", addresses).with("connection-name", run)
                .with("queue.name", queue).with("exchange.name", "\"\"").with("queue.x-queue-type", "quorum")
                .with("max-outstanding-messages", PREFETCH).with("network-recovery-interval", 300))
                .subscribe().with(m -> {
                    String id = m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getMessageId().orElse("");
                    processed.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                    m.ack();
                });
    }

    private void publish(int node, String prefix, int n) throws Exception {
        try (Connection c = connect(node)) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            for (int i = 0; i < n; i++) {
                ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(prefix + i).deliveryMode(2)
                        .contentType("text/plain").build(), (prefix + i).getBytes(StandardCharsets.UTF_8));
            }
            ch.waitForConfirmsOrDie(10_000);
        }
    }

    /** Publishes at about 200 a second from another thread, so that messages are in flight during the fault. */
    private Thread publishMeanwhile(int node, String prefix, int n) {
        Thread t = new Thread(() -> {
            try (Connection c = connect(node)) {
                Channel ch = c.createChannel();
                ch.confirmSelect();
                for (int i = 0; i < n; i++) {
                    ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().messageId(prefix + i)
                            .deliveryMode(2).contentType("text/plain").build(),
                            (prefix + i).getBytes(StandardCharsets.UTF_8));
                    if (i % 20 == 19) {
                        ch.waitForConfirmsOrDie(30_000);
                        Thread.sleep(100);
                    }
                }
                ch.waitForConfirmsOrDie(30_000);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "cluster-test-publisher");
        t.start();
        return t;
    }

    private void awaitProcessed(String prefix, int n) {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (int i = 0; i < n; i++) {
                if (!processed.containsKey(prefix + i)) {
                    return false;
                }
            }
            return true;
        });
    }

    private int duplicates() {
        return processed.values().stream().mapToInt(a -> a.get() - 1).sum();
    }

    /** The consumer is registered on the broker with the configured prefetch. */
    private void awaitConsumerWithPrefetch(int via) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> cluster.prefetchCounts(queue, via), counts -> counts.equals(List.of(PREFETCH)));
    }

    private void declareQueueOn(int node) throws Exception {
        try (Connection c = connect(node)) {
            c.createChannel().queueDeclare(queue, true, false, false, Map.of("x-queue-type", "quorum"));
        }
    }

    @Test
    void everyAddressIsUsedWhenTheOthersRefuse() throws Exception {
        declareQueueOn(1);
        FaultProxy[] proxies = new FaultProxy[3];
        try {
            StringBuilder addresses = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                proxies[i] = new FaultProxy("127.0.0.1", cluster.node(i + 1).amqpPort());
                addresses.append(i == 0 ? "" : ",").append(proxies[i].address());
            }
            consumeWith(addresses.toString());
            awaitConsumerWithPrefetch(1);
            for (int k = 0; k < 3; k++) {
                for (int j = 0; j < 3; j++) {
                    proxies[j].refuse(j != k);
                }
                int before = proxies[k].accepted();
                for (FaultProxy p : proxies) {
                    p.cut();
                }
                // Only address k takes connections now: the client must go through the list to it.
                int only = k;
                await().atMost(Duration.ofSeconds(30)).until(() -> proxies[only].accepted() > before);
                awaitConsumerWithPrefetch(1);
                publish(1, "via" + k + "-", 20);
                awaitProcessed("via" + k + "-", 20);
            }
            for (FaultProxy p : proxies) {
                assertThat(p.accepted()).isPositive();
            }
            assertThat(duplicates()).isLessThanOrEqualTo(3 * PREFETCH);
        } finally {
            for (FaultProxy p : proxies) {
                if (p != null) {
                    p.close();
                }
            }
        }
    }

    @Test
    void theConnectionMovesToASurvivingNodeWhenItsNodeStops() throws Exception {
        consumeWith(cluster.addresses());
        awaitConsumerWithPrefetch(1);
        List<Integer> homes = cluster.nodesOfConnection(run + "-consumer", 1);
        assertThat(homes).hasSize(1);
        int home = homes.get(0);
        int via = cluster.anyRunningBut(home);
        Thread during = publishMeanwhile(via, "during-", 1000);
        Thread.sleep(1000);

        cluster.stopNode(home);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                .until(() -> cluster.nodesOfConnection(run + "-consumer", via), on -> on.size() == 1);
        assertThat(cluster.nodesOfConnection(run + "-consumer", via)).doesNotContain(home);
        awaitConsumerWithPrefetch(via);
        during.join(120_000);
        publish(via, "after-", 100);
        awaitProcessed("during-", 1000);
        awaitProcessed("after-", 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> connector.getReadiness().isOk());
        cluster.startNode(home);
        assertThat(duplicates()).isLessThanOrEqualTo(PREFETCH);
        assertThat(cluster.messages(queue, via)).containsExactly(0, 0);
    }

    @Test
    void theLeaderMovesUnderALiveConsumerThatKeepsItsPrefetch() throws Exception {
        declareQueueOn(1); // the leader is where the declaring client is
        assertThat(cluster.leaderOf(queue, 1)).isEqualTo(1);
        consumeWith("127.0.0.1:" + cluster.node(2).amqpPort() + ",127.0.0.1:" + cluster.node(3).amqpPort());
        awaitConsumerWithPrefetch(2);
        Set<Integer> homes = Set.copyOf(cluster.nodesOfConnection(run + "-consumer", 2));
        Thread during = publishMeanwhile(2, "during-", 1000);
        Thread.sleep(1000);

        cluster.stopNode(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> cluster.leaderOf(queue, 2) > 1);
        during.join(120_000);
        publish(2, "after-", 200);
        awaitProcessed("during-", 1000);
        awaitProcessed("after-", 200);
        awaitConsumerWithPrefetch(2);
        // The connection never moved: only the leader did.
        assertThat(Set.copyOf(cluster.nodesOfConnection(run + "-consumer", 2))).isEqualTo(homes);
        assertThat(connector.getReadiness().isOk()).isTrue();
        cluster.startNode(1);
        assertThat(duplicates()).isLessThanOrEqualTo(PREFETCH);
        assertThat(cluster.messages(queue, 2)).containsExactly(0, 0);
    }
}
