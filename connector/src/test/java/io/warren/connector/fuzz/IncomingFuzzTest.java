package io.warren.connector.fuzz;

import static io.warren.connector.support.Consumers.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;

import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.support.Broker;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/**
 * Property: whatever arrives on a consumed queue, every good message is processed, every bad one reaches the failure
 * strategy once with an error naming the channel, the message id and the reason, and the stream goes on with nothing
 * left unacked. {@code -Dfuzz.cases=N} (default 2,000; 10,000 for the full run), {@code -Dfuzz.seed=S} (default 14).
 */
class IncomingFuzzTest {

    private Broker broker;
    private String queue;
    private final String channel = Broker.unique("fuzz-in");
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final AtomicInteger failuresSeen = new AtomicInteger();
    private final AtomicInteger settled = new AtomicInteger();
    private final Set<String> processed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger handled = new AtomicInteger();
    private WarrenConnector connector;

    @BeforeEach
    void setUp() throws Exception {
        broker = new Broker();
        queue = Broker.unique("fuzz-in");
        FailureHandler recorder = new FailureHandler() {
            @Override
            public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> m, Throwable reason, Metadata md) {
                failuresSeen.incrementAndGet();
                failures.merge(m.describeId(), String.valueOf(reason == null ? null : reason.getMessage()),
                        (a, b) -> a + " || AGAIN: " + b);
                return m.settleReject(false).thenRun(settled::incrementAndGet);
            }
        };
        connector = new WarrenConnector(PayloadCodec.defaultMapper(), Map.of("record", recorder));
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        broker.deleteQueues(queue);
        broker.close();
    }

    @Test
    void everyGoodMessageIsProcessedAndEveryBadOneReachesTheFailureStrategy() throws Exception {
        int cases = Integer.getInteger("fuzz.cases", 2000);
        long seed = Long.getLong("fuzz.seed", 14);
        consume(connector, TestConfig.channel(channel).with("queue.name", queue).with("exchange.name", "\"\"")
                .with("payload-type", Order.class.getName()).with("failure-strategy", "record"))
                .subscribe().with(m -> {
                    handled.incrementAndGet();
                    // Reading every header and the counts must not throw, whatever their types.
                    IncomingRabbitMQMetadata md = m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
                    md.getHeaders().size();
                    md.getDeliveryCount();
                    md.getRetryAttempt();
                    Order order = (Order) m.getPayload();
                    if (order == null || order.quantity < 0) {
                        m.nack(new IllegalArgumentException("quantity must not be negative"));
                    } else {
                        processed.add(order.id);
                        m.ack();
                    }
                });
        await().atMost(Duration.ofSeconds(15))
                .until(() -> connector.incomingChannels().stream().allMatch(c -> c.health().isReady()));

        FuzzCases generator = new FuzzCases(seed);
        List<FuzzCases.Case> good = new ArrayList<>();
        Map<String, FuzzCases.Case> bad = new TreeMap<>();
        Channel ch = broker.channel();
        ch.confirmSelect();
        for (int i = 0; i < cases; i++) {
            FuzzCases.Case c = generator.next("f-" + i);
            if (c.good()) {
                good.add(c);
            } else {
                bad.put(c.id(), c);
            }
            ch.basicPublish("", queue, c.props(), c.body());
            if (i % 200 == 199) {
                ch.waitForConfirmsOrDie(30_000);
            }
        }
        // A last good message: the stream is still alive after everything before it.
        broker.publishJson(queue, "sentinel", "{\"id\":\"sentinel\",\"quantity\":1}");
        ch.waitForConfirmsOrDie(30_000);

        await().atMost(Duration.ofSeconds(120)).until(() -> processed.contains("sentinel")
                && settled.get() >= bad.size());
        boolean alive = processed.contains("sentinel")
                && connector.incomingChannels().get(0).health().isReady();
        int goodProcessed = (int) good.stream().filter(c -> processed.contains(c.id())).count();
        System.out.printf("fuzz: good=%d/%d bad=%d settled=%d stream-alive=%s (seed %d, %d cases)%n", goodProcessed,
                good.size(), bad.size(), settled.get(), alive, seed, cases);

        assertThat(good.stream().filter(c -> !processed.contains(c.id())).map(FuzzCases.Case::id).toList())
                .as("good messages not processed").isEmpty();
        assertThat(failures.keySet()).as("messages that reached the failure strategy")
                .containsExactlyInAnyOrderElementsOf(bad.keySet());
        assertThat(failuresSeen.get()).as("each bad message reached the strategy once").isEqualTo(bad.size());
        for (Map.Entry<String, String> f : failures.entrySet()) {
            FuzzCases.Case c = bad.get(f.getKey());
            assertThat(f.getValue()).as("the error of %s (%s)", f.getKey(), c.kind())
                    .contains("'" + channel + "'").contains(f.getKey())
                    .satisfies(reason -> assertThat(reason.length())
                            .isGreaterThan(channel.length() + f.getKey().length() + 20));
        }
        assertThat(settled.get()).isEqualTo(bad.size());
        assertThat(alive).as("stream alive").isTrue();
        // Nothing unacked: closing the consumer would return it to the queue.
        connector.close();
        assertThat(broker.count(queue)).as("messages left in the queue after the consumer closed").isZero();
    }
}
