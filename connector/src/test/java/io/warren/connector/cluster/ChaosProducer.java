package io.warren.connector.cluster;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * Publishes ids {@code 0..n-1} to the input queue at a steady rate, at least once: batches wait for their confirms,
 * and a batch that failed (connection lost, nack, timeout) is published again whole, so that the producer itself
 * loses nothing while the cluster is under faults. Its duplicates are bounded by one batch per fault.
 */
final class ChaosProducer implements Runnable {

    static final int BATCH = 50;
    static final String ID_HEADER = "chaos-id";

    private final String addresses;
    private final String queue;
    private final int n;
    private final int ratePerSecond;
    private final AtomicInteger published = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private volatile boolean done;
    private volatile Throwable failure;

    ChaosProducer(String addresses, String queue, int n, int ratePerSecond) {
        this.addresses = addresses;
        this.queue = queue;
        this.n = n;
        this.ratePerSecond = ratePerSecond;
    }

    boolean done() {
        return done;
    }

    int published() {
        return published.get();
    }

    int retries() {
        return retries.get();
    }

    Throwable failure() {
        return failure;
    }

    @Override
    public void run() {
        ConnectionFactory f = new ConnectionFactory();
        f.setNetworkRecoveryInterval(300);
        f.setRequestedHeartbeat(5);
        long start = System.nanoTime();
        try (Connection c = f.newConnection(List.of(Address.parseAddresses(addresses)), "chaos-producer")) {
            Channel ch = null;
            int next = 0;
            while (next < n && !Thread.currentThread().isInterrupted()) {
                int end = Math.min(n, next + BATCH);
                try {
                    if (ch == null || !ch.isOpen()) {
                        ch = c.createChannel();
                        ch.confirmSelect();
                    }
                    for (int id = next; id < end; id++) {
                        ch.basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(2)
                                .contentType("text/plain").messageId("chaos-" + id)
                                .headers(java.util.Map.of(ID_HEADER, id)).build(),
                                ("chaos-" + id).getBytes(StandardCharsets.UTF_8));
                    }
                    ch.waitForConfirmsOrDie(15_000);
                    next = end;
                    published.set(end);
                    pace(start, end);
                } catch (Exception e) {
                    retries.incrementAndGet();
                    closeQuietly(ch);
                    ch = null;
                    Thread.sleep(200);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e;
        } finally {
            done = true;
        }
    }

    private void pace(long start, int sent) throws InterruptedException {
        long due = start + sent * 1_000_000_000L / ratePerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    private static void closeQuietly(Channel ch) {
        if (ch != null) {
            try {
                ch.abort();
            } catch (Exception e) {
                // already gone
            }
        }
    }
}
