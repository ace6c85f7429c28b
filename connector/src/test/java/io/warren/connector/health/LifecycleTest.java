package io.warren.connector.health;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.Broker;
import io.warren.connector.support.TestConfig;

/** Start-up without a broker, wrong credentials, and shutdown in the middle of a stream. */
class LifecycleTest {

    private Broker broker;
    private WarrenConnector connector;
    private String queue;

    @BeforeEach
    void setUp() throws Exception {
        broker = new Broker();
        queue = Broker.unique("life");
        broker.declareQueue(queue, null);
        connector = new WarrenConnector(PayloadCodec.defaultMapper());
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        broker.deleteQueues(queue);
        broker.close();
    }

    private TestConfig channel() {
        return TestConfig.channel(Broker.unique("life")).with("queue.name", queue).with("queue.declare", false)
                .with("exchange.name", "\"\"");
    }

    @Test
    void aWrongPasswordKeepsTheChannelNotReadyWithAReasonThatHidesThePassword() {
        consume(connector, channel().with("password", "not-the-password-42")).subscribe().with(Message::ack);
        ChannelHealth health = connector.incomingChannels().get(0).health();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.problem() != null && health.problem().contains("authentication failed"));
        assertThat(health.isReady()).isFalse();
        assertThat(health.isAlive()).isTrue();
        assertThat(health.problem()).contains("'guest'").doesNotContain("not-the-password-42");
    }

    @Test
    void anUnreachableBrokerIsRetriedUntilItAnswers() {
        consume(connector, channel().with("port", 1)).subscribe().with(Message::ack);
        ChannelHealth health = connector.incomingChannels().get(0).health();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.problem() != null && health.problem().contains("Connection refused"));
        assertThat(health.isReady()).isFalse();
    }

    @Test
    void aMissingQueueIsReportedAndConsumptionStartsOnceItExists() throws Exception {
        String missing = Broker.unique("missing");
        Set<String> got = ConcurrentHashMap.newKeySet();
        consume(connector, channel().with("queue.name", missing)).subscribe().with(m -> {
            got.add((String) m.getPayload());
            m.ack();
        });
        ChannelHealth health = connector.incomingChannels().get(0).health();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.problem() != null && health.problem().contains("404"));
        assertThat(health.problem()).contains(missing);
        try {
            broker.declareQueue(missing, null);
            broker.publish("", missing, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .contentType("text/plain").build(), "late".getBytes());
            await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("late"));
            assertThat(health.isReady()).isTrue();
        } finally {
            broker.deleteQueues(missing);
        }
    }

    @Test
    void shutdownMidStreamAcksWhatWasProcessedAndLeavesTheRestQueued() throws Exception {
        int n = 400;
        for (int i = 0; i < n; i++) {
            broker.publishJson(queue, "m-" + i, "{\"n\":" + i + "}");
        }
        Set<String> processed = ConcurrentHashMap.newKeySet();
        consume(connector, channel().with("max-outstanding-messages", 20))
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(m -> {
                    try {
                        Thread.sleep(5);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    processed.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getMessageId()
                            .orElseThrow());
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(20)).until(() -> processed.size() > 50);
        connector.close();
        int done = processed.size();
        assertThat(done).isLessThan(n);
        // Everything processed was acked (not back in the queue); everything else is still there.
        assertThat(broker.count(queue)).isEqualTo(n - done);
        com.rabbitmq.client.GetResponse r;
        while ((r = broker.get(queue)) != null) {
            assertThat(processed).doesNotContain(r.getProps().getMessageId());
        }
    }

    @Test
    void channelsCloseInParallelWithinOneShutdownTimeout() throws Exception {
        // Ten channels, each with a message its handler never finishes.
        List<String> queues = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String q = Broker.unique("stuck");
            queues.add(q);
            broker.declareQueue(q, null);
            broker.publishJson(q, "stuck-" + i, "{}");
            consume(connector, channel().with("queue.name", q).with("shutdown-timeout", 1000))
                    .subscribe().with(m -> {
                        // never acked
                    });
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> connector.incomingChannels().stream()
                    .allMatch(c -> c.health().isReady()));
            await().atMost(Duration.ofSeconds(10)).until(() -> queues.stream().allMatch(q -> {
                try {
                    return broker.count(q) == 0; // delivered, held by the handler
                } catch (java.io.IOException e) {
                    return false;
                }
            }));
            long start = System.nanoTime();
            connector.close();
            // One after another they took ten timeouts (10 s); together, about one.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // Nothing was acked: the broker has every message back.
            await().atMost(Duration.ofSeconds(5)).until(() -> queues.stream().allMatch(q -> {
                try {
                    return broker.count(q) == 1;
                } catch (java.io.IOException e) {
                    return false;
                }
            }));
        } finally {
            broker.deleteQueues(queues.toArray(String[]::new));
        }
    }
}
