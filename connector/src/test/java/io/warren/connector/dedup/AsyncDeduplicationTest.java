package io.warren.connector.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;

import io.warren.connector.incoming.DeduplicationStoreException;
import io.warren.connector.support.BrokerTestBed;

/**
 * Deduplication with a store that answers asynchronously, as a remote one does: deliveries keep their order whatever
 * order the answers come in, the channel's thread never waits, and a store that fails or stays silent sends the
 * message to the failure strategy without it being processed.
 */
class AsyncDeduplicationTest {

    private final List<String> handled = new CopyOnWriteArrayList<>();
    private final List<String> handlerThreads = new CopyOnWriteArrayList<>();

    /** An in-memory store whose answers come late, on another thread, in an order the test chooses. */
    private static final class SlowStore implements DeduplicationStore {
        final InMemoryDeduplicationStore memory = new InMemoryDeduplicationStore(1000, 60_000);
        final List<String> claimThreads = new CopyOnWriteArrayList<>();

        long delayFor(String id) {
            return id.endsWith("0") || id.endsWith("5") ? 300 : 5; // some answers overtake others
        }

        @Override
        public CompletionStage<Claim> claim(String group, String messageId, Duration lease) {
            claimThreads.add(Thread.currentThread().getName());
            if (messageId.equals("broken")) {
                return CompletableFuture.failedFuture(new IllegalStateException("connection refused"));
            }
            if (messageId.equals("silent")) {
                return new CompletableFuture<>(); // never answers
            }
            return memory.claim(group, messageId, lease).thenCompose(c -> CompletableFuture.supplyAsync(() -> c,
                    CompletableFuture.delayedExecutor(delayFor(messageId), TimeUnit.MILLISECONDS)));
        }

        @Override
        public CompletionStage<Void> markProcessed(String group, String messageId, Duration ttl) {
            return memory.markProcessed(group, messageId, ttl).thenCompose(v -> CompletableFuture.runAsync(() -> {
            }, CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)));
        }

        @Override
        public CompletionStage<Void> release(String group, String messageId) {
            return memory.release(group, messageId);
        }
    }

    private final SlowStore store = new SlowStore();

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("dedup-async").recordingFailures(m -> m.settleReject(false))
            .stores(Map.of("slow", store));

    @BeforeEach
    void setUp() throws Exception {
        bed.consume(bed.channel("dedup").with("deduplication", true).with("deduplication.store", "slow")
                .with("deduplication.timeout", 500).with("failure-strategy", "recording")).subscribe().with(m -> {
                    handled.add(new String((byte[]) m.getPayload(), StandardCharsets.UTF_8));
                    handlerThreads.add(Thread.currentThread().getName());
                    m.ack();
                });
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.connector().incomingChannels().get(0).health()
                .isReady());
    }

    private void publish(String id, String body) throws Exception {
        bed.broker().publish("", bed.queue(), new AMQP.BasicProperties.Builder().messageId(id).build(),
                body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersInAnyOrderKeepTheDeliveryOrderAndDuplicatesAreDropped() throws Exception {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            publish("m-" + i, "b-" + i);
            expected.add("b-" + i);
            if (i % 3 == 0) {
                publish("m-" + i, "dup-" + i); // a copy right behind: its claim finds the first's
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(
                () -> handled.size() >= 30 && bed.broker().count(bed.queue()) == 0);
        Thread.sleep(300);
        assertThat(handled).containsExactlyElementsOf(expected);
        assertThat(bed.failures()).isEmpty();
        // The channel's thread asked and went on: the answers came on other threads.
        assertThat(handlerThreads).allSatisfy(t -> assertThat(t).startsWith("warren-"));
        assertThat(store.claimThreads).allSatisfy(t -> assertThat(t).startsWith("warren-"));
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.connector().incomingChannels().get(0)
                .ackStats()[1] == 40);
    }

    @Test
    void aStoreThatFailsOrStaysSilentSendsTheMessageToTheFailureStrategyUnprocessed() throws Exception {
        publish("before", "before");
        publish("broken", "broken");
        publish("silent", "silent");
        publish("after", "after");
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.failures().size() == 2 && handled.size() == 2);
        assertThat(handled).containsExactly("before", "after");
        assertThat(bed.failures()).allSatisfy(f -> assertThat(f).isInstanceOf(DeduplicationStoreException.class)
                .hasMessageContaining("Channel 'dedup-").hasMessageContaining("deduplication store 'slow'"));
        assertThat(bed.failures().get(0)).hasMessageContaining("message broken")
                .hasMessageContaining("connection refused");
        assertThat(bed.failures().get(1)).hasMessageContaining("message silent")
                .hasMessageContaining("deduplication.timeout=500");
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue()) == 0);
    }
}
