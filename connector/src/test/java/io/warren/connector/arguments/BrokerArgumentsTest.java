package io.warren.connector.arguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;

import io.smallrye.mutiny.Multi;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.Broker;
import io.warren.connector.support.Consumers;
import io.warren.connector.support.TestConfig;
import io.warren.testing.MachineBroker;

/**
 * Queue, exchange, binding and consumer arguments on the real broker: what the broker holds afterwards (read back
 * with {@code rabbitmqctl list_*}, read-only) and what it then does.
 */
class BrokerArgumentsTest {

    private Broker broker;
    private WarrenConnector connector;
    private final String queue = Broker.unique("args-q");
    private final String exchange = Broker.unique("args-x");
    private final String alternate = Broker.unique("args-ae");

    @BeforeEach
    void setUp() throws Exception {
        broker = new Broker();
        connector = new WarrenConnector(PayloadCodec.defaultMapper());
    }

    @AfterEach
    void tearDown() throws Exception {
        connector.close();
        broker.deleteQueues(queue);
        broker.deleteExchanges(exchange, alternate);
        broker.close();
    }

    private TestConfig in(String channel) {
        return TestConfig.channel(channel).with("queue.name", queue).with("exchange.name", exchange);
    }

    private List<String> consume(TestConfig config) {
        List<String> got = new CopyOnWriteArrayList<>();
        Consumers.consume(connector, config).subscribe().with(m -> {
            got.add(String.valueOf(m.getPayload()));
            m.ack();
        });
        return got;
    }

