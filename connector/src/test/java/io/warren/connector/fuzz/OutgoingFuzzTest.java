package io.warren.connector.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.LongString;

import io.smallrye.mutiny.Multi;
import io.warren.connector.OutgoingRabbitMQMetadata;
import io.warren.connector.outgoing.PublishFailedException;
import io.warren.connector.support.Broker;
import io.warren.connector.support.BrokerTestBed;
import io.warren.connector.support.TestConfig;
import io.warren.testing.FaultProxy;

/**
 * Property, outgoing side: messages whose metadata headers hold random values of every field-table type arrive with
 * those values; a message holding one value the broker or the client cannot take, anywhere in its headers, is nacked
 * with the reason before it is published; and through all of it the publisher's one connection stays up.
 * {@code -Dfuzz.cases=N} (half of it here), {@code -Dfuzz.seed=S}.
 */
class OutgoingFuzzTest {

    @RegisterExtension
    final BrokerTestBed bed = BrokerTestBed.queue("fuzz-out");

    /** Values no publish may carry, with what the refusal names. */
    private static final List<Object> BAD = Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY,
            Float.NEGATIVE_INFINITY, Float.NaN, UUID.randomUUID(), 'c', new int[] { 1 },
            new BigDecimal("123456789012345678901234567890"), new BigDecimal("1E+3"), new Object(),
            new StringBuilder("sb"));

    @Test
    @SuppressWarnings("unchecked")
    void goodHeadersArriveIntactAndBadOnesNeverReachTheBroker() throws Exception {
        int cases = Math.max(10, Integer.getInteger("fuzz.cases", 2000) / 2);
        long seed = Long.getLong("fuzz.seed", 14);
        Random random = new Random(seed);
        FuzzCases values = new FuzzCases(seed);
        String channel = Broker.unique("fuzz-out");
        Map<String, Map<String, Object>> sent = new LinkedHashMap<>();
        Map<String, CompletableFuture<Throwable>> outcomes = new LinkedHashMap<>();
        Map<String, String> badOnes = new LinkedHashMap<>();
        List<Message<?>> messages = new ArrayList<>();
        for (int i = 0; i < cases; i++) {
            String id = "o-" + i;
            Map<String, Object> headers = values.headers();
            if (random.nextInt(3) == 0) {
                Object bad = BAD.get(random.nextInt(BAD.size()));
                badOnes.put(id, String.valueOf(bad));
                plant(headers, bad, random);
            }
            sent.put(id, headers);
            CompletableFuture<Throwable> outcome = new CompletableFuture<>();
            outcomes.put(id, outcome);
            messages.add(Message.of("body-" + i, () -> {
                outcome.complete(null);
                return CompletableFuture.completedFuture(null);
            }, t -> {
                outcome.complete(t);
                return CompletableFuture.completedFuture(null);
            }).addMetadata(OutgoingRabbitMQMetadata.builder().withMessageId(id).withHeaders(headers).build()));
        }
        Map<String, Map<String, Object>> received = new ConcurrentHashMap<>();
        Channel consumer = bed.broker().channel();
        consumer.basicConsume(bed.queue(), true, new DefaultConsumer(consumer) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
                received.put(properties.getMessageId(),
                        properties.getHeaders() == null ? Map.of() : properties.getHeaders());
            }
        });
        try (FaultProxy proxy = new FaultProxy(Broker.HOST, Broker.PORT)) {
            Multi.createFrom().iterable(messages).subscribe((Flow.Subscriber<Message<?>>) bed.connector().getSubscriber(
                    TestConfig.channel(channel).at("127.0.0.1", proxy.port()).with("exchange.name", "\"\"")
                            .with("default-routing-key", bed.queue()).build()));
            CompletableFuture.allOf(outcomes.values().toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            assertThat(proxy.accepted()).as("connections the publisher opened").isEqualTo(1);
        }
        int good = cases - badOnes.size();
        await().atMost(Duration.ofSeconds(30)).until(() -> received.size() == good);
        int nacked = 0;
        for (Map.Entry<String, CompletableFuture<Throwable>> e : outcomes.entrySet()) {
            String id = e.getKey();
            Throwable t = e.getValue().get();
            if (badOnes.containsKey(id)) {
                nacked++;
                assertThat(t).as("%s with %s", id, badOnes.get(id)).isInstanceOf(PublishFailedException.class);
                assertThat(t.getMessage()).startsWith("Channel '" + channel + "': message " + id
                        + " cannot be published: ");
                assertThat(received).doesNotContainKey(id);
            } else {
                assertThat(t).as(id).isNull();
                // Warren adds its publish sequence to mandatory messages, to pair returns: the rest is as sent.
                Map<String, Object> arrived = new java.util.HashMap<>(received.get(id));
                assertThat(arrived.remove(io.warren.connector.connection.ConfirmTracker.SEQUENCE_HEADER)).isNotNull();
                assertThat(normal(arrived)).as("headers of %s", id).isEqualTo(normal(sent.get(id)));
            }
        }
        System.out.printf("fuzz-out: good=%d/%d bad=%d nacked-before-publish=%d connections=1 (seed %d)%n",
                received.size(), good, badOnes.size(), nacked, seed);
    }

    /** Puts the value somewhere in the headers: at the top, in a nested table, or in an array. */
    @SuppressWarnings("unchecked")
    private static void plant(Map<String, Object> headers, Object bad, Random random) {
        switch (random.nextInt(3)) {
            case 0 -> headers.put("bad", bad);
            case 1 -> headers.put("table", new HashMap<>(Map.of("inner", new HashMap<>(Map.of("bad", bad)))));
            default -> headers.put("array", new ArrayList<>(Arrays.asList(1, "two", bad)));
        }
    }

    /** A header value as the broker gives it back: strings as strings, dates to the second, arrays as lists. */
    private static Object normal(Object v) {
        if (v instanceof LongString || v instanceof String) {
            return v.toString();
        }
        if (v instanceof Date d) {
            return d.getTime() / 1000;
        }
        if (v instanceof byte[] b) {
            return "bytes:" + Arrays.toString(b);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new HashMap<>();
            m.forEach((k, value) -> out.put(String.valueOf(k), normal(value)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(OutgoingFuzzTest::normal).toList();
        }
        if (v instanceof Object[] a) {
            return Arrays.stream(a).map(OutgoingFuzzTest::normal).toList();
        }
        return v;
    }
}
