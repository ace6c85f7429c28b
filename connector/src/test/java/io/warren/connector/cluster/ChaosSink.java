package io.warren.connector.cluster;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Address;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

/**
 * Consumes the pipeline's output queue (downstream of Warren) and counts each id. Acks each delivery after counting
 * it; a delivery whose ack was lost with a connection comes again and counts as a duplicate, bounded by the prefetch.
 */
final class ChaosSink implements AutoCloseable {

    static final int PREFETCH = 100;

    private final AtomicIntegerArray seen;
    private final AtomicLong deliveries = new AtomicLong();
    private final AtomicLong foreign = new AtomicLong();
    private final Connection connection;

    ChaosSink(String addresses, String queue, int n) throws Exception {
        this.seen = new AtomicIntegerArray(n);
        ConnectionFactory f = new ConnectionFactory();
        f.setNetworkRecoveryInterval(300);
        f.setRequestedHeartbeat(5);
        connection = f.newConnection(List.of(Address.parseAddresses(addresses)), "chaos-sink");
        Channel ch = connection.createChannel();
        ch.basicQos(PREFETCH);
        ch.basicConsume(queue, false, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body)
                    throws IOException {
                Object id = properties.getHeaders() == null ? null : properties.getHeaders().get(ChaosProducer.ID_HEADER);
                deliveries.incrementAndGet();
                if (id instanceof Number num && num.intValue() >= 0 && num.intValue() < seen.length()) {
                    seen.incrementAndGet(num.intValue());
                } else {
                    foreign.incrementAndGet();
                }
                try {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                } catch (IOException | RuntimeException e) {
                    // The connection went down under this delivery: it comes again, and counts as a duplicate.
                }
            }
        });
    }

    /** How many distinct ids arrived. */
    int distinct() {
        int d = 0;
        for (int i = 0; i < seen.length(); i++) {
            d += seen.get(i) > 0 ? 1 : 0;
        }
        return d;
    }

    /** Deliveries beyond the first of each id. */
    long duplicates() {
        return deliveries.get() - foreign.get() - distinct();
    }

    /** Deliveries without a valid id: none expected. */
    long foreign() {
        return foreign.get();
    }

    /** Up to {@code max} ids that never arrived. */
    List<Integer> missing(int max) {
        List<Integer> missing = new java.util.ArrayList<>();
        for (int i = 0; i < seen.length() && missing.size() < max; i++) {
            if (seen.get(i) == 0) {
                missing.add(i);
            }
        }
        return missing;
    }

    @Override
    public void close() {
        try {
            connection.abort(5000);
        } catch (Exception e) {
            // already closed
        }
    }
}
