package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.JavaType;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.log.IncomingLog;
import io.warren.connector.observe.ChannelObserver;

/**
 * Turns deliveries into messages on the channel's thread: drops duplicates, converts the body, and emits each
 * message, or batches of them, into the stream. A body that does not convert goes to the failure strategy and the
 * next delivery goes on.
 */
final class DeliveryPipeline {

    private static final IncomingLog LOG = IncomingLog.of(DeliveryPipeline.class);

    /** How batches are cut. */
    record Batching(boolean enabled, int size, long timeoutMs) {
    }

    private final String channel;
    private final String group;
    private final DeliverySettler settler;
    private final FailureHandler failureHandler;
    private final PayloadCodec codec;
    private final JavaType payloadType;
    private final DedupGate dedup;
    private final Batching batching;
    private final ConfinedExecutor owner;
    private final UnicastProcessor<Message<?>> processor;
    private final long requeueDelayMs;
    private final ChannelObserver observer;
    private List<IncomingRabbitMQMessage<Object>> batch = new ArrayList<>();
    private ScheduledFuture<?> batchTimer;

    DeliveryPipeline(String channel, String group, DeliverySettler settler, FailureHandler failureHandler,
            PayloadCodec codec, JavaType payloadType, DedupGate dedup, Batching batching,
            ConfinedExecutor owner, UnicastProcessor<Message<?>> processor, long requeueDelayMs,
            ChannelObserver observer) {
        this.channel = channel;
        this.group = group;
        this.settler = settler;
        this.failureHandler = failureHandler;
        this.codec = codec;
        this.payloadType = payloadType;
        this.dedup = dedup;
        this.batching = batching;
        this.owner = owner;
        this.processor = processor;
        this.requeueDelayMs = Math.max(0, requeueDelayMs);
        this.observer = observer;
        if (dedup != null) {
            dedup.then(this::accept);
        }
    }

    /** Handles one delivery; the tag is already registered with the ack tracker. Owner thread only. */
    void deliver(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        if (dedup != null) {
            dedup.admit(epoch, envelope, properties, body); // goes on to accept(), in order, once not a duplicate
            return;
        }
        accept(epoch, envelope, properties, body);
    }

    /**
     * Converts and emits a delivery that is not a duplicate. Owner thread only; also called later by the
     * deduplication gate, so a failure here must still reach the failure strategy rather than the thread's guard.
     */
    private void accept(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        try {
            convertAndEmit(epoch, envelope, properties, body);
        } catch (RuntimeException e) {
            failed(epoch, envelope, properties, body, e);
        }
    }

    private void convertAndEmit(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        IncomingRabbitMQMetadata md = new IncomingRabbitMQMetadata(channel, envelope, properties);
        Object payload;
        try {
            payload = codec.decode(body, properties.getContentType(), properties.getContentEncoding(), payloadType);
        } catch (PayloadCodec.ConversionException e) {
            IncomingRabbitMQMessage<Object> failed = new IncomingRabbitMQMessage<>(settler, failureHandler, md, null,
                    body, epoch, observer);
            observer.delivered(failed);
            failed.nack(new PayloadConversionException(channel, failed.describeId(), properties.getContentType(),
                    payloadType == null ? "the raw payload" : payloadType.toCanonical(), e.getMessage()));
            return;
        }
        IncomingRabbitMQMessage<Object> message = new IncomingRabbitMQMessage<>(settler, failureHandler, md, payload,
                body, epoch, observer);
        observer.delivered(message);
        if (!batching.enabled()) {
            emit(message);
            return;
        }
        batch.add(message);
        if (batch.size() >= batching.size()) {
            flushBatch();
        } else if (batchTimer == null) {
            batchTimer = owner.schedule(this::flushBatch, batching.timeoutMs());
        }
    }

    /** Emits the batch collected so far, if any. Owner thread only. */
    void flushBatch() {
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
        if (!batch.isEmpty()) {
            List<IncomingRabbitMQMessage<Object>> full = batch;
            batch = new ArrayList<>();
            emit(new IncomingRabbitMQBatch<>(full));
        }
    }

    /** Hands a message to the stream; if that throws, the message goes to the failure strategy. */
    private void emit(Message<?> message) {
        try (ChannelObserver.Scope scope = message instanceof IncomingRabbitMQMessage<?> single
                ? observer.handing(single) : null) {
            processor.onNext(message);
        } catch (RuntimeException e) {
            message.nack(e); // ignored if the message was settled before the throw
        }
    }

    /**
     * A delivery that failed before it could be handed over (a deduplication store that threw, say): it goes to the
     * failure strategy with the exception, so that it never stays in progress. Owner thread only.
     */
    void failed(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body, RuntimeException cause) {
        try {
            IncomingRabbitMQMessage<Object> failed = new IncomingRabbitMQMessage<>(settler, failureHandler,
                    new IncomingRabbitMQMetadata(channel, envelope, properties), null, body, epoch, observer);
            observer.delivered(failed);
            failed.nack(MSG.notHandedOver(channel, failed.describeId(), cause, cause));
        } catch (RuntimeException again) {
            // Not even the failure strategy could take it: put it back on the queue, after a pause.
            LOG.handOffFailed(again, channel, envelope.getDeliveryTag(), requeueDelayMs);
            owner.schedule(() -> settler.reject(epoch, envelope.getDeliveryTag(), true), requeueDelayMs);
        }
    }

    /** Forgets a partial batch of a channel that was lost: the broker redelivers those messages. */
    void dropPartialBatch() {
        if (dedup != null) {
            dedup.clear();
        }
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
        batch.forEach(observer::abandoned);
        batch = new ArrayList<>();
    }
}
