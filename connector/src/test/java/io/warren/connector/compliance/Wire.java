package io.warren.connector.compliance;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * One probe's access to a broker: a connection of its own (a refused method may close it), unique names, and the
 * clean-up of what it declared, through a connection of the test's.
 */
final class Wire implements AutoCloseable {

    final Connection connection;
    private final Connection admin;
    private final List<String> queues = new ArrayList<>();
    private final List<String> exchanges = new ArrayList<>();

    Wire(ConnectionFactory factory, Connection admin) throws Exception {
        this.connection = factory.newConnection("warren-compliance");
        this.admin = admin;
    }

    Channel channel() throws IOException {
        return connection.createChannel();
    }

    /** A queue name of this run, deleted afterwards. */
    String queue() {
        String q = "compliance-q-" + UUID.randomUUID().toString().substring(0, 8);
        queues.add(q);
        return q;
    }

    /** An exchange name of this run, deleted afterwards. */
    String exchange() {
        String x = "compliance-x-" + UUID.randomUUID().toString().substring(0, 8);
        exchanges.add(x);
        return x;
    }

    /** A plain durable classic queue. */
    String declaredQueue(Channel ch, Map<String, Object> args) throws IOException {
        String q = queue();
        ch.queueDeclare(q, true, false, false, args);
        return q;
    }

    static AMQP.BasicProperties props() {
        return new AMQP.BasicProperties.Builder().build();
    }

    /** The next message of a queue, waiting up to the time given; null if none came. */
    static GetResponse get(Channel ch, String queue, long waitMs) throws Exception {
        long deadline = System.currentTimeMillis() + waitMs;
        do {
            GetResponse r = ch.basicGet(queue, true);
            if (r != null) {
                return r;
            }
            Thread.sleep(20);
        } while (System.currentTimeMillis() < deadline);
        return null;
    }

    static int count(Channel ch, String queue) throws IOException {
        return ch.queueDeclarePassive(queue).getMessageCount();
    }

    @Override
    public void close() {
        try {
            if (connection.isOpen()) {
                connection.abort(2000);
            }
        } catch (RuntimeException e) {
            // gone already
        }
        // A channel per deletion: a broker may close the channel on a name it does not know.
        for (String q : queues) {
            try (Channel ch = admin.createChannel()) {
                ch.queueDelete(q);
            } catch (Exception e) {
                // never declared, or refused
            }
        }
        for (String x : exchanges) {
            try (Channel ch = admin.createChannel()) {
                ch.exchangeDelete(x);
            } catch (Exception e) {
                // never declared
            }
        }
    }
}
