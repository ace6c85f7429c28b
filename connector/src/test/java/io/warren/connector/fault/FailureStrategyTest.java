package io.warren.connector.fault;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.GetResponse;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.Broker;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/** Every built-in failure strategy, against the real broker. */
class FailureStrategyTest {

    private Broker broker;
    private WarrenConnector connector;
    private String queue;
    private final List<String> cleanup = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        broker = new Broker();
        queue = Broker.unique("fs");
        cleanup.add(queue);
        cleanup.add(queue + ".dlq");
        connector = new WarrenConnector(PayloadCodec.defaultMapper());
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        broker.deleteQueues(cleanup.toArray(String[]::new));
        broker.deleteExchanges(queue + "-dlx");
        broker.close();
    }

    private TestConfig channel(String strategy) {
        return TestConfig.channel(Broker.unique("fs")).with("queue.name", queue).with("exchange.name", "\"\"")
                .with("payload-type", Order.class.getName()).with("failure-strategy", strategy);
    }

    private void publishOrders(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            broker.publishJson(queue, "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
    }

    private void awaitReady() {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> connector.incomingChannels().stream().allMatch(c -> c.health().isReady()));
    }

    @Test
    void acceptAcksTheFailedMessage() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        consume(connector, channel("accept")).subscribe().with(m -> {
            seen.incrementAndGet();
            m.nack(new IllegalStateException("no"));
        });
        awaitReady();
        publishOrders(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() == 5);
        connector.close();
        assertThat(broker.count(queue)).isZero();
    }

    @Test
    void requeueDeliversTheMessageAgainAfterTheDelay() throws Exception {
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        List<Long> times = new CopyOnWriteArrayList<>();
        consume(connector, channel("requeue").with("requeue.delay", 300)).subscribe().with(m -> {
            redelivered.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().isRedelivered());
            times.add(System.nanoTime());
            if (redelivered.size() == 1) {
                m.nack(new IllegalStateException("first try fails"));
            } else {
                m.ack();
            }
        });
        awaitReady();
        publishOrders(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> redelivered.size() == 2);
        assertThat(redelivered).containsExactly(false, true);
        // The hot-loop guard held the message before requeueing it.
        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        connector.close();
        assertThat(broker.count(queue)).isZero();
    }

    @Test
    void failStopsTheStreamMarksTheChannelDeadAndKeepsTheMessage() throws Exception {
        AtomicReference<Throwable> streamFailure = new AtomicReference<>();
        consume(connector, channel("fail")).subscribe().with(m -> m.nack(new IllegalStateException("fatal")),
                streamFailure::set);
        awaitReady();
        publishOrders(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> streamFailure.get() != null);
        assertThat(streamFailure.get()).hasMessageContaining("fatal");
        assertThat(connector.incomingChannels().get(0).health().isAlive()).isFalse();
        connector.close();
        assertThat(broker.count(queue)).isEqualTo(1); // requeued, not lost
    }

    @Test
    void deadLetterRepublishesWithFailureHeadersAndAcksTheOriginal() throws Exception {
        consume(connector, channel("dead-letter").with("auto-bind-dlq", true)
                .with("dead-letter-exchange", queue + "-dlx").with("dead-letter.include-stacktrace", true))
                .subscribe().with(m -> m.nack(new IllegalArgumentException("quantity must be positive")));
        awaitReady();
        broker.publish("", queue, new com.rabbitmq.client.AMQP.BasicProperties.Builder().contentType("application/json")
                .messageId("dl-1").headers(Map.of("tenant", "acme")).build(),
                "{\"id\":\"x\",\"quantity\":-1}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.count(queue + ".dlq") == 1);
        GetResponse r = broker.get(queue + ".dlq");
        Map<String, Object> h = r.getProps().getHeaders();
        assertThat(h.get("x-exception-message").toString()).isEqualTo("quantity must be positive");
        assertThat(h.get("x-exception-type").toString()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(h.get("x-exception-stacktrace").toString()).contains("IllegalArgumentException")
                .hasSizeLessThanOrEqualTo(8000);
        assertThat(h.get("x-original-exchange").toString()).isEmpty();
        assertThat(h.get("x-original-routingKey").toString()).isEqualTo(queue);
        assertThat(h.get("tenant").toString()).isEqualTo("acme");
        assertThat(r.getProps().getMessageId()).isEqualTo("dl-1");
        assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"x\",\"quantity\":-1}");
        connector.close();
        assertThat(broker.count(queue)).isZero();
    }

    @Test
    void deadLetterLeavesTheStacktraceOutByDefault() throws Exception {
        consume(connector, channel("dead-letter").with("auto-bind-dlq", true)
                .with("dead-letter-exchange", queue + "-dlx"))
                .subscribe().with(m -> m.nack(new IllegalStateException("bad")));
        awaitReady();
        publishOrders(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.count(queue + ".dlq") == 1);
        assertThat(broker.get(queue + ".dlq").getProps().getHeaders()).doesNotContainKey("x-exception-stacktrace");
    }

    @Test
    void retryBacksOffExponentiallyWhileOtherMessagesFlowThenDeadLetters() throws Exception {
        cleanup.add(queue + ".retry.300");
        cleanup.add(queue + ".retry.600");
        List<String> events = new CopyOnWriteArrayList<>();
        List<Long> failingTimes = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        consume(connector, channel("retry").with("auto-bind-dlq", true).with("dead-letter-exchange", queue + "-dlx")
                .with("retry.max-attempts", 3).with("retry.initial-delay", 300).with("retry.multiplier", 2)
                .with("retry.jitter", 0))
                .subscribe().with(m -> {
                    Order o = (Order) m.getPayload();
                    events.add(o.id);
                    if (o.id.equals("poison")) {
                        failingTimes.add(System.nanoTime() - start);
                        attempts.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getRetryAttempt());
                        m.nack(new IllegalStateException("always fails"));
                    } else {
                        m.ack();
                    }
                });
        awaitReady();
        broker.publishJson(queue, "poison-id", "{\"id\":\"poison\",\"quantity\":1}");
        Thread.sleep(100);
        publishOrders(3); // these arrive while the poison message waits in its retry queue
        await().atMost(Duration.ofSeconds(15)).until(() -> broker.count(queue + ".dlq") == 1);
        assertThat(attempts).containsExactly(0, 1, 2);
        long firstDelay = failingTimes.get(1) - failingTimes.get(0);
        long secondDelay = failingTimes.get(2) - failingTimes.get(1);
        assertThat(Duration.ofNanos(firstDelay)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
        assertThat(secondDelay).isGreaterThan(firstDelay);
        // Good messages were processed between the first failure and the first retry.
        int secondPoison = events.subList(1, events.size()).indexOf("poison") + 1;
        assertThat(events.subList(1, secondPoison)).containsExactlyInAnyOrder("o-0", "o-1", "o-2");
        GetResponse dead = broker.get(queue + ".dlq");
        assertThat(dead.getProps().getHeaders().get("x-warren-retry-attempt")).isEqualTo(2);
        connector.close();
        assertThat(broker.count(queue)).isZero();
    }

    @Test
    void theRetryAttemptCountSurvivesARestartOfTheApplication() throws Exception {
        cleanup.add(queue + ".retry.500");
        cleanup.add(queue + ".retry.1000");
        TestConfig retrying = channel("retry").with("auto-bind-dlq", true).with("dead-letter-exchange", queue + "-dlx")
                .with("retry.max-attempts", 3).with("retry.initial-delay", 500).with("retry.jitter", 0);
        List<Integer> firstRun = new CopyOnWriteArrayList<>();
        consume(connector, retrying).subscribe().with(m -> {
            firstRun.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getRetryAttempt());
            m.nack(new IllegalStateException("always fails"));
        });
        awaitReady();
        publishOrders(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.count(queue + ".retry.500") == 1);
        connector.close(); // the application stops while the message waits for its first retry

        WarrenConnector restarted = new WarrenConnector(PayloadCodec.defaultMapper());
        try {
            List<Integer> secondRun = new CopyOnWriteArrayList<>();
            consume(restarted, retrying).subscribe().with(m -> {
                secondRun.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getRetryAttempt());
                m.nack(new IllegalStateException("always fails"));
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> broker.count(queue + ".dlq") == 1);
            assertThat(firstRun).containsExactly(0);
            // The new instance went on counting: attempts 2 and 3 of 3, then the dead-letter queue.
            assertThat(secondRun).containsExactly(1, 2);
            assertThat(broker.get(queue + ".dlq").getProps().getHeaders().get("x-warren-retry-attempt")).isEqualTo(2);
        } finally {
            restarted.close();
        }
    }

    @Test
    void aBodyThatDoesNotConvertIsNeverRetried() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        consume(connector, channel("retry").with("auto-bind-dlq", true).with("dead-letter-exchange", queue + "-dlx")
                .with("retry.initial-delay", 100))
                .subscribe().with(m -> {
                    handled.incrementAndGet();
                    m.ack();
                });
        awaitReady();
        broker.publishJson(queue, "garbage", "{{{");
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.count(queue + ".dlq") == 1);
        GetResponse dead = broker.get(queue + ".dlq");
        assertThat(dead.getProps().getHeaders().get("x-exception-message").toString())
                .contains("cannot convert message garbage");
        assertThat(dead.getProps().getHeaders()).doesNotContainKey("x-warren-retry-attempt");
        assertThat(handled.get()).isZero();
    }
}
