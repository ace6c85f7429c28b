package io.warren.connector.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeoutException;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

/**
 * The real broker the tests run against: 127.0.0.1:5672 unless RABBITMQ_HOST / RABBITMQ_PORT say otherwise.
 * Opens a plain amqp-client connection for setup and checks. Connection faults are injected with
 * {@link io.warren.testing.FaultProxy}, never through the management API, which a fresh machine does not have.
 */
public final class Broker implements AutoCloseable {

    public static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(System.getenv().getOrDefault("RABBITMQ_PORT", "5672"));

    private final Connection connection;
    private final Channel channel;

    public Broker() throws IOException, TimeoutException {
        this(HOST, PORT);
    }

    /** A broker elsewhere, such as the embedded one. */
    public Broker(String host, int port) throws IOException, TimeoutException {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername("guest");
        f.setPassword("guest");
        connection = f.newConnection("warren-test-admin");
        channel = connection.createChannel();
    }

    /** A name no other run uses. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public Channel channel() {
        return channel;
    }

    public void declareQueue(String queue, Map<String, Object> args) throws IOException {
        channel.queueDeclare(queue, true, false, false, args);
    }

    public void publish(String exchange, String routingKey, AMQP.BasicProperties props, byte[] body)
            throws IOException {
        channel.basicPublish(exchange, routingKey, props, body);
    }

    public void publishJson(String queue, String messageId, String json) throws IOException {
        publish("", queue, new AMQP.BasicProperties.Builder().contentType("application/json").messageId(messageId)
                .deliveryMode(2).build(), json.getBytes(StandardCharsets.UTF_8));
    }

    /** How many consumers the broker has registered on the queue. */
    public int consumers(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getConsumerCount();
    }

    /** A proxy to this broker that a test can cut, pause and resume; close it after the test. */
    public static io.warren.testing.FaultProxy proxy() {
        return new io.warren.testing.FaultProxy(HOST, PORT);
    }

    /** Ready messages in the queue (excludes unacked ones). */
    public int count(String queue) throws IOException {
        return channel.queueDeclarePassive(queue).getMessageCount();
    }

    public GetResponse get(String queue) throws IOException {
        return channel.basicGet(queue, true);
    }

    public void deleteQueues(String... queues) {
        for (String q : queues) {
            try {
                channel.queueDelete(q);
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    public void deleteExchanges(String... exchanges) {
        for (String x : exchanges) {
            try {
                channel.exchangeDelete(x);
            } catch (IOException | RuntimeException e) {
                // already gone
            }
        }
    }

    @Override
    public void close() throws IOException {
        connection.close();
    }
}
