package io.warren.quarkus.runtime.tracing;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.ObserverFactory;

/**
 * Traces the Warren channels with the application's OpenTelemetry, except those with {@code tracing.enabled=false}.
 * A bean only when the application has {@code quarkus-opentelemetry}. The spans follow OpenTelemetry's messaging
 * conventions, with names and attributes from its instrumentation API (see {@link SpanShape}): a producer span per
 * published message, whose context travels in the W3C {@code traceparent}/{@code tracestate} headers, and a consumer
 * span per received message that is a child of the context found there.
 */
@Singleton
public class WarrenTracing implements ObserverFactory {

    static final String INSTRUMENTATION = "io.warren";

    private final Tracer tracer;
    private final TextMapPropagator propagator;

    @Inject
    public WarrenTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer(INSTRUMENTATION);
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    @Override
    public ChannelObserver observe(ObservedChannel channel) {
        return channel.tracing() ? new TracingObserver(channel, tracer, propagator) : ChannelObserver.NONE;
    }
}
