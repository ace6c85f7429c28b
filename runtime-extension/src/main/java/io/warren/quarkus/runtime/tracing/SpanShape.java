package io.warren.quarkus.runtime.tracing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.context.Context;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessageOperation;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingAttributesExtractor;
import io.opentelemetry.instrumentation.api.incubator.semconv.messaging.MessagingSpanNameExtractor;
import io.warren.connector.observe.ObservedChannel;

/**
 * What every span of one channel, operation and exchange shares: its name and the attributes that do not change
 * from message to message (system, destination, operation, channel, queue). Both come from OpenTelemetry's
 * messaging conventions ({@link MessagingSpanNameExtractor}, {@link MessagingAttributesExtractor}), run once per
 * exchange rather than once per message: run per message, through the {@code Instrumenter}, they were a third of
 * the cost of a consumer span (a JFR profile of W1 with tracing on, 2026-12-07), and their results never change.
 *
 * @param name the span name, {@code <exchange> publish} or {@code <exchange> process}
 * @param attributes the attributes shared by every span of that exchange
 */
record SpanShape(String name, Attributes attributes) {

    /** Most channels see one exchange; a channel that sees more keeps at most this many shapes. */
    private static final int MAX_CACHED = 64;

    /** The shapes of one channel and operation, by exchange. */
    static final class Cache {

        private final ObservedChannel channel;
        private final MessageOperation operation;
        private final Map<String, SpanShape> byExchange = new ConcurrentHashMap<>();

        Cache(ObservedChannel channel, MessageOperation operation) {
            this.channel = channel;
            this.operation = operation;
        }

        SpanShape of(String exchange) {
            String key = exchange == null ? "" : exchange;
            SpanShape shape = byExchange.get(key);
            if (shape == null) {
                shape = compute(channel, operation, key);
                if (byExchange.size() < MAX_CACHED) {
                    byExchange.put(key, shape);
                }
            }
            return shape;
        }
    }

    static SpanShape compute(ObservedChannel channel, MessageOperation operation, String exchange) {
        String queue = operation == MessageOperation.PUBLISH ? null : channel.queue();
        // A message with no per-message values: the extractors then write only what all messages share.
        RabbitTrace template = new RabbitTrace(channel.name(), exchange, null, queue, null, null, -1, null);
        AttributesBuilder attributes = Attributes.builder();
        MessagingAttributesExtractor.create(RabbitTraceAttributes.GETTER, operation)
                .onStart(attributes, Context.root(), template);
        RabbitTraceAttributes.putChannel(attributes, channel.name(), queue);
        String name = MessagingSpanNameExtractor.create(RabbitTraceAttributes.GETTER, operation).extract(template);
        return new SpanShape(name, attributes.build());
    }
}
