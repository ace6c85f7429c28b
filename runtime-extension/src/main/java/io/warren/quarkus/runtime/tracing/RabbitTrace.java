package io.warren.quarkus.runtime.tracing;

import java.util.Map;

/**
 * One traced message: what the span attributes are read from, and the headers the trace context is written to
 * (publish) or read from (consume).
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
    /** How the message ended (consume only): {@code ack}, the failure strategy's name, {@code abandoned}. */
    volatile String outcome;
    volatile Throwable failure;

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
