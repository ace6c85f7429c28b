package io.warren.quarkus.runtime.tracing;

import java.util.List;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingAttributesGetter;
import io.opentelemetry.instrumentation.api.instrumenter.AttributesExtractor;

/**
 * How OpenTelemetry's messaging instrumentation reads a {@link RabbitTrace}: the conventional attributes come from
 * {@code MessagingAttributesExtractor} through the getter; the RabbitMQ ones (routing key), the queue, the channel
 * and the outcome are added here; the headers carry the W3C trace context.
 */
final class RabbitTraceAttributes implements AttributesExtractor<RabbitTrace, Void> {

    static final AttributeKey<String> ROUTING_KEY = AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");
    static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("messaging.destination.subscription.name");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("warren.channel");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("warren.outcome");
    /** The name RabbitMQ shows for the default exchange, which has none. */
    static final String DEFAULT_EXCHANGE = "amq.default";

    @Override
    public void onStart(AttributesBuilder attributes, Context parentContext, RabbitTrace trace) {
        attributes.put(ROUTING_KEY, trace.routingKey);
        attributes.put(CHANNEL, trace.channel);
        if (trace.queue != null) {
            attributes.put(SUBSCRIPTION, trace.queue);
        }
    }

    @Override
    public void onEnd(AttributesBuilder attributes, Context context, RabbitTrace trace, Void response,
            Throwable error) {
        if (trace.outcome != null) {
            attributes.put(OUTCOME, trace.outcome);
        }
    }

    static final MessagingAttributesGetter<RabbitTrace, Void> GETTER = new MessagingAttributesGetter<>() {
        @Override
        public String getSystem(RabbitTrace trace) {
            return "rabbitmq";
        }

        @Override
        public String getDestination(RabbitTrace trace) {
            return trace.exchange == null || trace.exchange.isEmpty() ? DEFAULT_EXCHANGE : trace.exchange;
        }

        @Override
        public String getDestinationTemplate(RabbitTrace trace) {
            return null;
        }

        @Override
        public boolean isTemporaryDestination(RabbitTrace trace) {
            return false;
        }

        @Override
        public boolean isAnonymousDestination(RabbitTrace trace) {
            return false;
        }

        @Override
        public String getConversationId(RabbitTrace trace) {
            return trace.correlationId;
        }

        @Override
        public Long getMessageBodySize(RabbitTrace trace) {
            return trace.bodySize < 0 ? null : trace.bodySize;
        }

        @Override
        public Long getMessageEnvelopeSize(RabbitTrace trace) {
            return null;
        }

        @Override
        public String getMessageId(RabbitTrace trace, Void response) {
            return trace.messageId;
        }

        @Override
        public String getClientId(RabbitTrace trace) {
            return null;
        }

        @Override
        public Long getBatchMessageCount(RabbitTrace trace, Void response) {
            return null;
        }

        @Override
        public List<String> getMessageHeader(RabbitTrace trace, String name) {
            Object value = trace.headers == null ? null : trace.headers.get(name);
            return value == null ? List.of() : List.of(value.toString());
        }
    };

    /** Writes the trace context into the headers of a message about to be published. */
    static final TextMapSetter<RabbitTrace> SETTER = (trace, key, value) -> {
        if (trace != null) {
            trace.headers.put(key, value);
        }
    };

    /** Reads the trace context from the headers of a received message (amqp-client gives strings as LongString). */
    static final TextMapGetter<RabbitTrace> GETTER_OF_HEADERS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(RabbitTrace trace) {
            return trace.headers == null ? List.of() : trace.headers.keySet();
        }

        @Override
        public String get(RabbitTrace trace, String key) {
            if (trace == null || trace.headers == null) {
                return null;
            }
            Object value = trace.headers.get(key);
            return value == null ? null : value.toString();
        }
    };
}
