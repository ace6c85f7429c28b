package io.warren.connector.incoming;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JavaType;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Envelope;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.observe.ChannelObserver;

/**
 * Turns deliveries into messages on the channel's thread: drops duplicates, converts the body, and emits each
 * message, or batches of them, into the stream. A body that does not convert goes to the failure strategy and the
 * next delivery goes on.
 */
final class DeliveryPipeline {

    private static final Logger LOG = Logger.getLogger(DeliveryPipeline.class);

    /** How batches are cut. */
    record Batching(boolean enabled, int size, long timeoutMs) {
    }

    private final String channel;
    private final String group;
    private final DeliverySettler settler;
    private final FailureHandler failureHandler;
    private final PayloadCodec codec;
    private final JavaType payloadType;
    private final DeduplicationStore dedup;
    private final Batching batching;
    private final ConfinedExecutor owner;
    private final UnicastProcessor<Message<?>> processor;
    private final ChannelObserver observer;
    private List<IncomingRabbitMQMessage<Object>> batch = new ArrayList<>();
    private ScheduledFuture<?> batchTimer;

    DeliveryPipeline(String channel, String group, DeliverySettler settler, FailureHandler failureHandler,
            PayloadCodec codec, JavaType payloadType, DeduplicationStore dedup, Batching batching,
            ConfinedExecutor owner, UnicastProcessor<Message<?>> processor, ChannelObserver observer) {
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
        this.observer = observer;
    }

    /** Handles one delivery; the tag is already registered with the ack tracker. Owner thread only. */
    void deliver(int epoch, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        IncomingRabbitMQMetadata md = new IncomingRabbitMQMetadata(channel, envelope, properties);
        String id = properties.getMessageId();
        if (dedup != null && id != null && dedup.isProcessed(group, id)) {
            LOG.debugf("Channel '%s': message %s was already processed; acking the duplicate", channel, id);
            IncomingRabbitMQMessage<Object> duplicate = new IncomingRabbitMQMessage<>(settler, failureHandler, md, null,
                    body, epoch, observer);
            observer.deduplicated(duplicate);
            duplicate.settleAck();
            return;
        }
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
            try (ChannelObserver.Scope scope = observer.handing(message)) {
                processor.onNext(message);
            }
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
            processor.onNext(new IncomingRabbitMQBatch<>(full));
        }
    }

    /** Forgets a partial batch of a channel that was lost: the broker redelivers those messages. */
    void dropPartialBatch() {
        if (batchTimer != null) {
            batchTimer.cancel(false);
            batchTimer = null;
        }
        batch.forEach(observer::abandoned);
        batch = new ArrayList<>();
    }
}
