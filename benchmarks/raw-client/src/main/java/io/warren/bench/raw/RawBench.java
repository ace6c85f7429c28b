package io.warren.bench.raw;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.warren.bench.Bench;
import io.warren.bench.Payload;

/**
 * The raw-client reference: the same workloads written directly on amqp-client, with the same prefetch (256), ack
 * batching (multiple=true every 32) and confirm window (1024) as the connectors. This is the limit.
 */
public final class RawBench {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Publish what the connectors publish by default, so that the broker does the same work: Warren sets a
     * {@code message-id} and a {@code timestamp} and publishes with {@code mandatory}, which costs the broker about a
     * fifth of its publishing rate here. {@code -Dbench.raw-messages=bare} publishes without them.
     */
    static final boolean SAME_MESSAGES = !"bare".equals(System.getProperty("bench.raw-messages", "warren"));
    static final AMQP.BasicProperties PERSISTENT_JSON = new AMQP.BasicProperties.Builder()
            .contentType("application/json").deliveryMode(2).build();

    public static void main(String[] args) throws Exception {
        String in = System.getProperty("bench.in-queue", "bench-in");
        String out = System.getProperty("bench.out-queue", "bench-out");
        Bench bench = new Bench();
        ConnectionFactory f = factory();
        Connection consumerConnection = f.newConnection("raw-consumer");
        Connection publisherConnection = f.newConnection("raw-publisher");
        // W6 (bench.channels=8): as many consumer channels on the one connection, and publisher channels on the other,
        // on queues <queue>-0, -1, ... as the apps' w6-in-N and w6-out-N channels.
        int channels = bench.channels;
        List<Bench.Sender> senders = new ArrayList<>();
        for (int i = 0; i < channels; i++) {
            consume(consumerConnection, channels > 1 ? in + "-" + i : in, bench);
            senders.add(new RawPublisher(publisherConnection, channels > 1 ? out + "-" + i : out));
        }
        bench.run(senders, () -> {
            try {
                consumerConnection.close();
                publisherConnection.close();
            } catch (IOException e) {
                // exiting anyway
            }
            System.exit(0);
        });
    }

    /** A consumer channel: Jackson on the client's callback thread, ack {@code multiple=true} every 32. */
    private static void consume(Connection connection, String queue, Bench bench) throws IOException {
        Channel consumer = connection.createChannel();
        consumer.basicQos(Integer.getInteger("bench.prefetch", 256));
        int ackEvery = Integer.getInteger("bench.ack-every", 32);
        consumer.basicConsume(queue, false, new DefaultConsumer(consumer) {
            private int unacked;

            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body)
                    throws IOException {
                bench.onMessage(JSON.readValue(body, Payload.class));
                if (++unacked >= ackEvery) {
                    consumer.basicAck(env.getDeliveryTag(), true);
                    unacked = 0;
                }
            }
        });
    }

    static ConnectionFactory factory() {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(System.getProperty("bench.host", "127.0.0.1"));
        f.setPort(Integer.getInteger("bench.port", 5672));
        return f;
    }

    /** Fills a queue with {@code n} persistent payloads, confirmed, as fast as the broker takes them. */
    static void prefill(String queue, long n) throws IOException, TimeoutException, InterruptedException {
        try (Connection c = factory().newConnection("bench-prefill")) {
            Channel ch = c.createChannel();
            ch.confirmSelect();
            for (long i = 0; i < n; i++) {
                ch.basicPublish("", queue, PERSISTENT_JSON, JSON.writeValueAsBytes(Payload.sample(i)));
                if (i % 5000 == 4999) {
                    ch.waitForConfirmsOrDie(60_000);
                }
            }
            ch.waitForConfirmsOrDie(60_000);
        }
    }
}
