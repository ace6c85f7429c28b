package io.warren.connector.validation;

import static io.warren.connector.validation.Channels.incoming;
import static io.warren.connector.validation.Channels.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;

import io.warren.connector.support.Broker;

/**
 * The broker behaviour each contradiction rule is built on, checked against the real RabbitMQ: what the validator
 * rejects, the broker refuses too (or worse, answers by closing the connection).
 */
class BrokerFactsTest {

    private static final String IN = "mp.messaging.incoming.orders.";
    private final String queue = Broker.unique("facts");

    @AfterEach
    void cleanUp() throws Exception {
        try (Broker broker = new Broker()) {
            broker.deleteQueues(queue);
        }
    }

    private static Connection connect() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(Broker.HOST);
        f.setPort(Broker.PORT);
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection("warren-broker-facts");
    }

    /** Runs the action and returns the broker's reason for closing the channel or connection. */
    private static String refusal(ThrowingAction action) throws Exception {
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            try {
                action.run(ch);
            } catch (IOException e) {
                return ((ShutdownSignalException) e.getCause()).getReason().protocolMethodName() + " "
                        + e.getCause().getMessage();
            }
            throw new AssertionError("the broker accepted it");
        } catch (com.rabbitmq.client.AlreadyClosedException e) {
            return e.getMessage();
        }
    }

    private interface ThrowingAction {
        void run(Channel ch) throws Exception;
    }

    private static void assertError(List<ConfigProblem> problems, String property) {
        assertThat(problems).filteredOn(p -> p.property().equals(property)).singleElement()
                .satisfies(p -> assertThat(p.isError()).isTrue());
    }

    @Test
    void anUnknownExchangeTypeClosesTheConnection() throws Exception {
        assertError(validate(incoming("orders", "exchange.type", "topics")), IN + "exchange.type");
        assertThat(refusal(ch -> ch.exchangeDeclare(queue, "topics")))
                .contains("COMMAND_INVALID - unknown exchange type 'topics'");
    }

    @Test
    void streamsRefuseDeadLetteringAndTtl() throws Exception {
        assertError(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "accept",
                "auto-bind-dlq", "true")), IN + "auto-bind-dlq");
        assertThat(refusal(ch -> ch.queueDeclare(queue, true, false, false,
                Map.of("x-queue-type", "stream", "x-dead-letter-exchange", "DLX"))))
                .contains("PRECONDITION_FAILED - invalid arg 'x-dead-letter-exchange'");
        assertError(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "accept",
                "queue.ttl", "1000")), IN + "queue.ttl");
        assertThat(refusal(ch -> ch.queueDeclare(queue, true, false, false,
                Map.of("x-queue-type", "stream", "x-message-ttl", 1000))))
                .contains("PRECONDITION_FAILED - invalid arg 'x-message-ttl'");
    }

    @Test
    void replicatedQueuesRefuseExclusivityAndPriorities() throws Exception {
        assertError(validate(incoming("orders", "queue.x-queue-type", "quorum", "queue.exclusive", "true")),
                IN + "queue.exclusive");
        assertThat(refusal(ch -> ch.queueDeclare(queue, true, true, false, Map.of("x-queue-type", "quorum"))))
                .contains("PRECONDITION_FAILED - invalid property 'exclusive-owner'");
        assertError(validate(incoming("orders", "queue.x-queue-type", "quorum", "queue.x-max-priority", "5")),
                IN + "queue.x-max-priority");
        assertThat(refusal(ch -> ch.queueDeclare(queue, true, false, false,
                Map.of("x-queue-type", "quorum", "x-max-priority", 5))))
                .contains("PRECONDITION_FAILED - invalid arg 'x-max-priority'");
        assertError(validate(incoming("orders", "queue.x-max-priority", "300")), IN + "queue.x-max-priority");
        assertThat(refusal(ch -> ch.queueDeclare(queue, true, false, false, Map.of("x-max-priority", 300))))
                .contains("max_value_exceeded");
    }

    @Test
    void aStreamOffsetOnAClassicQueueIsRefused() throws Exception {
        assertError(validate(incoming("orders", "stream.offset", "first")), IN + "stream.offset");
        assertThat(refusal(ch -> {
            ch.queueDeclare(queue, false, false, true, null);
            ch.basicQos(10);
            ch.basicConsume(queue, false, Map.of("x-stream-offset", "first"), new DefaultConsumer(ch));
        })).contains("PRECONDITION_FAILED - invalid arg 'x-stream-offset'");
    }

    @Test
    void aStreamNeedsAPrefetchAndARejectClosesTheWholeConnection() throws Exception {
        assertError(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "accept",
                "max-outstanding-messages", "0")), IN + "max-outstanding-messages");
        try (Connection c = connect()) {
            Channel ch = c.createChannel();
            ch.queueDeclare(queue, true, false, false, Map.of("x-queue-type", "stream"));
            ch.basicPublish("", queue, null, "m".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(refusal(ch -> ch.basicConsume(queue, false, Map.of("x-stream-offset", "first"),
                new DefaultConsumer(ch)))).contains("consumer prefetch count is not set");

        // Why Warren turns a reject on a stream into an ack, and refuses strategies that requeue there.
        assertError(validate(incoming("orders", "queue.x-queue-type", "stream", "failure-strategy", "requeue")),
                IN + "failure-strategy");
        AtomicReference<String> closed = new AtomicReference<>();
        try (Connection c = connect()) {
            c.addShutdownListener(cause -> closed.set(cause.getMessage()));
            Channel ch = c.createChannel();
            ch.basicQos(10);
            ch.basicConsume(queue, false, Map.of("x-stream-offset", "first"), new DefaultConsumer(ch) {
                @Override
                public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body)
                        throws IOException {
                    ch.basicReject(envelope.getDeliveryTag(), false);
                }
            });
            await().atMost(Duration.ofSeconds(10)).until(() -> closed.get() != null);
        } catch (com.rabbitmq.client.AlreadyClosedException expected) {
            // closing a connection the broker closed
        }
        assertThat(closed.get()).contains("NOT_IMPLEMENTED - basic.nack and basic.reject not supported by stream queues");
    }
}
