package io.warren.quarkus.runtime.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.impl.LongStringHelper;

import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessageOperation;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingSpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.Settlement;

/**
 * Warren builds its spans with the {@code Tracer} from shapes computed once per exchange, for speed; these tests
 * hold it to what OpenTelemetry's own messaging {@code Instrumenter} makes of the same message: the same name, kind,
 * attributes and parent.
 */
class TracingObserverTest {

    private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
    private final OpenTelemetrySdk otel = OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    private final WarrenTracing tracing = new WarrenTracing(otel);

    @AfterEach
    void close() {
        otel.close();
    }

    @Test
    void aConsumerSpanHasWhatTheInstrumenterWouldGiveItAndTheContextOfTheHeaders() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        Map<String, Object> headers = new HashMap<>();
        headers.put("traceparent", LongStringHelper.asLongString(traceparent));
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("m-1").correlationId("c-1")
                .headers(headers).build();
        byte[] body = "{\"a\":1}".getBytes();
        ObservedChannel channel = ObservedChannel.incoming("orders", "orders-q", "orders-x", "dead-letter", 10, true);
        var observer = tracing.observe(channel);
        IncomingRabbitMQMessage<String> message = IncomingRabbitMQMessage.of(null, null,
                new IncomingRabbitMQMetadata("orders", new Envelope(7, false, "orders-x", "eu.new"), props), "extra",
                "payload", body, 0);
        observer.delivered(message);
        observer.handled(message, null);
        observer.settled(message, Settlement.ACK);

        RabbitTrace trace = new RabbitTrace("orders", "orders-x", "eu.new", "orders-q", "m-1", "c-1", body.length,
                headers);
        SpanData reference = reference(MessageOperation.PROCESS, trace, "ack");
        SpanData warren = exporter.getFinishedSpanItems().get(0);
        assertThat(warren.getKind()).isEqualTo(SpanKind.CONSUMER).isEqualTo(reference.getKind());
        assertThat(warren.getName()).isEqualTo(reference.getName()).isEqualTo("orders-x process");
        assertThat(warren.getAttributes().asMap()).isEqualTo(reference.getAttributes().asMap());
        assertThat(warren.getTraceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(warren.getParentSpanId()).isEqualTo("b7ad6b7169203331");
        assertThat(warren.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    }

    @Test
    void aFailedMessageEndsItsSpanInErrorWithTheException() {
        ObservedChannel channel = ObservedChannel.incoming("orders", "orders-q", "", "reject", 10, true);
        var observer = tracing.observe(channel);
        IncomingRabbitMQMessage<String> message = IncomingRabbitMQMessage.of(null, null,
                new IncomingRabbitMQMetadata("orders", new Envelope(7, false, "", "orders-q"),
                        new AMQP.BasicProperties()),
                "extra", "payload", new byte[3], 0);
        observer.delivered(message);
        observer.handled(message, new IllegalStateException("bad order"));
        observer.settled(message, Settlement.REJECT);

        SpanData span = exporter.getFinishedSpanItems().get(0);
        assertThat(span.getName()).isEqualTo("amq.default process");
        assertThat(span.getParentSpanContext().isValid()).isFalse();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getAttributes().get(RabbitTraceAttributes.OUTCOME)).isEqualTo("reject");
        assertThat(span.getEvents()).singleElement().satisfies(e -> assertThat(e.getName()).isEqualTo("exception"));
    }

    @Test
    void aProducerSpanHasWhatTheInstrumenterWouldGiveItAndTravelsInTheHeaders() {
        ObservedChannel channel = ObservedChannel.outgoing("priced", "prices-x", true);
        var observer = tracing.observe(channel);
        AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().messageId("m-2")
                .headers(Map.of("x-kept", "yes")).build();
        AMQP.BasicProperties sent = observer.publishing(Message.of("p"), "prices-x", "eu", props);

        RabbitTrace trace = new RabbitTrace("priced", "prices-x", "eu", null, "m-2", null, -1, new HashMap<>());
        SpanData reference = reference(MessageOperation.PUBLISH, trace, null);
        SpanData warren = exporter.getFinishedSpanItems().get(0);
        assertThat(warren.getKind()).isEqualTo(SpanKind.PRODUCER).isEqualTo(reference.getKind());
        assertThat(warren.getName()).isEqualTo(reference.getName()).isEqualTo("prices-x publish");
        assertThat(warren.getAttributes().asMap()).isEqualTo(reference.getAttributes().asMap());
        assertThat(sent.getHeaders()).containsEntry("x-kept", "yes")
                .containsEntry("traceparent", "00-" + warren.getTraceId() + "-" + warren.getSpanId() + "-01");
    }

    @Test
    void aChannelThatPublishesToSeveralExchangesNamesEachSpanAfterItsOwn() {
        var observer = tracing.observe(ObservedChannel.outgoing("any", "a-x", true));
        for (String exchange : List.of("a-x", "b-x", "a-x")) {
            observer.publishing(Message.of("p"), exchange, "k", new AMQP.BasicProperties());
        }
        assertThat(exporter.getFinishedSpanItems()).extracting(SpanData::getName)
                .containsExactly("a-x publish", "b-x publish", "a-x publish");
    }

    /** The span OpenTelemetry's messaging Instrumenter makes of the message, with Warren's own attributes added. */
    private SpanData reference(MessageOperation operation, RabbitTrace trace, String outcome) {
        AttributesExtractor<RabbitTrace, Void> warrens = new AttributesExtractor<>() {
            @Override
            public void onStart(AttributesBuilder attributes, Context parent, RabbitTrace t) {
                attributes.put(RabbitTraceAttributes.ROUTING_KEY, t.routingKey);
                RabbitTraceAttributes.putChannel(attributes, t.channel, t.queue);
            }

            @Override
            public void onEnd(AttributesBuilder attributes, Context context, RabbitTrace t, Void response,
                    Throwable error) {
                attributes.put(RabbitTraceAttributes.OUTCOME, outcome);
            }
        };
        var builder = Instrumenter.<RabbitTrace, Void> builder(otel, "reference",
                MessagingSpanNameExtractor.create(RabbitTraceAttributes.GETTER, operation))
                .addAttributesExtractor(MessagingAttributesExtractor.create(RabbitTraceAttributes.GETTER, operation))
                .addAttributesExtractor(warrens);
        Instrumenter<RabbitTrace, Void> instrumenter = operation == MessageOperation.PUBLISH
                ? builder.buildProducerInstrumenter((t, key, value) -> t.headers.put(key, value))
                : builder.buildConsumerInstrumenter(new TextMapGetter<RabbitTrace>() {
                    @Override
                    public Iterable<String> keys(RabbitTrace t) {
                        return RabbitTraceAttributes.HEADER_GETTER.keys(t.headers);
                    }

                    @Override
                    public String get(RabbitTrace t, String key) {
                        return RabbitTraceAttributes.HEADER_GETTER.get(t.headers, key);
                    }
                });
        int before = exporter.getFinishedSpanItems().size();
        Context span = instrumenter.start(Context.root(), trace);
        instrumenter.end(span, trace, null, null);
        return exporter.getFinishedSpanItems().get(before);
    }
}
