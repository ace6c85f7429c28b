package io.warren.swap;

import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives each test run its own exchanges, queues and MQTT topic on the shared brokers, and deletes them afterwards.
 * The names are passed to the tests in system properties ({@link #run}).
 */
public class UniqueNames implements QuarkusTestResourceLifecycleManager {

    static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));

    private String run;
    private String test = "test";

    @Override
    public void init(Map<String, String> initArgs) {
        test = initArgs.getOrDefault("test", test);
    }

    /**
     * The names of one test class's run: one per class, so that a resource stopped after the next class's
     * application started deletes nothing of that application.
     */
    static synchronized String run(String test) {
        String property = "swap.run." + test;
        String run = System.getProperty(property);
        if (run == null) {
            run = "swap-" + test + "-" + UUID.randomUUID().toString().substring(0, 8);
            System.setProperty(property, run);
        }
        return run;
    }

    @Override
    public Map<String, String> start() {
        run = run(test);
        return Map.ofEntries(
                Map.entry("rabbitmq-host", HOST),
                Map.entry("rabbitmq-port", String.valueOf(PORT)),
                Map.entry("mp.messaging.outgoing.new-orders.exchange.name", run + ".orders"),
                Map.entry("mp.messaging.incoming.orders.exchange.name", run + ".orders"),
                Map.entry("mp.messaging.incoming.orders.queue.name", run + ".orders"),
                Map.entry("mp.messaging.outgoing.parcels.exchange.name", run + ".parcels"),
                Map.entry("mp.messaging.incoming.to-ship.exchange.name", run + ".parcels"),
                Map.entry("mp.messaging.incoming.to-ship.queue.name", run + ".parcels"),
                Map.entry("mp.messaging.outgoing.new-orders.topic", "warren/" + run + "/orders"),
                Map.entry("mp.messaging.incoming.orders.topic", "warren/" + run + "/orders"));
    }

    @Override
    public void stop() {
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            for (String q : new String[] { run + ".orders", run + ".parcels" }) {
                ch.queueDelete(q);
            }
            for (String x : new String[] { run + ".orders", run + ".parcels" }) {
                ch.exchangeDelete(x);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not delete the test's queues and exchanges", e);
        }
    }

    static Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        return f.newConnection("swap-test");
    }
}
