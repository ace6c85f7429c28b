package io.warren.connector.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.smallrye.mutiny.Multi;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.health.ChannelHealth;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.TestConfig;
import io.warren.testing.FaultProxy;
import io.warren.testing.RabbitNode;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;

/** Unroutable messages, the buffer while disconnected, and a broker that blocks publishers. */
class PublishSafetyTest {

    private final String exchange = Broker.unique("safe-x");

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("safe").deletesExchanges(exchange);

    @Test
    void anUnroutableMessageIsNackedNamingTheExchangeAndRoutingKey() throws Exception {
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        Multi.createFrom().item(Message.of("nobody listens").withNack(t -> {
            nacked.complete(t);
            return CompletableFuture.completedFuture(null);
        })).subscribe(bed.publisher(TestConfig.channel(Broker.unique("out")).with("exchange.name", exchange)
                .with("default-routing-key", "void.key")));
        Throwable t = nacked.get(10, TimeUnit.SECONDS);
        assertThat(t).isInstanceOf(PublishFailedException.class).hasMessageContaining("unroutable")
                .hasMessageContaining("'" + exchange + "'").hasMessageContaining("'void.key'");
    }

    @Test
    void messagesSentWhileDisconnectedWaitInABoundedBufferAndArriveAfterRecovery() throws Exception {
        String connectionName = Broker.unique("warren-buffer");
        int n = 300;
        int maxInflight = 20;
        AtomicLong requested = new AtomicLong();
        AtomicInteger acked = new AtomicInteger();
        List<Long> excessWhileDown = new CopyOnWriteArrayList<>();
        // Slow enough that the disconnection lands mid-stream; the source only emits what is requested.
        FaultProxy proxy = Broker.proxy();
        Flow.Subscriber<Message<?>> out = bed.publisher(TestConfig.channel(Broker.unique("out"))
                .with("exchange.name", "\"\"")
                .with("default-routing-key", bed.queue()).with("max-inflight-messages", maxInflight)
                .with("connection-name", connectionName).with("network-recovery-interval", 300)
                .at("127.0.0.1", proxy.port()));
        Multi<Message<?>> source = Multi.createFrom().range(0, n).onRequest().invoke(requested::addAndGet)
                .onItem().call(i -> io.smallrye.mutiny.Uni.createFrom().voidItem().onItem().delayIt()
                        .by(Duration.ofMillis(10)))
                .map(i -> Message.<Object> of("m-" + i).withAck(() -> {
                    acked.incrementAndGet();
                    return CompletableFuture.completedFuture(null);
                }));
        source.subscribe(out);
        await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() > 0);
        ChannelHealth health = bed.connector().outgoingChannels().get(0).health();
        // The broker is away for a second: connections are cut, and new ones refused.
        proxy.refuse(true);
        proxy.cut();
        assertThat(acked.get()).isLessThan(n);
        long until = System.currentTimeMillis() + 1000;
        while (System.currentTimeMillis() < until) {
            if (!health.isReady()) {
                excessWhileDown.add(requested.get() - acked.get());
            }
            Thread.sleep(20);
        }
        proxy.refuse(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> acked.get() == n);
        proxy.close();
        assertThat(excessWhileDown).isNotEmpty();
        assertThat(excessWhileDown).allSatisfy(outstanding -> assertThat(outstanding).isLessThanOrEqualTo(maxInflight));
        Set<String> ids = ConcurrentHashMap.newKeySet();
        com.rabbitmq.client.GetResponse r;
        while ((r = bed.broker().get(bed.queue())) != null) {
            ids.add(new String(r.getBody()));
        }
        assertThat(ids).hasSize(n);
    }

    /**
     * A memory alarm on a node of the test's own (the machine's broker is shared and stays as it is): publishing
     * pauses, the health data says why, consumers go on, and readiness stays UP unless health-blocked-unready asks
     * otherwise, because every instance would turn unready at once.
     */
    @Test
    void aBlockedBrokerPausesPublishingAndSaysWhyWhileConsumersGoOnAndReadinessStaysUp() throws Exception {
        try (RabbitNode node = RabbitNode.builder("alarm").start(); Broker own = new Broker("127.0.0.1",
                node.amqpPort())) {
            own.declareQueue(bed.queue(), null);
            // Enough backlog to outlast the set-up: at 100 ms a message, 20 were all consumed before the alarm
            // on a loaded machine (starting rabbitmqctl alone took seconds), leaving none to consume during it.
            for (int i = 0; i < 300; i++) {
                own.publishJson(bed.queue(), "pre-" + i, "{}");
            }
            Set<String> consumed = ConcurrentHashMap.newKeySet();
            bed.consume(TestConfig.channel(Broker.unique("in")).at("127.0.0.1", node.amqpPort())
                    .with("queue.name", bed.queue()).with("queue.declare", false).with("exchange.name", "\"\"")
                    .with("max-outstanding-messages", 1))
                    .subscribe().with(m -> {
                        consumed.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getMessageId()
                                .orElse("?"));
                        try {
                            Thread.sleep(100);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        m.ack();
                    });
            UnicastProcessor<Message<?>> relaxed = UnicastProcessor.create();
            relaxed.subscribe(bed.publisher(TestConfig.channel(Broker.unique("out")).at("127.0.0.1", node.amqpPort())
                    .with("exchange.name", "\"\"").with("default-routing-key", bed.queue()).with("confirm-timeout",
                            1500)));
            UnicastProcessor<Message<?>> strict = UnicastProcessor.create();
            strict.subscribe(bed.publisher(TestConfig.channel(Broker.unique("strict")).at("127.0.0.1", node.amqpPort())
                    .with("connection-name", "strict").with("exchange.name", "\"\"")
                    .with("default-routing-key", bed.queue()).with("health-blocked-unready", true)));
            ChannelHealth relaxedHealth = bed.connector().outgoingChannels().get(0).health();
            ChannelHealth strictHealth = bed.connector().outgoingChannels().get(1).health();
            await().atMost(Duration.ofSeconds(10)).until(() -> relaxedHealth.isReady() && strictHealth.isReady());

            node.ctl("set_vm_memory_high_watermark", "0");
            // The broker blocks a connection when it next publishes.
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            relaxed.onNext(Message.of("during alarm").withNack(t -> {
                outcome.complete(t);
                return CompletableFuture.completedFuture(null);
            }).withAck(() -> {
                outcome.complete(null);
                return CompletableFuture.completedFuture(null);
            }));
            strict.onNext(Message.of("during alarm too"));
            await().atMost(Duration.ofSeconds(10)).until(() -> relaxedHealth.note() != null && !strictHealth.isReady());
            assertThat(relaxedHealth.note()).contains("blocked");
            assertThat(relaxedHealth.isReady()).isTrue();
            assertThat(strictHealth.problem()).contains("blocked");
            int before = consumed.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> consumed.size() >= before + 3);
            Throwable t = outcome.get(10, TimeUnit.SECONDS);
            assertThat(t).isInstanceOf(PublishFailedException.class).hasMessageContaining("confirm-timeout");

            node.ctl("set_vm_memory_high_watermark", "0.4");
            await().atMost(Duration.ofSeconds(15)).until(() -> strictHealth.isReady() && relaxedHealth.note() == null);
            bed.connector().close();
        }
    }
}
