package io.warren.quarkus.runtime.tracing;

import java.util.List;
import java.util.Map;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingAttributesGetter;

/**
 * The attributes of Warren's spans and how OpenTelemetry's messaging conventions read a {@link RabbitTrace}: the
 * conventional attributes that every message of a channel shares come from {@code MessagingAttributesExtractor}
 * through {@link #GETTER} (once per exchange, see {@link SpanShape}); the per-message ones use the same keys as that
 * extractor (a test compares the two); the RabbitMQ ones (routing key), the queue, the channel and the outcome are
 * Warren's. The headers carry the W3C trace context.
 */
final class RabbitTraceAttributes {

    static final AttributeKey<String> ROUTING_KEY = AttributeKey.stringKey("messaging.rabbitmq.destination.routing_key");
    static final AttributeKey<String> SUBSCRIPTION = AttributeKey.stringKey("messaging.destination.subscription.name");
    static final AttributeKey<String> CHANNEL = AttributeKey.stringKey("warren.channel");
    static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("warren.outcome");
    // The conventions' per-message keys, as MessagingAttributesExtractor writes them.
    static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    static final AttributeKey<String> CONVERSATION_ID = AttributeKey.stringKey("messaging.message.conversation_id");
    static final AttributeKey<Long> BODY_SIZE = AttributeKey.longKey("messaging.message.body.size");
    /** The name RabbitMQ shows for the default exchange, which has none. */
    static final String DEFAULT_EXCHANGE = "amq.default";

    private RabbitTraceAttributes() {
    }

    /** What every span of a channel carries besides the conventions' attributes. */
    static void putChannel(AttributesBuilder attributes, String channel, String queue) {
        attributes.put(CHANNEL, channel);
        if (queue != null) {
            attributes.put(SUBSCRIPTION, queue);
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
    static final TextMapSetter<Map<String, Object>> HEADER_SETTER = (headers, key, value) -> {
        if (headers != null) {
            headers.put(key, value);
        }
    };

    /** Reads the trace context from the headers of a received message (amqp-client gives strings as LongString). */
    static final TextMapGetter<Map<String, Object>> HEADER_GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, Object> headers) {
            return headers == null ? List.of() : headers.keySet();
        }

        @Override
        public String get(Map<String, Object> headers, String key) {
            Object value = headers == null ? null : headers.get(key);
            return value == null ? null : value.toString();
        }
    };
}
