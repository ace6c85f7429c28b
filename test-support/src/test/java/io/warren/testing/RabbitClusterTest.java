package io.warren.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;

/**
 * The tests' own 3-node cluster: on loopback only, quorum queues on every node, a client given every address
 * reconnects to a surviving node, never two nodes down, and nothing left behind.
 */
class RabbitClusterTest {

    @Test
    void aClusterOnLoopbackThatSurvivesANodeAndLeavesNothingBehind() throws Exception {
        List<Path> folders = new ArrayList<>();
        try (RabbitCluster cluster = RabbitCluster.start(3)) {
            for (int i = 1; i <= 3; i++) {
                folders.add(cluster.node(i).folder());
                // Every listener (AMQP, clustering, CLI) is bound to 127.0.0.1 only.
                String listeners = cluster.node(i).diagnostics("-q", "listeners");
                assertThat(listeners).contains("127.0.0.1").doesNotContain("0.0.0.0").doesNotContain("::");
                assertThat(cluster.node(i).amqpPort()).isNotEqualTo(5672);
            }
            assertThat(cluster.addresses()).matches("127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+,127\\.0\\.0\\.1:\\d+");

            ConnectionFactory f = new ConnectionFactory();
            f.setNetworkRecoveryInterval(200);
            List<Address> addresses = List.of(Address.parseAddresses(cluster.addresses()));
            try (Connection c = f.newConnection(addresses, "cluster-selftest")) {
                Channel ch = c.createChannel();
                ch.queueDeclare("selftest", true, false, false, Map.of("x-queue-type", "quorum"));
                ch.basicQos(9);
                ch.basicConsume("selftest", false, new DefaultConsumer(ch));
                assertThat(cluster.rows(1, "list_queues", "name", "members").get(0)[1])
                        .contains(cluster.node(1).nodeName(), cluster.node(2).nodeName(), cluster.node(3).nodeName());
                int leader = cluster.leaderOf("selftest", 1);
                assertThat(leader).isBetween(1, 3);
                assertThat(cluster.prefetchCounts("selftest", 1)).containsExactly(9);
                assertThat(cluster.messages("selftest", 1)).containsExactly(0, 0);
                List<Integer> on = cluster.nodesOfConnection("cluster-selftest", 1);
                assertThat(on).hasSize(1);
                int home = on.get(0);

                cluster.stopNode(home);
                int other = home % 3 + 1;
                assertThatThrownBy(() -> cluster.stopNode(other)).hasMessageContaining("never stop two nodes at once");
                int via = cluster.anyRunningBut(home);
                long deadline = System.currentTimeMillis() + 30_000;
                while (cluster.nodesOfConnection("cluster-selftest", via).isEmpty()
                        && System.currentTimeMillis() < deadline) {
                    Thread.sleep(200);
                }
                List<Integer> now = cluster.nodesOfConnection("cluster-selftest", via);
                assertThat(now).as("the client reconnected to a surviving node").hasSize(1).doesNotContain(home);
                assertThat(cluster.leaderOf("selftest", via)).isNotEqualTo(home).isPositive();
                cluster.startNode(home);
                assertThat(cluster.node(home).isRunning()).isTrue();
                assertThat(cluster.rows(home, "list_queues", "name").get(0)[0]).isEqualTo("selftest");
            }
        }
        for (Path folder : folders) {
            assertThat(Files.exists(folder)).as(folder.toString()).isFalse();
        }
    }
}
