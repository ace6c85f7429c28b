package io.warren.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** A node of the tests' own starts beside the machine's broker, takes AMQP connections, and leaves nothing behind. */
class RabbitNodeTest {

    @Test
    void startsTakesConnectionsStopsAndDeletesItsFolder() throws Exception {
        Path folder;
        try (RabbitNode node = RabbitNode.builder("selftest").start()) {
            folder = node.folder();
            assertThat(node.amqpPort()).isNotEqualTo(5672);
            ConnectionFactory f = new ConnectionFactory();
            f.setPort(node.amqpPort());
            try (Connection c = f.newConnection()) {
                c.createChannel().queueDeclare("selftest", true, false, false, null);
            }
            assertThat(node.ctl("-q", "list_queues", "name")).contains("selftest");
            // The machine's broker does not know the queue: the node is separate.
            try (Connection c = new ConnectionFactory().newConnection()) {
                assertThatThrownBy(() -> c.createChannel().queueDeclarePassive("selftest"))
                        .hasStackTraceContaining("NOT_FOUND");
            }
            node.stop();
            assertThatThrownBy(() -> f.newConnection()).isInstanceOf(java.io.IOException.class);
            node.start(); // same name, port and data
            try (Connection c = f.newConnection()) {
                c.createChannel().queueDeclarePassive("selftest");
            }
        }
        assertThat(Files.exists(folder)).isFalse();
    }
}
