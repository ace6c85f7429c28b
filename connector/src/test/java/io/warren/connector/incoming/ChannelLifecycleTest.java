package io.warren.connector.incoming;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.Channel;

import io.warren.connector.health.ChannelHealth;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.LogCapture;
import io.warren.connector.support.TestConfig;

/**
 * The life of an incoming channel when the broker refuses it, cancels it or goes away: one attempt at a time with
 * backoff, always on the current connection, ready only with a consumer, and never stopped by its dead-letter queue.
 */
class ChannelLifecycleTest {

    private final String dlx = Broker.unique("life-dlx");

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("life").undeclared().withProxy().deletesExchanges(dlx);
    private final Set<String> processed = ConcurrentHashMap.newKeySet();

    private TestConfig channel() {
        return bed.channel("life-in").at("127.0.0.1", bed.proxy().port());
    }

    private IncomingChannel start(TestConfig config) {
        bed.consume(config).subscribe().with(m -> {
            processed.add(String.valueOf(m.getPayload()));
            m.ack();
        });
        return bed.connector().incomingChannels().get(0);
    }

    private void assertConsumes(String body) throws Exception {
        bed.broker().publish("", bed.queue(), new com.rabbitmq.client.AMQP.BasicProperties.Builder()
                .contentType("text/plain")
                .build(), body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(40)).until(() -> processed.contains(body));
    }

    @Test
    void aRefusedDeclarationIsRetriedOneAttemptAtATimeWithBackoffAndLoggedOnce() throws Exception {
        // durable, no arguments: Warren's dead-letter arguments are refused (406)
        bed.broker().declareQueue(bed.queue(), null);
        try (LogCapture logs = LogCapture.of("io.warren")) {
            IncomingChannel in = start(channel().with("auto-bind-dlq", true).with("dead-letter-exchange", dlx));
            Thread.sleep(5000);
            long attempts = in.openAttempts();
            // 0.5 s, then 1, 2, 4 s apart: four attempts in five seconds. The storm made dozens, then hundreds.
            assertThat(attempts).isBetween(2L, 5L);
            assertThat(logs.errors("cannot consume from queue '" + bed.queue() + "'")).isEqualTo(1);
            assertThat(in.health().isReady()).isFalse();
            assertThat(in.health().problem()).contains("inequivalent arg", "x-dead-letter-exchange");
            // Once the cause is gone, the next attempt succeeds.
            bed.broker().deleteQueues(bed.queue());
            await().atMost(Duration.ofSeconds(20)).until(() -> in.health().isReady());
            assertThat(logs.containing("able to consume from queue '" + bed.queue() + "' again")).hasSize(1);
        }
        assertConsumes("after-fix");
    }

    @Test
    void aDeadLetterQueueThatCannotBeDeclaredDoesNotStopConsumption() throws Exception {
        // An existing dead-letter queue with other settings (or, in a cluster, one whose node is down).
        bed.broker().channel().queueDeclare(bed.queue() + ".dlq", false, false, false, null);
        try (LogCapture logs = LogCapture.of("io.warren")) {
            IncomingChannel in = start(channel().with("auto-bind-dlq", true).with("dead-letter-exchange", dlx));
            await().atMost(Duration.ofSeconds(10)).until(() -> in.health().isReady());
            assertConsumes("consumed-anyway");
            assertThat(in.health().note()).contains("dead-letter", bed.queue() + ".dlq", "inequivalent arg");
            assertThat(logs.errors("cannot declare the dead-letter exchange")).isEqualTo(1);
            // The declaration is retried until it works; then the broker dead-letters there.
            bed.broker().deleteQueues(bed.queue() + ".dlq");
            await().atMost(Duration.ofSeconds(20)).until(() -> in.health().note() == null);
            assertThatCode(() -> bed.broker().channel().queueDeclarePassive(bed.queue() + ".dlq"))
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void readinessIsUpOnlyWhileAConsumerIsRegistered() throws Exception {
        bed.broker().declareQueue(bed.queue(), null);
        IncomingChannel in = start(channel().with("queue.declare", false));
        await().atMost(Duration.ofSeconds(10)).until(() -> in.health().isReady());
        assertThat(bed.broker().consumers(bed.queue())).isEqualTo(1);
        // The connection drops, and the queue is gone when it comes back: no consumer can be registered.
        bed.proxy().refuse(true);
        bed.proxy().cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> !in.health().isReady());
        bed.broker().deleteQueues(bed.queue());
        bed.proxy().refuse(false);
        Thread.sleep(3000); // several attempts
        assertThat(in.health().isReady()).isFalse();
        assertThat(in.health().problem()).contains("NOT_FOUND");
        bed.broker().declareQueue(bed.queue(), null);
        await().atMost(Duration.ofSeconds(20)).until(() -> in.health().isReady());
        assertThat(bed.broker().consumers(bed.queue())).isEqualTo(1);
        assertConsumes("back");
    }

    @Test
    void afterTheConnectionIsReplacedTheChannelReopensOnTheNewOne() throws Exception {
        IncomingChannel in = start(channel());
        await().atMost(Duration.ofSeconds(10)).until(() -> in.health().isReady());
        // The queue is replaced by one with other settings: the consumer is cancelled, re-opening is refused.
        bed.broker().deleteQueues(bed.queue());
        bed.broker().declareQueue(bed.queue(), Map.of("x-max-length", 10));
        await().atMost(Duration.ofSeconds(10)).until(() -> !in.health().isReady());
        // Meanwhile the connection is lost and replaced.
        bed.proxy().cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> bed.proxy().accepted() >= 2);
        bed.broker().deleteQueues(bed.queue());
        await().atMost(Duration.ofSeconds(40)).until(() -> in.health().isReady());
        assertThat(bed.broker().consumers(bed.queue())).isEqualTo(1);
        assertConsumes("reopened");
    }

    @Test
    void theDeadLetterQueueOfAQuorumQueueIsAQuorumQueue() throws Exception {
        IncomingChannel in = start(channel().with("queue.x-queue-type", "quorum").with("auto-bind-dlq", true)
                .with("dead-letter-exchange", dlx));
        await().atMost(Duration.ofSeconds(10)).until(() -> in.health().isReady() && in.health().note() == null);
        // Declaring it again as a quorum queue is accepted only if it is one (a classic one answers 406).
        Channel check = bed.broker().channel().getConnection().createChannel();
        assertThatCode(() -> check.queueDeclare(bed.queue() + ".dlq", true, false, false, Map.of("x-queue-type",
                "quorum")))
                .doesNotThrowAnyException();
        check.close();
        ChannelHealth health = in.health();
        assertThat(health.isReady()).isTrue();
    }
}
