package io.warren.connector.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.TestConfig;

/** Start-up without a broker, wrong credentials, and shutdown in the middle of a stream. */
class LifecycleTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("life");

    private TestConfig channel() {
        return bed.channel("life").with("queue.declare", false);
    }

    @Test
    void aWrongPasswordKeepsTheChannelNotReadyWithAReasonThatHidesThePassword() {
        bed.consume(channel().with("password", "not-the-password-42")).subscribe().with(Message::ack);
        ChannelHealth health = bed.connector().incomingChannels().get(0).health();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.problem() != null && health.problem().contains("authentication failed"));
        assertThat(health.isReady()).isFalse();
        assertThat(health.isAlive()).isTrue();
        assertThat(health.problem()).contains("'guest'").doesNotContain("not-the-password-42");
    }

    @Test
    void anUnreachableBrokerIsRetriedUntilItAnswers() {
        bed.consume(channel().with("port", 1)).subscribe().with(Message::ack);
        ChannelHealth health = bed.connector().incomingChannels().get(0).health();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.problem() != null && health.problem().contains("Connection refused"));
        assertThat(health.isReady()).isFalse();
    }

    @Test
    void aMissingQueueIsReportedAndConsumptionStartsOnceItExists() throws Exception {
        String missing = Broker.unique("missing");
        Set<String> got = ConcurrentHashMap.newKeySet();
        bed.consume(channel().with("queue.name", missing)).subscribe().with(m -> {
            got.add((String) m.getPayload());
            m.ack();
        });
        ChannelHealth health = bed.connector().incomingChannels().get(0).health();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> health.problem() != null && health.problem().contains("404"));
        assertThat(health.problem()).contains(missing);
        try {
            bed.broker().declareQueue(missing, null);
            bed.broker().publish("", missing, new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                    .contentType("text/plain").build(), "late".getBytes());
            await().atMost(Duration.ofSeconds(10)).until(() -> got.contains("late"));
            assertThat(health.isReady()).isTrue();
        } finally {
            bed.broker().deleteQueues(missing);
        }
    }

    @Test
    void shutdownMidStreamAcksWhatWasProcessedAndLeavesTheRestQueued() throws Exception {
        int n = 400;
        for (int i = 0; i < n; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"n\":" + i + "}");
        }
        Set<String> processed = ConcurrentHashMap.newKeySet();
        bed.consume(channel().with("max-outstanding-messages", 20))
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
        bed.connector().close();
        int done = processed.size();
        assertThat(done).isLessThan(n);
        // Everything processed was acked (not back in the queue); everything else is still there.
        assertThat(bed.broker().count(bed.queue())).isEqualTo(n - done);
        com.rabbitmq.client.GetResponse r;
        while ((r = bed.broker().get(bed.queue())) != null) {
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
            bed.broker().declareQueue(q, null);
            bed.broker().publishJson(q, "stuck-" + i, "{}");
            bed.consume(channel().with("queue.name", q).with("shutdown-timeout", 1000))
                    .subscribe().with(m -> {
                        // never acked
                    });
        }
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> bed.connector().incomingChannels().stream()
                    .allMatch(c -> c.health().isReady()));
            await().atMost(Duration.ofSeconds(10)).until(() -> queues.stream().allMatch(q -> {
                try {
                    return bed.broker().count(q) == 0; // delivered, held by the handler
                } catch (java.io.IOException e) {
                    return false;
                }
            }));
            long start = System.nanoTime();
            bed.connector().close();
            // One after another they took ten timeouts (10 s); together, about one.
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            // Nothing was acked: the broker has every message back.
            await().atMost(Duration.ofSeconds(5)).until(() -> queues.stream().allMatch(q -> {
                try {
                    return bed.broker().count(q) == 1;
                } catch (java.io.IOException e) {
                    return false;
                }
            }));
        } finally {
            bed.broker().deleteQueues(queues.toArray(String[]::new));
        }
    }
}
