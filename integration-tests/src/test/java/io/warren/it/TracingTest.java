package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * One trace from a REST call through the broker and back: REST -> Emitter (new-orders) -> broker -> @Incoming
 * (orders) -> @Outgoing (priced) -> broker -> @Incoming (priced-in), checked span by span with an in-memory exporter;
 * a message from a Node.js client with a traceparent joins that client's trace; tracing.enabled=false leaves a channel
 * out.
 */
@QuarkusTest
@QuarkusTestResource(value = WarrenTestResource.class, restrictToAnnotatedClass = true)
class TracingTest {

    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("warren.channel");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("warren.outcome");

    @Inject
    InMemorySpanExporter spans;

    @ConfigProperty(name = "warren.it.run")
    String run;

    @BeforeAll
    static void node() throws Exception {
        InteropTest.install();
    }

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        spans.reset();
    }

    @Test
    void oneTraceFromTheRestCallToTheLastConsumer() {
        String id = "traced-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(new Order(id, "ada", List.of(new Order.Line("pen", 2, 1.5))))
                .post("/orders").then().statusCode(204);

        String serverTrace = await().atMost(Duration.ofSeconds(10)).until(this::traceOfServer, Objects::nonNull);
        SpanData lastConsumer = await().atMost(Duration.ofSeconds(20))
                .until(() -> consumerSpan("priced-in", "ack", serverTrace), Objects::nonNull);
        String traceId = lastConsumer.getTraceId();
        SpanData pricedProducer = parentOf(lastConsumer);
        SpanData ordersConsumer = parentOf(pricedProducer);
        SpanData newOrdersProducer = parentOf(ordersConsumer);
        SpanData server = parentOf(newOrdersProducer);

        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getName()).contains("/orders");
        assertThat(newOrdersProducer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(newOrdersProducer.getAttributes().get(CHANNEL)).isEqualTo("new-orders");
        assertThat(ordersConsumer.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(ordersConsumer.getAttributes().get(CHANNEL)).isEqualTo("orders");
        assertThat(pricedProducer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(pricedProducer.getAttributes().get(CHANNEL)).isEqualTo("priced");
        assertThat(List.of(server, newOrdersProducer, ordersConsumer, pricedProducer, lastConsumer))
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(traceId));

        // Named after the destination and the operation, as the messaging conventions say.
        assertThat(newOrdersProducer.getName()).contains(WarrenTestResource.name("it-orders", run)).contains("publish");
        assertThat(ordersConsumer.getName()).contains(WarrenTestResource.name("it-orders", run)).contains("process");
        // The messaging conventions' attributes, on both sides.
        var produced = newOrdersProducer.getAttributes().asMap();
        assertThat(produced).as(produced.toString())
                .containsEntry(AttributeKey.stringKey("messaging.system"), "rabbitmq")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), WarrenTestResource.name("it-orders", run))
                .containsEntry(AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key"), "new")
                .containsEntry(AttributeKey.stringKey("messaging.operation"), "publish")
                .containsKey(AttributeKey.stringKey("messaging.message.id"));
        var consumed = ordersConsumer.getAttributes().asMap();
        assertThat(consumed).as(consumed.toString())
                .containsEntry(AttributeKey.stringKey("messaging.system"), "rabbitmq")
                .containsEntry(AttributeKey.stringKey("messaging.destination.name"), WarrenTestResource.name("it-orders", run))
                .containsEntry(AttributeKey.stringKey("messaging.destination.subscription.name"), WarrenTestResource.name("it-orders", run))
                .containsEntry(AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key"), "new")
                .containsEntry(AttributeKey.stringKey("messaging.operation"), "process")
                .containsEntry(AttributeKey.stringKey("messaging.message.id"),
                        produced.get(AttributeKey.stringKey("messaging.message.id")))
                .containsEntry(OUTCOME, "ack")
                .containsKey(AttributeKey.longKey("messaging.message.body.size"));
        assertThat(ordersConsumer.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
        // The handler (on the channel's thread) ran with the consumer span current.
        assertThat(given().get("/orders/span/" + id).asString()).isEqualTo(lastConsumer.getSpanId());
    }

    @Test
    void aFailedMessageEndsItsSpanWithTheStrategyAndTheError() {
        String id = "poison-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(new Order(id, "eve", List.of())).post("/orders").then().statusCode(204);
        String serverTrace = await().atMost(Duration.ofSeconds(10)).until(this::traceOfServer, Objects::nonNull);
        SpanData consumer = await().atMost(Duration.ofSeconds(20))
                .until(() -> consumerSpan("orders", "reject", serverTrace), Objects::nonNull);
        assertThat(consumer.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(consumer.getEvents()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("exception"));
    }

    @Test
    void aMessageFromANodeClientJoinsItsTrace() throws Exception {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e" + Long.toHexString(System.nanoTime() & 0xffffL | 0x1000L);
        traceId = traceId.substring(traceId.length() - 32);
        String parentSpan = "00f067aa0ba902b7";
        String id = "node-traced-" + System.nanoTime();
        Path script = Path.of("src", "test", "node", "traceparent.js").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString(),
                "amqp://guest:guest@" + WarrenTestResource.HOST + ":" + WarrenTestResource.PORT,
                WarrenTestResource.name("it-orders", run), id, "00-" + traceId + "-" + parentSpan + "-01"))
                .directory(InteropTest.NODE_DIR.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("NODE_PATH", InteropTest.NODE_DIR.resolve("node_modules").toAbsolutePath().toString());
        Process node = builder.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("TRACE published");

        String trace = traceId;
        SpanData last = await().atMost(Duration.ofSeconds(20)).until(() -> consumerSpan("priced-in", "ack", trace),
                Objects::nonNull);
        SpanData ordersConsumer = parentOf(parentOf(last));
        assertThat(ordersConsumer.getAttributes().get(CHANNEL)).isEqualTo("orders");
        assertThat(ordersConsumer.getParentSpanId()).isEqualTo(parentSpan);
        assertThat(ordersConsumer.getParentSpanContext().isRemote()).isTrue();
        assertThat(ordersConsumer.getAttributes().get(AttributeKey.stringKey("messaging.message.id"))).isEqualTo("node-" + id);
    }

    @Test
    void aChannelWithTracingDisabledHasNoSpans() {
        // Heartbeats flow every 200 ms: wait for a few of their producer spans, and for them to be consumed.
        await().atMost(Duration.ofSeconds(15)).until(() -> spans.getFinishedSpanItems().stream()
                .filter(s -> "heartbeats".equals(s.getAttributes().get(CHANNEL))).count() >= 5);
        long consumed = Long.parseLong(given().get("/orders/heartbeat").asString());
        await().atMost(Duration.ofSeconds(15))
                .until(() -> Long.parseLong(given().get("/orders/heartbeat").asString()) > consumed + 2);
        List<SpanData> all = spans.getFinishedSpanItems();
        assertThat(all).noneSatisfy(s -> assertThat(s.getAttributes().get(CHANNEL)).isEqualTo("heartbeats-in"));
    }

    /** The trace of the most recent server span, or null. */
    private String traceOfServer() {
        List<SpanData> all = spans.getFinishedSpanItems();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).getKind() == SpanKind.SERVER) {
                return all.get(i).getTraceId();
            }
        }
        return null;
    }

    /** The consumer span of a channel with this outcome (in this trace, when given), or null. */
    private SpanData consumerSpan(String channel, String outcome, String traceId) {
        for (SpanData s : spans.getFinishedSpanItems()) {
            if (s.getKind() == SpanKind.CONSUMER && channel.equals(s.getAttributes().get(CHANNEL))
                    && outcome.equals(s.getAttributes().get(OUTCOME))
                    && (traceId == null || traceId.equals(s.getTraceId()))) {
                return s;
            }
        }
        return null;
    }

    private SpanData parentOf(SpanData child) {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                .as(() -> "the parent of " + child + " among the spans of its trace: " + trace(child.getTraceId()))
                .anySatisfy(s -> assertThat(s.getSpanId()).isEqualTo(child.getParentSpanId())));
        return spans.getFinishedSpanItems().stream().filter(s -> s.getSpanId().equals(child.getParentSpanId()))
                .findFirst().orElseThrow();
    }

    private List<String> trace(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId))
                .map(s -> s.getKind() + " " + s.getName() + " " + s.getSpanId() + " <- " + s.getParentSpanId()).toList();
    }
}
