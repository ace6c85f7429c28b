package io.warren.connector.stream;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Metadata;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.stream.Producer;

import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureHeaders;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.log.StreamLog;

/**
 * {@code dead-letter} to a stream ({@code stream.dead-letter-stream}): appends a copy of the failed message, with its
 * body, properties and headers, plus the failure headers as application properties, and commits the original once
 * the broker has confirmed the copy. If the copy cannot be written the original is processed again after
 * {@code requeue.delay}, so nothing is lost.
 */
final class StreamDeadLetterFailureHandler implements FailureHandler {

    private static final StreamLog LOG = StreamLog.of(StreamDeadLetterFailureHandler.class);
    /** The offset the failed message had in its stream. */
    static final String ORIGINAL_OFFSET = "x-original-offset";
    /** The stream the failed message was read from. */
    static final String ORIGINAL_STREAM = "x-original-stream";
    private static final int MAX_MESSAGE = 1_000;
    private static final int MAX_STACKTRACE = 8_000;

    private final String channel;
    private final String target;
    private final ConfinedExecutor owner;
    private final Supplier<Producer> producer;
    private final boolean includeStacktrace;
    private final long requeueDelayMs;

    StreamDeadLetterFailureHandler(String channel, String target, ConfinedExecutor owner, Supplier<Producer> producer,
            boolean includeStacktrace, long requeueDelayMs) {
        this.channel = channel;
        this.target = target;
        this.owner = owner;
        this.producer = producer;
        this.includeStacktrace = includeStacktrace;
        this.requeueDelayMs = requeueDelayMs;
    }

    @Override
    public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        owner.run(() -> {
            try {
                Producer p = producer.get();
                p.send(StreamMessages.copy(p.messageBuilder(), withFailure(message, reason), message.body()),
                        status -> owner.execute(() -> {
                            if (status.isConfirmed()) {
                                LOG.deadLettered(channel, message.describeId(), target);
                                message.settleAck().whenComplete((v, e) -> done.complete(null));
                            } else {
                                later(message, "the broker refused the copy (code " + status.getCode() + ")", done);
                            }
                        }));
            } catch (RuntimeException e) {
                later(message, e.getMessage(), done);
            }
        });
        return done;
    }

    private void later(IncomingRabbitMQMessage<?> message, String why, CompletableFuture<Void> done) {
        LOG.deadLetterFailed(channel, message.describeId(), target, why, requeueDelayMs);
        owner.schedule(() -> message.settleReject(true).whenComplete((v, e) -> done.complete(null)), requeueDelayMs);
    }

    private AMQP.BasicProperties withFailure(IncomingRabbitMQMessage<?> message, Throwable reason) {
        Map<String, Object> headers = new HashMap<>(message.getRabbitMetadata().getHeaders());
        Throwable cause = FailureHeaders.rootOf(reason);
        String text = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
        headers.put(FailureHeaders.EXCEPTION_MESSAGE, text.length() > MAX_MESSAGE ? text.substring(0, MAX_MESSAGE) : text);
        headers.put(FailureHeaders.EXCEPTION_TYPE, cause == null ? "unknown" : cause.getClass().getName());
        if (includeStacktrace && cause != null) {
            StringWriter sw = new StringWriter();
            cause.printStackTrace(new PrintWriter(sw));
            String trace = sw.toString();
            headers.put(FailureHeaders.EXCEPTION_STACKTRACE,
                    trace.length() > MAX_STACKTRACE ? trace.substring(0, MAX_STACKTRACE) : trace);
        }
        headers.put(ORIGINAL_STREAM, message.getRabbitMetadata().getRoutingKey());
        headers.put(ORIGINAL_OFFSET, message.getRabbitMetadata().getDeliveryTag());
        return message.getRabbitMetadata().getProperties().builder().headers(headers).build();
    }
}
