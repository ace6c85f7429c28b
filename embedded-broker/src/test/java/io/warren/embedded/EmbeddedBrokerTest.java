package io.warren.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

class EmbeddedBrokerTest {

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        broker = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static Connection connect(int port) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(EmbeddedBroker.HOST);
        f.setPort(port);
        f.setUsername(EmbeddedBroker.USERNAME);
        f.setPassword(EmbeddedBroker.PASSWORD);
        f.setVirtualHost("/");
        return f.newConnection("embedded-broker-test");
    }

    @Test
    void listensOnAFreeLoopbackPortAndSpeaksAmqp091WithGuest() throws Exception {
        assertThat(broker.port()).isPositive().isNotEqualTo(5672);
        assertThat(broker.isRunning()).isTrue();
        try (Connection c = connect(broker.port())) {
            assertThat(c.getServerProperties().get("product").toString()).containsIgnoringCase("qpid");
            Channel ch = c.createChannel();
            ch.confirmSelect();
            String q = ch.queueDeclare().getQueue();
            ch.basicPublish("", q, null, "hello".getBytes(StandardCharsets.UTF_8));
            ch.waitForConfirmsOrDie(5000);
            GetResponse r = ch.basicGet(q, true);
            assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void acceptsRabbitMqQueueArgumentsInsteadOfClosingTheConnection() throws Exception {
        try (Connection c = connect(broker.port())) {
            Channel ch = c.createChannel();
            ch.queueDeclare("with-args", false, false, true,
                    Map.of("x-dead-letter-exchange", "dlx", "x-message-ttl", 1000, "x-queue-type", "quorum"));
            assertThat(ch.isOpen()).isTrue();
            assertThat(ch.queueDeclarePassive("with-args").getMessageCount()).isZero();
        }
    }

    @Test
    void startsOnAGivenPortAndFreesItWhenClosed() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedBroker second = EmbeddedBroker.start(port);
        assertThat(second.port()).isEqualTo(port);
        try (Connection c = connect(port)) {
            assertThat(c.isOpen()).isTrue();
        }
        second.close();
        assertThat(second.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket(EmbeddedBroker.HOST, port).close()).isInstanceOf(IOException.class);
        second.close(); // idempotent
    }

    @Test
    void aTakenPortFailsWithAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName(EmbeddedBroker.HOST))) {
            assertThatThrownBy(() -> EmbeddedBroker.start(taken.getLocalPort()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Cannot start the embedded AMQP broker on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    @Test
    void acceptsTheUserItWasStartedWithAndNoOther() throws Exception {
        try (EmbeddedBroker custom = EmbeddedBroker.start(0, "app", "s3\"cret")) {
            ConnectionFactory f = new ConnectionFactory();
            f.setHost(EmbeddedBroker.HOST);
            f.setPort(custom.port());
            f.setUsername("app");
            f.setPassword("s3\"cret");
            try (Connection c = f.newConnection()) {
                assertThat(c.isOpen()).isTrue();
            }
            assertThatThrownBy(() -> connect(custom.port()))
                    .isInstanceOf(com.rabbitmq.client.PossibleAuthenticationFailureException.class);
        }
    }

    /** What {@link EmbeddedBroker#REJECT_KEEPS} says, and what Warren's warnings about the reject strategy repeat. */
    @Test
    void aMessageNackedWithoutRequeueStaysInItsQueueHeldBackFromTheConsumerThatRejectedIt() throws Exception {
        try (Connection c = connect(broker.port())) {
            Channel first = c.createChannel();
            String q = first.queueDeclare("rejected-" + System.nanoTime(), false, false, false, null).getQueue();
            first.basicPublish("", q, null, "refused".getBytes(StandardCharsets.UTF_8));
            java.util.concurrent.BlockingQueue<Long> firstGot = new java.util.concurrent.LinkedBlockingQueue<>();
            first.basicConsume(q, false, (tag, d) -> firstGot.add(d.getEnvelope().getDeliveryTag()), tag -> { });
            Long tag = firstGot.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(tag).isNotNull();
            first.basicNack(tag, false, false); // what Warren sends for the reject strategy

            assertThat(firstGot.poll(1, java.util.concurrent.TimeUnit.SECONDS)).as("redelivered to its rejecter")
                    .isNull();
            Channel other = c.createChannel();
            assertThat(other.queueDeclarePassive(q).getMessageCount()).as("still in the queue").isEqualTo(1);
            java.util.concurrent.BlockingQueue<String> secondGot = new java.util.concurrent.LinkedBlockingQueue<>();
            other.basicConsume(q, true, (t, d) -> secondGot.add(new String(d.getBody(), StandardCharsets.UTF_8)),
                    t -> { });
            assertThat(secondGot.poll(10, java.util.concurrent.TimeUnit.SECONDS)).as("given to another consumer")
                    .isEqualTo("refused");
            other.queueDelete(q);
        }
        assertThat(EmbeddedBroker.unsupportedSummary()).contains(EmbeddedBroker.REJECT_KEEPS);
    }

    /** Unlike basic.nack, Qpid's basic.reject without requeue gives the message straight back to its consumer. */
    @Test
    void aMessageRejectedWithBasicRejectIsRedeliveredToItsConsumer() throws Exception {
        try (Connection c = connect(broker.port())) {
            Channel ch = c.createChannel();
            String q = ch.queueDeclare("basic-reject-" + System.nanoTime(), false, false, false, null).getQueue();
            ch.basicPublish("", q, null, "refused".getBytes(StandardCharsets.UTF_8));
            java.util.concurrent.BlockingQueue<Boolean> got = new java.util.concurrent.LinkedBlockingQueue<>();
            java.util.concurrent.atomic.AtomicInteger deliveries = new java.util.concurrent.atomic.AtomicInteger();
            ch.basicConsume(q, false, (tag, d) -> {
                if (deliveries.incrementAndGet() == 1) {
                    ch.basicReject(d.getEnvelope().getDeliveryTag(), false);
                } else {
                    ch.basicAck(d.getEnvelope().getDeliveryTag(), false);
                }
                got.add(d.getEnvelope().isRedeliver());
            }, tag -> { });
            assertThat(got.poll(10, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
            assertThat(got.poll(10, java.util.concurrent.TimeUnit.SECONDS)).as("redelivered").isTrue();
            ch.queueDelete(q);
        }
    }

    @Test
    void listsWhatItDoesNotSupport() {
        assertThat(EmbeddedBroker.unsupportedSummary()).contains("direct reply-to", "x-dead-letter-exchange",
                "exchange-to-exchange", "nack with multiple=true");
    }
}
