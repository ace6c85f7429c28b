package io.warren.it;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points the app at the real broker (RABBITMQ_HOST / RABBITMQ_PORT, default 127.0.0.1:5672) with queue and
 * exchange names unique to this run, and deletes them afterwards.
 */
public class WarrenTestResource implements QuarkusTestResourceLifecycleManager {

    static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> exchanges = List.of("it-orders", "it-priced", "it-beats", "it-audit",
            "it-quotes");
    private final List<String> queues = List.of("it-orders", "it-priced", "it-beats", "it-audit", "it-vthreads",
            "it-picky", "it-quotes");

    static String name(String base, String run) {
        return base + "-" + run;
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("rabbitmq-host", HOST);
        config.put("rabbitmq-port", String.valueOf(PORT));
        config.put("warren.it.run", run);
        config.put("mp.messaging.outgoing.new-orders.exchange.name", name("it-orders", run));
        config.put("mp.messaging.incoming.orders.exchange.name", name("it-orders", run));
        config.put("mp.messaging.incoming.orders.queue.name", name("it-orders", run));
        config.put("mp.messaging.outgoing.priced.exchange.name", name("it-priced", run));
        config.put("mp.messaging.incoming.priced-in.exchange.name", name("it-priced", run));
        config.put("mp.messaging.incoming.priced-in.queue.name", name("it-priced", run));
        config.put("mp.messaging.outgoing.heartbeats.exchange.name", name("it-beats", run));
        config.put("mp.messaging.incoming.heartbeats-in.exchange.name", name("it-beats", run));
        config.put("mp.messaging.incoming.heartbeats-in.queue.name", name("it-beats", run));
        for (String channel : List.of("audit", "vthreads", "picky")) {
            config.put("mp.messaging.incoming." + channel + ".exchange.name", name("it-audit", run));
        }
        config.put("mp.messaging.incoming.audit.queue.name", name("it-audit", run));
        config.put("mp.messaging.incoming.vthreads.queue.name", name("it-vthreads", run));
        config.put("mp.messaging.incoming.picky.queue.name", name("it-picky", run));
        for (String channel : List.of("outgoing.quote-requests", "incoming.quote-requests-in", "outgoing.slow-requests")) {
            config.put("mp.messaging." + channel + ".exchange.name", name("it-quotes", run));
        }
        config.put("mp.messaging.incoming.quote-requests-in.queue.name", name("it-quotes", run));
        return config;
    }

    @Override
    public void stop() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(PORT);
        try (Connection c = f.newConnection("warren-it-cleanup")) {
            Channel ch = c.createChannel();
            for (String q : queues) {
                ch.queueDelete(name(q, run));
            }
            for (String x : exchanges) {
                ch.exchangeDelete(name(x, run));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not clean up the test topology", e);
        }
    }
}
