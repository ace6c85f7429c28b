package io.warren.connector.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.incoming.PayloadConversionException;
import io.warren.connector.outgoing.PublishFailedException;
import io.warren.connector.reply.RequestMetadata;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;
import io.warren.embedded.EmbeddedBroker;

/**
 * The core round trips once more, against the embedded Qpid Broker-J that Dev Services start when there is no
 * RabbitMQ: consuming, nacks, confirms, conversion errors, routing, and the features Warren emulates there
 * (dead-letter and retry republishing, private reply queues), plus the clear errors where RabbitMQ is needed.
 */
class EmbeddedBrokerTest {

    private static EmbeddedBroker embedded;

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("qpid").at(() -> embedded.host(), () -> embedded.port())
            .recordingFailures(m -> m.settleReject(false));

    @BeforeAll
    static void startBroker() {
        embedded = EmbeddedBroker.start(0);
    }

    @AfterAll
    static void stopBroker() {
        embedded.close();
    }

    private TestConfig channel() {
        return bed.channel("in").with("payload-type", Order.class.getName());
    }

    @Test
    void consumesPojosAndAcksThem() throws Exception {
        for (int i = 0; i < 100; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        Set<String> seen = ConcurrentHashMap.newKeySet();
        bed.consume(channel()).subscribe().with(m -> {
            seen.add(((Order) m.getPayload()).id);
            m.ack();
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() == 100);
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.connector().incomingChannels().get(0)
                .ackStats()[1] == 100);
        bed.connector().close();
        assertThat(bed.broker().count(bed.queue())).isZero();
    }

    @Test
    void aNackedMessageIsRejectedOnceAndTheStreamGoesOn() throws Exception {
        for (int i = 0; i < 10; i++) {
            bed.broker().publishJson(bed.queue(), "m-" + i, "{\"id\":\"o-" + i + "\",\"quantity\":" + i + "}");
        }
        List<String> seen = new CopyOnWriteArrayList<>();
        bed.consume(channel()).subscribe().with(m -> {
            Order o = (Order) m.getPayload();
            seen.add(o.id);
            if (o.quantity % 5 == 0) {
                m.nack(new IllegalStateException("boom " + o.id));
            } else {
                m.ack();
            }
        });
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 10);
        Thread.sleep(300); // a requeued message would come back by now
        bed.connector().close();
        assertThat(seen).hasSize(10).doesNotHaveDuplicates();
        // Qpid keeps a message rejected without requeue, held back from the consumer that rejected it: nothing lost.
        assertThat(bed.broker().count(bed.queue())).isEqualTo(2);
    }

