package io.warren.quarkus.runtime.tracing;

import static io.warren.quarkus.runtime.tracing.RabbitTraceAttributes.BODY_SIZE;
import static io.warren.quarkus.runtime.tracing.RabbitTraceAttributes.CONVERSATION_ID;
import static io.warren.quarkus.runtime.tracing.RabbitTraceAttributes.MESSAGE_ID;
import static io.warren.quarkus.runtime.tracing.RabbitTraceAttributes.OUTCOME;
import static io.warren.quarkus.runtime.tracing.RabbitTraceAttributes.ROUTING_KEY;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.AMQP;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessageOperation;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.Settlement;

/**
 * Traces one channel. Publish: a producer span, child of the message's {@link TracingMetadata} (Quarkus puts the
 * sender's context there) or of the current context, with its context written into the AMQP headers. Consume: a
 * consumer span, child of the context in the headers, put into the message's {@link TracingMetadata} and made
 * current while the message is handed to the application, so that what a handler on the channel's thread does, and
 * what the application publishes while handling it, continue the trace; it ends when the message is settled, with
 * the outcome: {@code ack}, or the name of the failure strategy that took the message.
 * <p>
 * Spans are built with the {@link Tracer} directly, from a {@link SpanShape} computed once per exchange, rather than
 * through OpenTelemetry's {@code Instrumenter}, which ran the conventions' extractors and built the name for every
 * message, then copied the attributes once more into the span: with it, tracing added 45% to the CPU per consumed
 * message in W1 (target 25%).
 */
final class TracingObserver implements ChannelObserver {

    /** A consumer span until its message is settled. Outcome and failure are written by the thread that handled it. */
    private static final class Consumed {
        final Span span;
        final Context context;
        volatile String outcome;
        volatile Throwable failure;

        Consumed(Span span, Context context) {
            this.span = span;
            this.context = context;
        }
    }

    private final ObservedChannel channel;
    private final Tracer tracer;
    private final TextMapPropagator propagator;
    private final SpanShape.Cache shapes;

    TracingObserver(ObservedChannel channel, Tracer tracer, TextMapPropagator propagator) {
        this.channel = channel;
        this.tracer = tracer;
        this.propagator = propagator;
        this.shapes = new SpanShape.Cache(channel,
                channel.incoming() ? MessageOperation.PROCESS : MessageOperation.PUBLISH);
    }

    @Override
    public AMQP.BasicProperties publishing(Message<?> message, String exchange, String routingKey,
            AMQP.BasicProperties properties) {
        Context parent = message.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                .orElse(null);
        if (parent == null) {
            parent = Context.current();
        }
        Span span = start(SpanKind.PRODUCER, parent, exchange, routingKey, properties.getMessageId(),
                properties.getCorrelationId(), -1);
        Map<String, Object> headers = properties.getHeaders() == null ? new HashMap<>()
                : new HashMap<>(properties.getHeaders());
        propagator.inject(parent.with(span), headers, RabbitTraceAttributes.HEADER_SETTER);
        span.end();
        return properties.builder().headers(headers).build();
    }

    @Override
    public void delivered(IncomingRabbitMQMessage<?> message) {
        IncomingRabbitMQMetadata md = message.getRabbitMetadata();
        AMQP.BasicProperties properties = md.getProperties();
        Map<String, Object> headers = properties.getHeaders();
        // The channel's thread holds no context: the parent is what the headers carry, if anything.
        Context parent = headers == null || headers.isEmpty() ? Context.root()
                : propagator.extract(Context.root(), headers, RabbitTraceAttributes.HEADER_GETTER);
        Span span = start(SpanKind.CONSUMER, parent, md.getExchange(), md.getRoutingKey(),
                properties.getMessageId(), properties.getCorrelationId(), message.body().length);
        Context context = parent.with(span);
        message.observation(new Consumed(span, context));
        message.injectMetadata(TracingMetadata.with(context, parent));
    }

    private Span start(SpanKind kind, Context parent, String exchange, String routingKey, String messageId,
            String correlationId, long bodySize) {
        SpanShape shape = shapes.of(exchange);
        SpanBuilder span = tracer.spanBuilder(shape.name()).setSpanKind(kind).setParent(parent)
                .setAllAttributes(shape.attributes());
        if (routingKey != null) {
            span.setAttribute(ROUTING_KEY, routingKey);
        }
        if (messageId != null) {
            span.setAttribute(MESSAGE_ID, messageId);
        }
        if (correlationId != null) {
            span.setAttribute(CONVERSATION_ID, correlationId);
        }
        if (bodySize >= 0) {
            span.setAttribute(BODY_SIZE, bodySize);
        }
        return span.startSpan();
    }

    @Override
    public Scope handing(IncomingRabbitMQMessage<?> message) {
        if (message.observation() instanceof Consumed c) {
            io.opentelemetry.context.Scope scope = c.context.makeCurrent();
            return scope::close;
        }
        return Scope.NONE;
    }

    @Override
    public void handled(IncomingRabbitMQMessage<?> message, Throwable failure) {
        if (message.observation() instanceof Consumed c) {
            c.outcome = failure == null ? "ack" : channel.failureStrategy();
            c.failure = failure;
        }
    }

    @Override
    public void settled(IncomingRabbitMQMessage<?> message, Settlement settlement) {
        if (message.observation() instanceof Consumed c) {
            message.observation(null);
            end(c, c.outcome == null ? settlement.name().toLowerCase(Locale.ROOT) : c.outcome, c.failure);
        }
    }

    @Override
    public void abandoned(IncomingRabbitMQMessage<?> message) {
        if (message.observation() instanceof Consumed c) {
            message.observation(null);
            end(c, "abandoned", null);
        }
    }

    private static void end(Consumed c, String outcome, Throwable failure) {
        c.span.setAttribute(OUTCOME, outcome);
        if (failure != null) {
            c.span.recordException(failure);
            c.span.setStatus(StatusCode.ERROR);
        }
        c.span.end();
    }
}
