package io.warren.connector.observe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.TestConfig;
import io.warren.testing.RabbitNode;

/**
 * A memory alarm on a node of the test's own (never the machine's broker): the publishing channel's observer sees
 * the connection blocked, counts the time, and sees it up again once the alarm clears; the message waits and is then
 * confirmed.
 */
class BlockedObserverTest {

    private static RabbitNode node;

    @BeforeAll
    static void startNode() {
        node = RabbitNode.builder("blocked").start();
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void aBlockedConnectionIsSeenAndTimed() throws Exception {
        ChannelCounters[] observed = new ChannelCounters[1];
        WarrenConnector connector = new WarrenConnector(PayloadCodec.defaultMapper()).observeWith(channel -> {
            observed[0] = new ChannelCounters(channel);
            return observed[0];
        });
        try {
            UnicastProcessor<Message<?>> upstream = UnicastProcessor.create();
            @SuppressWarnings("unchecked")
            Flow.Subscriber<Message<?>> out = (Flow.Subscriber<Message<?>>) connector.getSubscriber(TestConfig
                    .channel("blocked-out").at("127.0.0.1", node.amqpPort()).with("exchange.name", "\"\"")
                    .with("default-routing-key", "nowhere").with("mandatory", false).build());
            upstream.subscribe(out);
            ChannelCounters counters = observed[0];
            await().atMost(Duration.ofSeconds(20)).until(() -> counters.state() == ConnectionState.UP);
            send(upstream).get(10, TimeUnit.SECONDS);

            node.ctl("set_vm_memory_high_watermark", "0.000001");
            CompletableFuture<Void> waiting = send(upstream);
            await().atMost(Duration.ofSeconds(20)).until(() -> counters.state() == ConnectionState.BLOCKED);
            Thread.sleep(300);
            assertThat(waiting).isNotDone();
            assertThat(counters.blockedNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));

            node.ctl("set_vm_memory_high_watermark", "0.4");
            await().atMost(Duration.ofSeconds(20)).until(() -> counters.state() == ConnectionState.UP);
            waiting.get(10, TimeUnit.SECONDS);
            long blocked = counters.blockedNanos();
            assertThat(blocked).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(300));
            Thread.sleep(50);
            assertThat(counters.blockedNanos()).as("the clock stops once unblocked").isEqualTo(blocked);
            assertThat(counters.confirmed()).isEqualTo(2);
            assertThat(counters.snapshot()).containsEntry("state", "up");
            assertThat(counters.recoveries()).isZero();
        } finally {
            connector.close();
        }
    }

    private static CompletableFuture<Void> send(UnicastProcessor<Message<?>> upstream) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        upstream.onNext(Message.of("ping", () -> {
            done.complete(null);
            return CompletableFuture.completedFuture(null);
        }, failure -> {
            done.completeExceptionally(failure);
            return CompletableFuture.completedFuture(null);
        }));
        return done;
    }
}