    @Test
    void aBodyThatDoesNotConvertGoesToTheFailureStrategyWithAClearError() throws Exception {
        bed.broker().publishJson(bed.queue(), "bad-1", "{\"id\": \"oops\", \"quantity\": \"many\"}");
        bed.broker().publishJson(bed.queue(), "good-1", "{\"id\":\"fine\",\"quantity\":3}");
        CompletableFuture<Order> good = new CompletableFuture<>();
        bed.consume(channel().with("failure-strategy", "recording")).subscribe().with(m -> {
            good.complete((Order) m.getPayload());
            m.ack();
        });
        assertThat(good.get(10, TimeUnit.SECONDS).id).isEqualTo("fine");
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.failures().size() == 1);
        assertThat(bed.failures().get(0)).isInstanceOf(PayloadConversionException.class)
                .hasMessageContaining("message bad-1").hasMessageContaining(Order.class.getName());
    }

    @Test
    void publishesWithConfirmsAndRoutesByMetadata() throws Exception {
        String exchange = Broker.unique("qpid-x");
        String other = Broker.unique("qpid-other");
        bed.broker().channel().exchangeDeclare(exchange, "topic", false, true, null);
        bed.broker().declareQueue(other, null);
        bed.broker().channel().queueBind(bed.queue(), exchange, "a.#");
        bed.broker().channel().queueBind(other, exchange, "b.#");
        try {
            List<CompletableFuture<Void>> acks = new ArrayList<>();
            List<Message<?>> messages = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                CompletableFuture<Void> acked = new CompletableFuture<>();
                acks.add(acked);
                Message<?> m = Message.of(new Order("o-" + i, i)).withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                });
                if (i % 4 == 0) {
                    m = m.addMetadata(OutgoingRabbitMQMetadata.builder().withRoutingKey("b.special")
                            .withHeader("tenant", "acme").build());
                }
                messages.add(m);
            }
            Multi.createFrom().iterable(messages).subscribe(bed.publisher(TestConfig.channel(Broker.unique("out"))
                    .at(embedded.host(), embedded.port()).with("exchange.name", exchange)
                    .with("exchange.declare", false).with("default-routing-key", "a.default")));
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(
                    () -> bed.broker().count(bed.queue()) == 150 && bed.broker().count(other) == 50);
            GetResponse routed = bed.broker().get(other);
            assertThat(routed.getEnvelope().getRoutingKey()).isEqualTo("b.special");
            assertThat(routed.getProps().getHeaders().get("tenant").toString()).isEqualTo("acme");
            assertThat(routed.getProps().getContentType()).isEqualTo("application/json");
            assertThat(new ObjectMapper().readValue(bed.broker().get(bed.queue()).getBody(), Order.class).id)
                    .isEqualTo("o-1");
        } finally {
            bed.broker().deleteQueues(other);
            bed.broker().deleteExchanges(exchange);
        }
    }

    @Test
    void deadLetterRepublishesItselfWithTheFailureHeaders() throws Exception {
        bed.consume(channel().with("failure-strategy", "dead-letter").with("auto-bind-dlq", true)
                .with("dead-letter-exchange", bed.queue() + "-dlx"))
                .subscribe().with(m -> m.nack(new IllegalArgumentException("quantity must be positive")));
        bed.awaitReady(Duration.ofSeconds(10));
        bed.broker().publishJson(bed.queue(), "dl-1", "{\"id\":\"x\",\"quantity\":-1}");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.queue() + ".dlq") == 1);
            GetResponse r = bed.broker().get(bed.queue() + ".dlq");
            assertThat(r.getProps().getMessageId()).isEqualTo("dl-1");
            assertThat(r.getProps().getHeaders().get("x-exception-message").toString())
                    .isEqualTo("quantity must be positive");
            assertThat(r.getProps().getHeaders().get("x-original-routingKey").toString()).isEqualTo(bed.queue());
            bed.connector().close();
            assertThat(bed.broker().count(bed.queue())).isZero();
        } finally {
            bed.broker().deleteExchanges(bed.queue() + "-dlx");
        }
    }

    @Test
    void retryWaitsInMemoryWithBackoffThenDeadLetters() throws Exception {
        List<Integer> attempts = new CopyOnWriteArrayList<>();
        List<Long> times = new CopyOnWriteArrayList<>();
        bed.consume(channel().with("failure-strategy", "retry").with("auto-bind-dlq", true)
                .with("dead-letter-exchange", bed.queue() + "-dlx").with("retry.max-attempts", 3)
                .with("retry.initial-delay", 200).with("retry.multiplier", 2).with("retry.jitter", 0))
                .subscribe().with(m -> {
                    attempts.add(m.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getRetryAttempt());
                    times.add(System.nanoTime());
                    m.nack(new IllegalStateException("always fails"));
                });
        bed.awaitReady(Duration.ofSeconds(10));
        bed.broker().publishJson(bed.queue(), "poison", "{\"id\":\"poison\",\"quantity\":1}");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> bed.broker().count(bed.queue() + ".dlq") == 1);
            assertThat(attempts).containsExactly(0, 1, 2);
            assertThat(Duration.ofNanos(times.get(1) - times.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(180));
            assertThat(times.get(2) - times.get(1)).isGreaterThan(times.get(1) - times.get(0));
            assertThat(bed.broker().get(bed.queue() + ".dlq").getProps().getHeaders().get("x-warren-retry-attempt"))
                    .isEqualTo(2);
            // No delay queue: those need RabbitMQ's TTL dead-lettering.
            Channel probe = bed.broker().channel().getConnection().createChannel();
            assertThat(catchThrowable(() -> probe.queueDeclarePassive(bed.queue() + ".retry.200"))).isNotNull();
            bed.connector().close();
            assertThat(bed.broker().count(bed.queue())).isZero();
        } finally {
            bed.broker().deleteExchanges(bed.queue() + "-dlx");
        }
    }

    @Test
    void requestReplyFallsBackToAPrivateReplyQueueAndDirectModeSaysItNeedsRabbitMq() throws Exception {
        Channel server = bed.broker().channel().getConnection().createChannel();
        server.basicConsume(bed.queue(), true, new DefaultConsumer(server) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                try {
                    Order o = PayloadCodec.defaultMapper().readValue(body, Order.class);
                    server.basicPublish("", props.getReplyTo(), new AMQP.BasicProperties.Builder()
                            .correlationId(props.getCorrelationId()).contentType("application/json").build(),
                            ("{\"id\":\"" + o.id + "\",\"quantity\":" + o.quantity * 2 + "}")
                                    .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        UnicastProcessor<Message<?>> auto = UnicastProcessor.create();
        auto.subscribe(bed.publisher(TestConfig.channel(Broker.unique("client")).at(embedded.host(), embedded.port())
                .with("exchange.name", "\"\"").with("default-routing-key", bed.queue())));
        List<CompletableFuture<Message<Object>>> replies = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            replies.add(request(auto, new Order("r-" + i, i)));
        }
        for (int i = 1; i <= 20; i++) {
            Message<Object> reply = replies.get(i - 1).get(10, TimeUnit.SECONDS);
            assertThat(((Order) reply.getPayload()).quantity).isEqualTo(2 * i);
            assertThat(reply.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow().getRoutingKey())
                    .startsWith("warren.reply.");
        }
        UnicastProcessor<Message<?>> direct = UnicastProcessor.create();
        direct.subscribe(bed.publisher(TestConfig.channel(Broker.unique("direct")).at(embedded.host(), embedded.port())
                .with("exchange.name", "\"\"").with("default-routing-key", bed.queue()).with("reply.mode", "direct")));
        Throwable failure = catchThrowable(() -> request(direct, new Order("d", 1)).get(10, TimeUnit.SECONDS));
        assertThat(failure).cause().isInstanceOf(PublishFailedException.class)
                .hasMessageContaining("reply.mode=direct (direct reply-to) needs RabbitMQ; the broker is")
                .hasMessageContaining("Use reply.mode=auto or reply.mode=queue");
    }

    private static CompletableFuture<Message<Object>> request(UnicastProcessor<Message<?>> requests, Order payload) {
        CompletableFuture<Message<Object>> reply = new CompletableFuture<>();
        requests.onNext(Message.of(payload).addMetadata(new RequestMetadata(Order.class, reply)).withNack(t -> {
            reply.completeExceptionally(t);
            return CompletableFuture.completedFuture(null);
        }));
        return reply;
    }

    @Test
    void aStreamQueueIsRefusedWithAnErrorThatNamesRabbitMq() {
        bed.consume(channel().with("queue.name", bed.queue() + "-stream").with("queue.x-queue-type", "stream"))
                .subscribe().with(Message::ack);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            String reason = bed.connector().incomingChannels().get(0).health().problem();
            return reason != null && reason.contains("queue.x-queue-type=stream needs RabbitMQ");
        });
        assertThat(bed.connector().incomingChannels().get(0).health().isReady()).isFalse();
    }

    @Test
    void aMessageTtlDoesNotMakeTheMessageVanish() throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        Multi.createFrom().item(Message.of("short-lived").withAck(() -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        })).subscribe(bed.publisher(TestConfig.channel(Broker.unique("ttl")).at(embedded.host(), embedded.port())
                .with("exchange.name", "\"\"").with("default-routing-key", bed.queue()).with("default-ttl", 60000)));
        acked.get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue()) == 1);
        GetResponse r = bed.broker().get(bed.queue());
        assertThat(new String(r.getBody(), StandardCharsets.UTF_8)).isEqualTo("short-lived");
        assertThat(r.getProps().getExpiration()).isNull();
    }
}
