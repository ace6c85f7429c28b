package io.warren.quarkus.runtime.tracing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessageOperation;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingSpanNameExtractor;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
import io.opentelemetry.instrumentation.api.instrumenter.InstrumenterBuilder;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.ObserverFactory;

/**
 * Traces the Warren channels with the application's OpenTelemetry, except those with {@code tracing.enabled=false}.
 * A bean only when the application has {@code quarkus-opentelemetry}. The spans follow OpenTelemetry's messaging
 * conventions through its instrumentation API: a producer span per published message, whose context travels in
 * the W3C {@code traceparent}/{@code tracestate} headers, and a consumer span per received message that is a child
 * of the context found there.
 */
@Singleton
public class WarrenTracing implements ObserverFactory {

    static final String INSTRUMENTATION = "io.warren";

    private final Instrumenter<RabbitTrace, Void> producer;
    private final Instrumenter<RabbitTrace, Void> consumer;

    @Inject
    public WarrenTracing(OpenTelemetry openTelemetry) {
        this.producer = builder(openTelemetry, MessageOperation.PUBLISH)
                .buildProducerInstrumenter(RabbitTraceAttributes.SETTER);
        this.consumer = builder(openTelemetry, MessageOperation.PROCESS)
                .buildConsumerInstrumenter(RabbitTraceAttributes.GETTER_OF_HEADERS);
    }

    private static InstrumenterBuilder<RabbitTrace, Void> builder(OpenTelemetry otel, MessageOperation operation) {
        return Instrumenter.<RabbitTrace, Void> builder(otel, INSTRUMENTATION,
                MessagingSpanNameExtractor.create(RabbitTraceAttributes.GETTER, operation))
                .addAttributesExtractor(MessagingAttributesExtractor.create(RabbitTraceAttributes.GETTER, operation))
                .addAttributesExtractor(new RabbitTraceAttributes());
    }

    @Override
    public ChannelObserver observe(ObservedChannel channel) {
        return channel.tracing() ? new TracingObserver(channel, producer, consumer) : ChannelObserver.NONE;
    }
}