    private void awaitConsumers(int n) {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> MachineBroker.rows("consumers", queue, "queue_name", "consumer_tag").size() == n);
    }

    private void publish(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            broker.publish(exchange, "k", new AMQP.BasicProperties.Builder().contentType("text/plain").build(),
                    ("m" + i).getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void queueExchangeAndBindingArgumentsReachTheBroker() {
        consume(in("args").with("exchange.type", "headers").with("queue.x-max-length", 1000)
                .with("queue.x-max-length-bytes", 1048576).with("queue.x-overflow", "reject-publish")
                .with("queue.single-active-consumer", true).with("queue.arguments", "x-queue-mode:lazy")
                .with("exchange.alternate-exchange", alternate).with("arguments", "x-match:all,format:pdf")
                .with("consumer-priority", 7).with("consumer-tag-prefix", "billing"));
        awaitConsumers(1);
        assertThat(MachineBroker.row("queues", queue, "name", "arguments"))
                .contains("[\"x-max-length\",\"long\",1000]").contains("[\"x-max-length-bytes\",\"long\",1048576]")
                .contains("[\"x-overflow\",\"longstr\",\"reject-publish\"]")
                .contains("[\"x-single-active-consumer\",\"bool\",true]")
                .contains("[\"x-queue-mode\",\"longstr\",\"lazy\"]");
        assertThat(MachineBroker.row("exchanges", exchange, "name", "arguments"))
                .contains("[\"alternate-exchange\",\"longstr\",\"" + alternate + "\"]");
        assertThat(MachineBroker.row("bindings", exchange, "source_name", "destination_name", "arguments"))
                .contains("[\"format\",\"longstr\",\"pdf\"]").contains("[\"x-match\",\"longstr\",\"all\"]");
        assertThat(MachineBroker.row("consumers", queue, "queue_name", "consumer_tag", "arguments"))
                .contains("\"consumer_tag\":\"billing-").contains("[\"x-priority\",\"long\",7]");
    }

    @Test
    void withSingleActiveConsumerOnlyOneOfTwoConsumersReceives() throws Exception {
        List<String> first = consume(in("sac-1").with("queue.single-active-consumer", true).with("routing-keys", "k"));
        awaitConsumers(1);
        List<String> second = consume(in("sac-2").with("queue.single-active-consumer", true).with("routing-keys", "k"));
        awaitConsumers(2);
        publish(20);
        await().atMost(Duration.ofSeconds(15)).until(() -> first.size() + second.size() == 20);
        Thread.sleep(300); // nothing more may arrive: the other consumer stands by
        assertThat(List.of(first.size(), second.size())).containsExactlyInAnyOrder(20, 0);
        assertThat(MachineBroker.rows("consumers", queue, "queue_name", "active"))
                .filteredOn(r -> r.contains("\"active\":true")).hasSize(1);
    }

    @Test
    void theHigherPriorityConsumerReceivesFirst() throws Exception {
        List<String> low = consume(in("prio-low").with("consumer-priority", 1).with("routing-keys", "k"));
        awaitConsumers(1);
        List<String> high = consume(in("prio-high").with("consumer-priority", 10).with("routing-keys", "k"));
        awaitConsumers(2);
        publish(50);
        await().atMost(Duration.ofSeconds(15)).until(() -> low.size() + high.size() == 50);
        // The high-priority consumer has room in its prefetch (256) for all of them.
        assertThat(high).hasSize(50);
        assertThat(low).isEmpty();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFullQueueWithRejectPublishNacksThePublisherWithAReason() throws Exception {
        // The incoming channel declares the queue with its limit; then nobody consumes.
        consume(in("full").with("queue.x-max-length", 2).with("queue.x-overflow", "reject-publish")
                .with("routing-keys", "k"));
        awaitConsumers(1);
        connector.incomingChannels().get(0).stopConsuming();
        awaitConsumers(0);
        List<CompletableFuture<Void>> outcomes = new ArrayList<>();
        List<Message<?>> messages = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            outcomes.add(outcome);
            messages.add(Message.of("m" + i, () -> {
                outcome.complete(null);
                return CompletableFuture.completedFuture(null);
            }, t -> {
                outcome.completeExceptionally(t);
                return CompletableFuture.completedFuture(null);
            }));
        }
        Flow.Subscriber<Message<?>> out = (Flow.Subscriber<Message<?>>) connector.getSubscriber(TestConfig
                .channel("full-out").with("exchange.name", exchange).with("exchange.declare", false)
                .with("default-routing-key", "k").build());
        Multi.createFrom().iterable(messages).subscribe(out);
        outcomes.get(0).get(15, TimeUnit.SECONDS);
        outcomes.get(1).get(15, TimeUnit.SECONDS);
        assertThat(outcomes.get(2)).failsWithin(Duration.ofSeconds(15))
                .withThrowableThat().withMessageContaining("nack").withMessageContaining(exchange);
        assertThat(broker.count(queue)).isEqualTo(2);
    }

    @Test
    void anArgumentTheQueueTypeRefusesIsRefusedByTheBrokerToo() throws Exception {
        // What ArgumentRule refuses: checked here against RabbitMQ.
        for (Map<String, Object> args : List.of(Map.<String, Object> of("x-queue-type", "stream", "x-max-length", 10L),
                Map.<String, Object> of("x-queue-type", "stream", "x-overflow", "reject-publish"),
                Map.<String, Object> of("x-queue-type", "stream", "x-single-active-consumer", true),
                Map.<String, Object> of("x-queue-type", "quorum", "x-max-age", "7D"),
                Map.<String, Object> of("x-max-age", "7D"),
                Map.<String, Object> of("x-queue-leader-locator", "balanced"),
                Map.<String, Object> of("x-queue-type", "stream", "x-max-age", "7d"),
                Map.<String, Object> of("x-max-length", -1L),
                Map.<String, Object> of("x-max-length", "10"))) {
            try (Broker b = new Broker()) {
                assertThat(org.assertj.core.api.Assertions.catchThrowable(
                        () -> b.channel().queueDeclare(queue, true, false, false, args)))
                        .as(args.toString()).isNotNull().hasStackTraceContaining("PRECONDITION_FAILED");
            }
        }
    }
}
