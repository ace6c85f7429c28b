package io.warren.quarkus.runtime.tracing;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.rabbitmq.client.AMQP;

import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.instrumenter.Instrumenter;
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
 */
final class TracingObserver implements ChannelObserver {

    private record Span(Context context, RabbitTrace trace) {
    }

    private final ObservedChannel channel;
    private final Instrumenter<RabbitTrace, Void> producer;
    private final Instrumenter<RabbitTrace, Void> consumer;

    TracingObserver(ObservedChannel channel, Instrumenter<RabbitTrace, Void> producer,
            Instrumenter<RabbitTrace, Void> consumer) {
        this.channel = channel;
        this.producer = producer;
        this.consumer = consumer;
    }

    @Override
    public AMQP.BasicProperties publishing(Message<?> message, String exchange, String routingKey,
            AMQP.BasicProperties properties) {
        Context parent = message.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext)
                .orElse(null);
        if (parent == null) {
            parent = Context.current();
        }
        Map<String, Object> headers = properties.getHeaders() == null ? new HashMap<>()
                : new HashMap<>(properties.getHeaders());
        RabbitTrace trace = new RabbitTrace(channel.name(), exchange, routingKey, null, properties.getMessageId(),
                properties.getCorrelationId(), -1, headers);
        if (!producer.shouldStart(parent, trace)) {
            return properties;
        }
        Context span = producer.start(parent, trace);
        producer.end(span, trace, null, null);
        return properties.builder().headers(headers).build();
    }

    @Override
    public void delivered(IncomingRabbitMQMessage<?> message) {
        IncomingRabbitMQMetadata md = message.getRabbitMetadata();
        RabbitTrace trace = new RabbitTrace(channel.name(), md.getExchange(), md.getRoutingKey(), channel.queue(),
                md.getMessageId().orElse(null), md.getCorrelationId().orElse(null), message.body().length,
                md.getProperties().getHeaders());
        // The channel's thread holds no context: the parent is what the headers carry.
        Context parent = Context.root();
        if (!consumer.shouldStart(parent, trace)) {
            return;
        }
        Context span = consumer.start(parent, trace);
        message.observation(new Span(span, trace));
        message.injectMetadata(TracingMetadata.with(span, parent));
    }

    @Override
    public Scope handing(IncomingRabbitMQMessage<?> message) {
        if (message.observation() instanceof Span s) {
            io.opentelemetry.context.Scope scope = s.context().makeCurrent();
            return scope::close;
        }
        return Scope.NONE;
    }

    @Override
    public void handled(IncomingRabbitMQMessage<?> message, Throwable failure) {
        if (message.observation() instanceof Span s) {
            s.trace().outcome = failure == null ? "ack" : channel.failureStrategy();
            s.trace().failure = failure;
        }
    }

    @Override
    public void settled(IncomingRabbitMQMessage<?> message, Settlement settlement) {
        if (message.observation() instanceof Span s) {
            message.observation(null);
            if (s.trace().outcome == null) {
                s.trace().outcome = settlement.name().toLowerCase(java.util.Locale.ROOT);
            }
            consumer.end(s.context(), s.trace(), null, s.trace().failure);
        }
    }

    @Override
    public void abandoned(IncomingRabbitMQMessage<?> message) {
        if (message.observation() instanceof Span s) {
            message.observation(null);
            s.trace().outcome = "abandoned";
            consumer.end(s.context(), s.trace(), null, null);
        }
    }
}
