package io.warren.connector.outgoing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.LongString;
import com.rabbitmq.client.impl.LongStringHelper;

import io.smallrye.mutiny.Multi;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.TestConfig;
import io.warren.testing.FaultProxy;

/**
 * Outgoing metadata headers of every AMQP field-table type reach the broker intact; a message whose headers the
 * broker or the client cannot take (NaN, a UUID...) is nacked with the reason before it is published, and the
 * connection, the channel and the messages around it carry on.
 */
class OutgoingWireFormTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("wire");

    /** A message whose settlement completes the future: null on ack, the failure on nack. */
    private static Message<?> tracked(String body, Map<String, Object> headers, String id,
            CompletableFuture<Throwable> outcome) {
        return Message.of(body, () -> {
            outcome.complete(null);
            return CompletableFuture.completedFuture(null);
        }, t -> {
            outcome.complete(t);
            return CompletableFuture.completedFuture(null);
        }).addMetadata(OutgoingRabbitMQMetadata.builder().withMessageId(id).withHeaders(headers).build());
    }

    @SuppressWarnings("unchecked")
    private void publish(List<Message<?>> messages, TestConfig config) {
        Multi.createFrom().iterable(messages).subscribe((Flow.Subscriber<Message<?>>) bed.connector().getSubscriber(
                config.with("exchange.name", "\"\"").with("default-routing-key", bed.queue()).build()));
    }

    @Test
    void headersOfEveryFieldTableTypeArriveIntact() throws Exception {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("string", "text é ✓");
        h.put("long-string", LongStringHelper.asLongString("long"));
        h.put("int", 42);
        h.put("long", Long.MIN_VALUE);
        h.put("short", (short) -7);
        h.put("byte", (byte) 8);
        h.put("bool", true);
        h.put("float", 1.25f);
        h.put("double", Double.MAX_VALUE);
        h.put("decimal", new BigDecimal("-2147483.648"));
        h.put("timestamp", new Date(1_700_000_000_000L));
        h.put("bytes", new byte[] { 0, 1, (byte) 0xFF });
        h.put("null", null);
        h.put("table", Map.of("inner", Map.of("n", 1)));
        h.put("array", List.of(1, "two", List.of(3)));
        CompletableFuture<Throwable> outcome = new CompletableFuture<>();
        publish(List.of(tracked("all types", h, "all-types", outcome)), TestConfig.channel(Broker.unique("wire")));
        assertThat(outcome.get(10, TimeUnit.SECONDS)).isNull();
        GetResponse got = await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().get(bed.queue()),
                r -> r != null);
        Map<String, Object> back = got.getProps().getHeaders();
        assertThat(text(back.get("string"))).isEqualTo("text é ✓");
        assertThat(text(back.get("long-string"))).isEqualTo("long");
        assertThat(back.get("int")).isEqualTo(42);
        assertThat(back.get("long")).isEqualTo(Long.MIN_VALUE);
        assertThat(back.get("short")).isEqualTo((short) -7);
        assertThat(back.get("byte")).isEqualTo((byte) 8);
        assertThat(back.get("bool")).isEqualTo(true);
        assertThat(back.get("float")).isEqualTo(1.25f);
        assertThat(back.get("double")).isEqualTo(Double.MAX_VALUE);
        assertThat(back.get("decimal")).isEqualTo(new BigDecimal("-2147483.648"));
        assertThat(back.get("timestamp")).isEqualTo(new Date(1_700_000_000_000L));
        assertThat((byte[]) back.get("bytes")).containsExactly(0, 1, 0xFF);
        assertThat(back).containsKey("null");
        assertThat(back.get("null")).isNull();
        assertThat(((Map<?, ?>) ((Map<?, ?>) back.get("table")).get("inner")).get("n")).isEqualTo(1);
        List<?> array = (List<?>) back.get("array");
        assertThat(array.get(0)).isEqualTo(1);
        assertThat(text(array.get(1))).isEqualTo("two");
        assertThat(((List<?>) array.get(2)).get(0)).isEqualTo(3);
    }

    @Test
    void badValuesAreNackedBeforePublishingAndNeverTakeTheConnectionDown() throws Exception {
        List<Object> bad = List.of(Double.NaN, Float.NEGATIVE_INFINITY, Map.of("deep", List.of(Double.NaN)),
                UUID.randomUUID(), new BigDecimal("1E-300"), new int[] { 1 });
        List<CompletableFuture<Throwable>> outcomes = new ArrayList<>();
        List<Message<?>> messages = new ArrayList<>();
        int good = 0;
        for (int round = 0; round < 50; round++) {
            for (int i = 0; i < bad.size(); i++) {
                CompletableFuture<Throwable> o = new CompletableFuture<>();
                outcomes.add(o);
                Map<String, Object> h = new LinkedHashMap<>();
                h.put("v", bad.get(i));
                messages.add(tracked("bad", h, "bad-" + round + "-" + i, o));
                CompletableFuture<Throwable> g = new CompletableFuture<>();
                outcomes.add(g);
                messages.add(tracked("good", Map.of("n", good), "good-" + good++, g));
            }
        }
        String channel = Broker.unique("wire");
        try (FaultProxy proxy = new FaultProxy(Broker.HOST, Broker.PORT)) {
            // Through a proxy that counts connections: a connection the broker closed would be opened again.
            publish(messages, TestConfig.channel(channel).at("127.0.0.1", proxy.port()));
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            assertThat(proxy.accepted()).as("connections opened").isEqualTo(1);
            assertThat(proxy.open()).isEqualTo(1);
        }
        for (int i = 0; i < outcomes.size(); i++) {
            Throwable t = outcomes.get(i).get();
            if (i % 2 == 1) {
                assertThat(t).as("good message %d", i / 2).isNull();
                continue;
            }
            assertThat(t).as("bad message %d", i / 2).isInstanceOf(PublishFailedException.class);
            assertThat(t.getMessage()).startsWith("Channel '" + channel + "': message bad-")
                    .contains("cannot be published: header 'v");
        }
        assertThat(outcomes.get(0).get().getMessage()).contains("is NaN, which RabbitMQ cannot store")
                .contains("541 INTERNAL_ERROR");
        assertThat(outcomes.get(6).get().getMessage()).contains("java.util.UUID");
        await().atMost(Duration.ofSeconds(5)).until(() -> bed.broker().count(bed.queue()) == 300);
        for (int i = 0; i < 300; i++) {
            GetResponse r = bed.broker().get(bed.queue());
            assertThat(r.getProps().getMessageId()).isEqualTo("good-" + i);
        }
    }

    private static String text(Object v) {
        return v instanceof LongString ls ? ls.toString() : String.valueOf(v);
    }
}
