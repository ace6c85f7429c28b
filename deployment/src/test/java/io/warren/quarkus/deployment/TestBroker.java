package io.warren.quarkus.deployment;

import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/** The real broker the tests use (RABBITMQ_HOST / RABBITMQ_PORT, default 127.0.0.1:5672). */
final class TestBroker {

    static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    static final String PORT = System.getenv().getOrDefault("RABBITMQ_PORT", "5672");

    private TestBroker() {
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * A unique name kept in a system property, so that every class loader that loads the test class sees the same
     * one.
     */
    static synchronized String sharedRun(String property, String prefix) {
        String run = System.getProperty(property);
        if (run == null) {
            run = unique(prefix);
            System.setProperty(property, run);
        }
        return run;
    }

    static Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(Integer.parseInt(PORT));
        return f.newConnection("warren-deployment-tests");
    }

    /** Deletes queues and exchanges, ignoring those that do not exist. */
    static void delete(String[] queues, String[] exchanges) {
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            for (String q : queues) {
                ch.queueDelete(q);
            }
            for (String x : exchanges) {
                ch.exchangeDelete(x);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not clean up the test topology", e);
        }
    }
}
