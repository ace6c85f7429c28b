package io.warren.connector.fault;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.GetResponse;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/** Every built-in failure strategy, against the real broker. */
class FailureStrategyTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("fs").undeclared();

    private TestConfig channel(String strategy) {
        return bed.channel("fs").with("payload-type", Order.class.getName()).with("failure-strategy", strategy);
    }

    private void publishOrders(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
    }

    @Test
    void acceptAcksTheFailedMessage() throws Exception {
        AtomicInteger seen = new AtomicInteger();
        bed.consume(channel("accept")).subscribe().with(m -> {
            seen.incrementAndGet();
            m.nack(new IllegalStateException("no"));
        });
        bed.awaitReady(Duration.ofSeconds(10));
        publishOrders(5);
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.get() == 5);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void requeueDeliversTheMessageAgainAfterTheDelay() throws Exception {
        List<Boolean> redelivered = new CopyOnWriteArrayList<>();
        List<Long> times = new CopyOnWriteArrayList<>();
        bed.consume(channel("requeue").with("requeue.delay", 300)).subscribe().with(m -> {
            redelivered.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().isRedelivered());
            times.add(System.nanoTime());
            if (redelivered.size() == 1) {
                m.nack(new IllegalStateException("first try fails"));
            } else {
                m.ack();
            }
        });
        bed.awaitReady(Duration.ofSeconds(10));
        publishOrders(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> redelivered.size() == 2);
        assertThat(redelivered).containsExactly(false, true);
        // The hot-loop guard held the message before requeueing it.
        assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void failStopsTheStreamMarksTheChannelDeadAndKeepsTheMessage() throws Exception {
        AtomicReference<Throwable> streamFailure = new AtomicReference<>();
        bed.consume(channel("fail")).subscribe().with(m -> m.nack(new IllegalStateException("fatal")),
                streamFailure::set);
        bed.awaitReady(Duration.ofSeconds(10));
        publishOrders(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> streamFailure.get() != null);
        assertThat(streamFailure.get()).hasMessageContaining("fatal");
        assertThat(bed.connector().incomingChannels().get(0).health().isAlive()).isFalse();
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isEqualTo(1); // requeued, not lost
    }

    @Test
    void deadLetterRepublishesWithFailureHeadersAndAcksTheOriginal() throws Exception {
        bed.consume(channel("dead-letter").with("auto-bind-dlq", true)
                .with("dead-letter-exchange", bed.dlx()).with("dead-letter.include-stacktrace", true))
                .subscribe().with(m -> m.nack(new IllegalArgumentException("quantity must be positive")));
        bed.awaitReady(Duration.ofSeconds(10));
        bed.broker().publish("", bed.queue(), new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .contentType("application/json")
                .messageId("dl-1").headers(Map.of("tenant", "acme")).build(),
                "{\"id\":\"x\",\"quantity\":-1}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.dlq()) == 1);
        GetResponse r = bed.broker().get(bed.dlq());
        Map<String, Object> h = r.getProps().getHeaders();
        assertThat(h.get("x-exception-message").toString()).isEqualTo("quantity must be positive");
        assertThat(h.get("x-exception-type").toString()).isEqualTo(IllegalArgumentException.class.getName());
        assertThat(h.get("x-exception-stacktrace").toString()).contains("IllegalArgumentException")
                .hasSizeLessThanOrEqualTo(8000);
        assertThat(h.get("x-original-exchange").toString()).isEmpty();
        assertThat(h.get("x-original-routingKey").toString()).isEqualTo(bed.queue());
        assertThat(h.get("tenant").toString()).isEqualTo("acme");
        assertThat(r.getProps().getMessageId()).isEqualTo("dl-1");
        assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"x\",\"quantity\":-1}");
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void deadLetterLeavesTheStacktraceOutByDefault() throws Exception {
        bed.consume(channel("dead-letter").with("auto-bind-dlq", true)
                .with("dead-letter-exchange", bed.dlx()))
                .subscribe().with(m -> m.nack(new IllegalStateException("bad")));
        bed.awaitReady(Duration.ofSeconds(10));
        publishOrders(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.dlq()) == 1);
        assertThat(bed.broker().get(bed.dlq()).getProps().getHeaders()).doesNotContainKey("x-exception-stacktrace");
    }

    @Test
    void retryBacksOffExponentiallyWhileOtherMessagesFlowThenDeadLetters() throws Exception {
        bed.deletesQueues(bed.queue() + ".retry.300");
        bed.deletesQueues(bed.queue() + ".retry.600");
        List<String> events = new CopyOnWriteArrayList<>();
        List<Long> failingTimes = new CopyOnWriteArrayList<>();
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        long start = System.nanoTime();
        bed.consume(channel("retry").with("auto-bind-dlq", true).with("dead-letter-exchange", bed.dlx())
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
        bed.awaitReady(Duration.ofSeconds(10));
        bed.broker().publishJson(bed.queue(), "poison-id", "{\"id\":\"poison\",\"quantity\":1}");
        Thread.sleep(100);
        publishOrders(3); // these arrive while the poison message waits in its retry queue
        await().atMost(Duration.ofSeconds(15)).until(() -> bed.broker().count(bed.dlq()) == 1);
        assertThat(attempts).containsExactly(0, 1, 2);
        long firstDelay = failingTimes.get(1) - failingTimes.get(0);
        long secondDelay = failingTimes.get(2) - failingTimes.get(1);
        assertThat(Duration.ofNanos(firstDelay)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
        assertThat(secondDelay).isGreaterThan(firstDelay);
        // Good messages were processed between the first failure and the first retry.
        int secondPoison = events.subList(1, events.size()).indexOf("poison") + 1;
        assertThat(events.subList(1, secondPoison)).containsExactlyInAnyOrder("o-0", "o-1", "o-2");
        GetResponse dead = bed.broker().get(bed.dlq());
        assertThat(dead.getProps().getHeaders().get("x-warren-retry-attempt")).isEqualTo(2);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void theRetryAttemptCountSurvivesARestartOfTheApplication() throws Exception {
        bed.deletesQueues(bed.queue() + ".retry.500");
        bed.deletesQueues(bed.queue() + ".retry.1000");
        TestConfig retrying = channel("retry").with("auto-bind-dlq", true).with("dead-letter-exchange", bed.dlx())
                .with("retry.max-attempts", 3).with("retry.initial-delay", 500).with("retry.jitter", 0);
        List<Integer> firstRun = new CopyOnWriteArrayList<>();
        bed.consume(retrying).subscribe().with(m -> {
            firstRun.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getRetryAttempt());
            m.nack(new IllegalStateException("always fails"));
        });
        bed.awaitReady(Duration.ofSeconds(10));
        publishOrders(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue() + ".retry.500") == 1);
        bed.connector().close(); // the application stops while the message waits for its first retry

        WarrenConnector restarted = new WarrenConnector(PayloadCodec.defaultMapper());
        try {
            List<Integer> secondRun = new CopyOnWriteArrayList<>();
            consume(restarted, retrying).subscribe().with(m -> {
                secondRun.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getRetryAttempt());
                m.nack(new IllegalStateException("always fails"));
            });
            await().atMost(Duration.ofSeconds(15)).until(() -> bed.broker().count(bed.dlq()) == 1);
            assertThat(firstRun).containsExactly(0);
            // The new instance went on counting: attempts 2 and 3 of 3, then the dead-letter queue.
            assertThat(secondRun).containsExactly(1, 2);
            assertThat(bed.broker().get(bed.dlq()).getProps().getHeaders().get("x-warren-retry-attempt")).isEqualTo(2);
        } finally {
            restarted.close();
        }
    }

    @Test
    void aBodyThatDoesNotConvertIsNeverRetried() throws Exception {
        AtomicInteger handled = new AtomicInteger();
        bed.consume(channel("retry").with("auto-bind-dlq", true).with("dead-letter-exchange", bed.dlx())
                .with("retry.initial-delay", 100))
                .subscribe().with(m -> {
                    handled.incrementAndGet();
                    m.ack();
                });
        bed.awaitReady(Duration.ofSeconds(10));
        bed.broker().publishJson(bed.queue(), "garbage", "{{{");
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.dlq()) == 1);
        GetResponse dead = bed.broker().get(bed.dlq());
        assertThat(dead.getProps().getHeaders().get("x-exception-message").toString())
                .contains("cannot convert message garbage");
        assertThat(dead.getProps().getHeaders()).doesNotContainKey("x-warren-retry-attempt");
        assertThat(handled.get()).isZero();
    }
}
