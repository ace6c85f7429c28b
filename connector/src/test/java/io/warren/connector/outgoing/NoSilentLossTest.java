package io.warren.connector.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.smallrye.mutiny.Multi;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.LogCapture;
import io.warren.connector.support.TestConfig;

/**
 * Paths where a message used to vanish or hang: a dead-letter copy nobody takes, returns paired with the wrong
 * message, a send to a broker that refuses the login.
 */
class NoSilentLossTest {

    private final String dlx = Broker.unique("loss-dlx");
    private final String exchange = Broker.unique("loss-x");

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("loss").undeclared().deletesExchanges(dlx, exchange);

    @Test
    void aDeadLetterCopyThatNoQueueTakesNeverAcksTheOriginal() throws Exception {
        // The dead-letter exchange exists, but nothing is bound for the channel's key yet.
        bed.broker().channel().exchangeDeclare(dlx, "direct", true);
        AtomicInteger attempts = new AtomicInteger();
        try (LogCapture logs = LogCapture.of("io.warren")) {
            bed.consume(TestConfig.channel(Broker.unique("loss-in")).with("queue.name", bed.queue())
                    .with("exchange.name", "\"\"").with("failure-strategy", "dead-letter")
                    .with("dead-letter-exchange", dlx).with("dead-letter-routing-key", "parked")
                    .with("requeue.delay", 200))
                    .subscribe().with(m -> {
                        attempts.incrementAndGet();
                        m.nack(new IllegalStateException("cannot handle it"));
                    });
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> bed.connector().incomingChannels().get(0).health().isReady());
            bed.broker().publishJson(bed.queue(), "precious", "{}");
            // Returned copy: the original goes back to its queue, and comes again.
            await().atMost(Duration.ofSeconds(10)).until(() -> attempts.get() >= 2);
            assertThat(logs.errors("cannot dead-letter message precious to exchange '" + dlx
                    + "' with routing key 'parked'")).isGreaterThanOrEqualTo(1);
            assertThat(logs.containing("unroutable")).isNotEmpty();
            // Once a queue is bound, the next attempt dead-letters it there.
            bed.deletesQueues(bed.queue() + "-parked");
            bed.broker().declareQueue(bed.queue() + "-parked", null);
            bed.broker().channel().queueBind(bed.queue() + "-parked", dlx, "parked");
            await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.queue() + "-parked") == 1);
        }
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void returnsArePairedWithTheirOwnPublishEvenWhenMessageIdsRepeat() throws Exception {
        bed.broker().channel().exchangeDeclare(exchange, "direct", true);
        bed.broker().declareQueue(bed.queue(), null);
        bed.broker().channel().queueBind(bed.queue(), exchange, "routed");
        int pairs = 200;
        List<Message<?>> messages = new ArrayList<>();
        List<CompletableFuture<Throwable>> routed = new ArrayList<>();
        List<CompletableFuture<Throwable>> unroutable = new ArrayList<>();
        for (int i = 0; i < pairs; i++) {
            // Both messages of a pair carry the same message id; one is routable, the other is not.
            for (String key : List.of("routed", "nowhere")) {
                CompletableFuture<Throwable> outcome = new CompletableFuture<>();
                (key.equals("routed") ? routed : unroutable).add(outcome);
                messages.add(Message.of("pair-" + i)
                        .addMetadata(OutgoingRabbitMQMetadata.builder().withMessageId("same-" + i).withRoutingKey(key)
                                .build())
                        .withAck(() -> {
                            outcome.complete(null);
                            return CompletableFuture.completedFuture(null);
                        }).withNack(t -> {
                            outcome.complete(t);
                            return CompletableFuture.completedFuture(null);
                        }));
            }
        }
        Multi.createFrom().iterable(messages)
                .subscribe(bed.publisher(TestConfig.channel(Broker.unique("loss-out")).with("exchange.name", exchange)
                        .with("exchange.declare", false)));
        CompletableFuture.allOf(routed.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        CompletableFuture.allOf(unroutable.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(routed).allSatisfy(f -> assertThat(f.join()).isNull());
        assertThat(unroutable).allSatisfy(f -> assertThat(f.join()).isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("unroutable"));
        assertThat(bed.broker().count(bed.queue())).isEqualTo(pairs);
    }

    @Test
    void aSendCompletesWithinConfirmTimeoutWhenTheBrokerRefusesTheLogin() throws Exception {
        List<Throwable> outcomes = new CopyOnWriteArrayList<>();
        Multi.createFrom().items(Message.of("one"), Message.of("two"))
                .map(m -> m.withNack(t -> {
                    outcomes.add(t);
                    return CompletableFuture.completedFuture(null);
                }).withAck(() -> {
                    outcomes.add(new AssertionError("acked without a broker"));
                    return CompletableFuture.completedFuture(null);
                }))
                .subscribe(bed.publisher(TestConfig.channel(Broker.unique("loss-out")).with("exchange.name", "\"\"")
                        .with("default-routing-key", bed.queue()).with("username", "guest")
                        .with("password", "certainly-not-the-password").with("confirm-timeout", 2000)));
        await().atMost(Duration.ofSeconds(15)).until(() -> outcomes.size() == 2);
        assertThat(outcomes).allSatisfy(t -> assertThat(t).isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("not sent within confirm-timeout (2000 ms)")
                .hasMessageContaining("authentication failed for user 'guest'")
                .hasMessageNotContaining("certainly-not-the-password"));
        assertThat(bed.connector().outgoingChannels().get(0).health().isReady()).isFalse();
    }
}
