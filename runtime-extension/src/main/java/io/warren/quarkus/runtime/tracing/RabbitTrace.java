package io.warren.quarkus.runtime.tracing;

import java.util.Map;

/**
 * A message as OpenTelemetry's messaging conventions read it, through {@link RabbitTraceAttributes#GETTER}. Warren
 * builds one per channel and exchange, with no per-message values, to compute a {@link SpanShape}.
 */
final class RabbitTrace {

    final String channel;
    final String exchange;
    final String routingKey;
    /** The queue consumed from; null for a publish. */
    final String queue;
    final String messageId;
    final String correlationId;
    final long bodySize;
    final Map<String, Object> headers;

    RabbitTrace(String channel, String exchange, String routingKey, String queue, String messageId,
            String correlationId, long bodySize, Map<String, Object> headers) {
        this.channel = channel;
        this.exchange = exchange;
        this.routingKey = routingKey;
        this.queue = queue;
        this.messageId = messageId;
        this.correlationId = correlationId;
        this.bodySize = bodySize;
        this.headers = headers;
    }
}
