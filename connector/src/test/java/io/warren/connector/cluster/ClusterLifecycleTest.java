package io.warren.connector.cluster;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;

import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.incoming.IncomingChannel;
import io.warren.connector.support.Broker;
import io.warren.connector.support.TestConfig;
import io.warren.testing.RabbitCluster;

/**
 * The failure seen in a 3-node cluster: a quorum queue available, its classic dead-letter queue on a node that is
 * down, and the channel, reconnected to a surviving node, refusing to consume at all.
 */
class ClusterLifecycleTest {

    private static RabbitCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RabbitCluster.start(3);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aQuorumQueueIsConsumedWhileItsClassicDeadLetterQueueIsOnAStoppedNode() throws Exception {
        String queue = Broker.unique("cl");
        Set<String> processed = ConcurrentHashMap.newKeySet();
        WarrenConnector connector = new WarrenConnector(PayloadCodec.defaultMapper());
        try {
            // Connected to node 3 first: the classic dead-letter queue it declares lives there.
            consume(connector, TestConfig.channel(Broker.unique("cl-in")).with("addresses", "127.0.0.1:"
                    + cluster.node(3).amqpPort() + ",127.0.0.1:" + cluster.node(1).amqpPort())
                    .with("queue.name", queue).with("exchange.name", "\"\"").with("queue.x-queue-type", "quorum")
                    .with("auto-bind-dlq", true).with("dead-letter-queue-type", "classic")
                    .with("network-recovery-interval", 500))
                    .subscribe().with(m -> {
                        processed.add(String.valueOf(m.getPayload()));
                        m.ack();
                    });
            IncomingChannel in = connector.incomingChannels().get(0);
            await().atMost(Duration.ofSeconds(20)).until(() -> in.health().isReady());
            try (Broker node1 = new Broker("127.0.0.1", cluster.node(1).amqpPort())) {
                publish(node1, queue, "before");
                await().atMost(Duration.ofSeconds(10)).until(() -> processed.contains("before"));

                cluster.node(3).stop();
                // The application reconnects to node 1; the dead-letter queue's home node is down, the queue is not.
                publish(node1, queue, "while-node-3-is-down");
                await().atMost(Duration.ofSeconds(60)).until(() -> processed.contains("while-node-3-is-down"));
                assertThat(in.health().isReady()).isTrue();
                assertThat(in.health().note()).contains(queue + ".dlq");
            } finally {
                cluster.node(3).start();
            }
            // Once the node is back, the declaration succeeds and the note goes away.
            await().atMost(Duration.ofSeconds(60)).until(() -> in.health().note() == null);
        } finally {
            connector.close();
            try (Broker node1 = new Broker("127.0.0.1", cluster.node(1).amqpPort())) {
                node1.deleteQueues(queue, queue + ".dlq");
            }
        }
    }

    private static void publish(Broker broker, String queue, String body) throws Exception {
        broker.publish("", queue, new AMQP.BasicProperties.Builder().contentType("text/plain").deliveryMode(2).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
