package io.warren.connector.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.Order;
import io.warren.connector.support.TestConfig;

/** Request-reply in both directions: Warren as the client, and Warren as the RPC server. */
class RequestReplyTest {

    private final UnicastProcessor<Message<?>> requests = UnicastProcessor.create();

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("rpc");

    @SuppressWarnings("unchecked")
    private void client(TestConfig config) {
        requests.subscribe((Flow.Subscriber<Message<?>>) bed.connector().getSubscriber(config.build()));
    }

    private TestConfig clientChannel() {
        return bed.sender("client");
    }

    private CompletableFuture<Message<Object>> request(Object payload) {
        CompletableFuture<Message<Object>> reply = new CompletableFuture<>();
        requests.onNext(Message.of(payload).addMetadata(new RequestMetadata(Order.class, reply)).withNack(t -> {
            reply.completeExceptionally(t);
            return CompletableFuture.completedFuture(null);
        }));
        return reply;
    }

    /** A plain amqp-client server: doubles the quantity, or answers with an error for quantity 0. */
    private void rawServer() throws Exception {
        Channel ch = bed.broker().channel().getConnection().createChannel();
        ch.basicConsume(bed.queue(), true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                try {
                    Order o = PayloadCodec.defaultMapper().readValue(body, Order.class);
                    AMQP.BasicProperties.Builder reply = new AMQP.BasicProperties.Builder()
                            .correlationId(props.getCorrelationId()).contentType("application/json");
                    if (o.quantity == 0) {
                        reply.headers(Map.of("x-warren-error", "quantity must not be 0", "x-warren-error-type",
                                "java.lang.IllegalArgumentException"));
                    }
                    ch.basicPublish("", props.getReplyTo(), reply.build(),
                            ("{\"id\":\"" + o.id + "\",\"quantity\":" + o.quantity * 2 + "}")
                                    .getBytes(StandardCharsets.UTF_8));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = { "direct", "queue" })
    void manyConcurrentRequestsEachGetTheirOwnReply(String mode) throws Exception {
        rawServer();
        client(clientChannel().with("reply.mode", mode));
        List<CompletableFuture<Message<Object>>> replies = new ArrayList<>();
        for (int i = 1; i <= 200; i++) {
            replies.add(request(new Order("r-" + i, i)));
        }
        for (int i = 1; i <= 200; i++) {
            Order reply = (Order) replies.get(i - 1).get(10, TimeUnit.SECONDS).getPayload();
            assertThat(reply.id).isEqualTo("r-" + i);
            assertThat(reply.quantity).isEqualTo(2 * i);
        }
    }

    @Test
    void aReplyCarryingAnErrorFailsTheRequest() throws Exception {
        rawServer();
        client(clientChannel());
        Throwable failure = catchThrowable(() -> request(new Order("zero", 0)).get(10, TimeUnit.SECONDS));
        assertThat(failure).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(RemoteProcessingException.class).hasMessage("quantity must not be 0");
        assertThat(((RemoteProcessingException) failure.getCause()).getRemoteType())
                .isEqualTo("java.lang.IllegalArgumentException");
    }

    @Test
    void aRequestWithoutReplyTimesOut() {
        client(clientChannel().with("reply.timeout", 300));
        long start = System.nanoTime();
        Throwable failure = catchThrowable(() -> request(new Order("lonely", 1)).get(10, TimeUnit.SECONDS));
        assertThat(failure).cause().isInstanceOf(TimeoutException.class).hasMessageContaining("no reply to request")
                .hasMessageContaining("within 300 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(280));
    }

    @Test
    void warrenAsRpcServerRepliesWithTheResultAndWithErrors() throws Exception {
        // Server: an incoming channel feeding a processor, whose results go to an outgoing Warren channel.
        UnicastProcessor<Message<?>> results = UnicastProcessor.create();
        @SuppressWarnings("unchecked")
        Flow.Subscriber<Message<?>> replies = (Flow.Subscriber<Message<?>>) bed.connector()
                .getSubscriber(TestConfig.channel(Broker.unique("replies")).with("exchange.name", "\"\"").build());
        results.subscribe(replies);
        bed.consume(TestConfig.channel(Broker.unique("server")).with("queue.name", bed.queue())
                .with("queue.declare", false).with("exchange.name", "\"\"").with("payload-type", Order.class.getName()))
                .subscribe().with(m -> {
                    Order o = (Order) m.getPayload();
                    if (o.quantity < 0) {
                        m.nack(new IllegalArgumentException("negative quantity " + o.quantity));
                    } else {
                        // As SmallRye does for a processor: the result carries the request's metadata and ack.
                        results.onNext(m.withPayload(new Order(o.id, o.quantity + 100)));
                    }
                });
        await().atMost(Duration.ofSeconds(10))
                .until(() -> bed.connector().incomingChannels().stream().allMatch(c -> c.health().isReady()));
        client(clientChannel());
        Order ok = (Order) request(new Order("fine", 1)).get(10, TimeUnit.SECONDS).getPayload();
        assertThat(ok.quantity).isEqualTo(101);
        Throwable failure = catchThrowable(() -> request(new Order("bad", -5)).get(10, TimeUnit.SECONDS));
        assertThat(failure).cause().isInstanceOf(RemoteProcessingException.class)
                .hasMessage("negative quantity -5");
        // The requests were acked once answered, or rejected after the error reply: nothing left.
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue()) == 0);
        // The answered one was acked: its reply to the direct reply-to address counted as delivered.
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.connector().incomingChannels().get(0).ackStats()[1] == 1);
    }

    @Test
    void aRequestPublishedAgainAfterAReconnectGetsAFreshTimeout() throws Exception {
        // A server that answers each request 2 s after it arrives.
        Channel ch = bed.broker().channel().getConnection().createChannel();
        java.util.concurrent.ScheduledExecutorService later = java.util.concurrent.Executors
                .newSingleThreadScheduledExecutor();
        ch.basicConsume(bed.queue(), true, new DefaultConsumer(ch) {
            @Override
            public void handleDelivery(String tag, Envelope env, AMQP.BasicProperties props, byte[] body) {
                later.schedule(() -> {
                    ch.basicPublish("", props.getReplyTo(), new AMQP.BasicProperties.Builder()
                            .correlationId(props.getCorrelationId()).contentType("application/json").build(), body);
                    return null;
                }, 2, TimeUnit.SECONDS);
            }
        });
        try (io.warren.testing.FaultProxy proxy = Broker.proxy()) {
            client(clientChannel().with("reply.timeout", 3000).at("127.0.0.1", proxy.port()));
            await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> bed.connector().outgoingChannels().get(0).health().isReady());
            // A first request subscribes to the replies, so that the next one is published at once.
            assertThat(((Order) request(new Order("first", 1)).get(10, TimeUnit.SECONDS).getPayload()).id)
                    .isEqualTo("first");
            // The request goes out into a network that holds it: no confirm, so it is published again later.
            proxy.pause();
            long sent = System.nanoTime();
            CompletableFuture<Message<Object>> reply = request(new Order("late", 1));
            Thread.sleep(1500);
            proxy.cut();
            proxy.resume();
            // Published again about 2 s after the send, answered 2 s later: after the first timer's 3 s, within the
            // second's. The first timer used to fail it.
            Order answer = (Order) reply.get(15, TimeUnit.SECONDS).getPayload();
            assertThat(answer.id).isEqualTo("late");
            assertThat(java.time.Duration.ofNanos(System.nanoTime() - sent)).isGreaterThan(
                    java.time.Duration.ofMillis(3000));
        } finally {
            later.shutdownNow();
        }
    }
}
