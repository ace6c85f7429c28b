package io.warren.connector.incoming;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.reactive.messaging.providers.MetadataInjectableMessage;
import io.warren.connector.IncomingRabbitMQMetadata;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.log.IncomingLog;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.Settlement;

/**
 * A message received from RabbitMQ. Acking it settles the delivery on the channel that received it; nacking it
 * hands it to the channel's {@link FailureHandler}.
 *
 * @param <T> the payload type
 */
public final class IncomingRabbitMQMessage<T> implements MetadataInjectableMessage<T> {

    private static final IncomingLog LOG = IncomingLog.of(IncomingRabbitMQMessage.class);
    private static final int HANDLED = 1;
    private static final int SETTLED = 2;
    // One field updated in place rather than two AtomicBoolean objects per message.
    private static final VarHandle FLAGS;

    static {
        try {
            FLAGS = MethodHandles.lookup().findVarHandle(IncomingRabbitMQMessage.class, "flags", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final DeliverySettler settler;
    private final FailureHandler failureHandler;
    private final IncomingRabbitMQMetadata rabbit;
    private final ChannelObserver observer;
    /**
     * Built on first read from {@link #rabbit}, {@link #extra} and {@link #injected}: a metadata object injected
     * before then (tracing's, on the channel's thread, before the message is emitted) costs no copy of the whole.
     * Immutable once built, so a racy first read on two threads builds two equal values.
     */
    private Metadata metadata;
    private final Object extra;
    private Object injected;
    private final T payload;
    private final byte[] body;
    private final int epoch;
    /** {@link #HANDLED} once acked or nacked by the application, {@link #SETTLED} once settled on the broker. */
    private volatile int flags;
    /** For the channel's observers: when they started watching it, and what they keep about it (a span). */
    private long observedAt;
    private Object observation;

    IncomingRabbitMQMessage(DeliverySettler settler, FailureHandler failureHandler, IncomingRabbitMQMetadata rabbit,
            T payload, byte[] body, int epoch, ChannelObserver observer) {
        this(settler, failureHandler, rabbit, null, payload, body, epoch, observer);
    }

    private IncomingRabbitMQMessage(DeliverySettler settler, FailureHandler failureHandler,
            IncomingRabbitMQMetadata rabbit, Object extra, T payload, byte[] body, int epoch,
            ChannelObserver observer) {
        this.settler = settler;
        this.observer = observer;
        this.failureHandler = failureHandler;
        this.rabbit = rabbit;
        this.extra = extra;
        this.payload = payload;
        this.body = body;
        this.epoch = epoch;
    }

    /**
     * A message received by another transport of Warren's (the stream protocol), settled through its own settler,
     * with one more metadata object beside the RabbitMQ one.
     */
    public static <T> IncomingRabbitMQMessage<T> of(DeliverySettler settler, FailureHandler failureHandler,
            IncomingRabbitMQMetadata rabbit, Object extra, T payload, byte[] body, int epoch) {
        return new IncomingRabbitMQMessage<>(settler, failureHandler, rabbit, extra, payload, body, epoch,
                ChannelObserver.NONE);
    }

    @Override
    public T getPayload() {
        return payload;
    }

    @Override
    public Metadata getMetadata() {
        Metadata built = metadata;
        if (built == null) {
            built = buildMetadata();
            metadata = built;
        }
        return built;
    }

    private Metadata buildMetadata() {
        if (extra == null) {
            return injected == null ? Metadata.of(rabbit) : Metadata.of(rabbit, injected);
        }
        return injected == null ? Metadata.of(rabbit, extra) : Metadata.of(rabbit, extra, injected);
    }

    /** Adds a metadata object; for observers (tracing), before the message is emitted. */
    @Override
    public void injectMetadata(Object metadataObject) {
        Class<?> type = metadataObject.getClass();
        // Metadata.of refuses two objects of one class; with() replaces, as this method must.
        if (metadata == null && injected == null && type != rabbit.getClass()
                && (extra == null || type != extra.getClass())) {
            injected = metadataObject;
        } else {
            metadata = getMetadata().with(metadataObject);
        }
    }

    /** When an observer started watching this message ({@link System#nanoTime()}), or 0. */
    public long observedAt() {
        return observedAt;
    }

    /** Records when an observer started watching this message; for {@code ChannelObserver}s. */
    public void observedAt(long nanos) {
        observedAt = nanos;
    }

    /** What an observer keeps about this message (a tracing span), or null. */
    public Object observation() {
        return observation;
    }

    /** Keeps what an observer needs about this message until it is settled; for {@code ChannelObserver}s. */
    public void observation(Object value) {
        observation = value;
    }

    /** The RabbitMQ metadata of this message. */
    public IncomingRabbitMQMetadata getRabbitMetadata() {
        return rabbit;
    }

    /** The raw body as received; failure strategies republish it unchanged. */
    public byte[] body() {
        return body;
    }

    /** The message id property, or {@code "(none)"}; for error messages. */
    public String describeId() {
        return rabbit.getMessageId().orElse("(none)");
    }

    @Override
    public Function<Metadata, CompletionStage<Void>> getAckWithMetadata() {
        return md -> ack(md);
    }

    @Override
    public BiFunction<Throwable, Metadata, CompletionStage<Void>> getNackWithMetadata() {
        return this::nack;
    }

    @Override
    public CompletionStage<Void> ack(Metadata md) {
        if (!firstTime(HANDLED)) {
            return CompletableFuture.completedFuture(null);
        }
        observer.handled(this, null);
        CompletableFuture<Void> recorded = settler.processed(this).toCompletableFuture();
        if (recorded.isDone()) {
            return settleAck(); // no deduplication, or an in-memory store: no hop
        }
        return recorded.handle((ok, failure) -> null).thenCompose(x -> settleAck());
    }

    @Override
    public CompletionStage<Void> nack(Throwable reason, Metadata md) {
        if (!firstTime(HANDLED)) {
            return CompletableFuture.completedFuture(null);
        }
        observer.handled(this, reason);
        LOG.messageFailed(settler.channelName(), describeId(), rabbit.getDeliveryTag(),
                reason == null ? "no reason given" : reason.getMessage());
        settler.failed(this);
        if (rabbit.getReplyTo().isPresent()) {
            // The caller waits for an answer: tell it about the failure rather than let it time out.
            settler.replyWithError(this, reason);
        }
        try {
            return failureHandler.handle(this, MessageFailedException.of(settler.channelName(), describeId(), reason),
                    md == null ? Metadata.empty() : md);
        } catch (RuntimeException e) {
            LOG.failureStrategyThrew(e, settler.channelName(), describeId());
            return settleReject(false);
        }
    }

    /** Sets the flag; true if this call set it. */
    private boolean firstTime(int flag) {
        int current;
        do {
            current = flags;
            if ((current & flag) != 0) {
                return false;
            }
        } while (!FLAGS.compareAndSet(this, current, current | flag));
        return true;
    }

    /** Acks the delivery on the broker. For {@link FailureHandler}s; only the first settlement counts. */
    public CompletableFuture<Void> settleAck() {
        if (!firstTime(SETTLED)) {
            return CompletableFuture.completedFuture(null);
        }
        observer.settled(this, Settlement.ACK);
        return settler.ack(epoch, rabbit.getDeliveryTag());
    }

    /** Nacks the delivery on the broker. For {@link FailureHandler}s; only the first settlement counts. */
    public CompletableFuture<Void> settleReject(boolean requeue) {
        if (!firstTime(SETTLED)) {
            return CompletableFuture.completedFuture(null);
        }
        observer.settled(this, requeue ? Settlement.REQUEUE : Settlement.REJECT);
        return settler.reject(epoch, rabbit.getDeliveryTag(), requeue);
    }

    /** Nacks the delivery with requeue, marks the channel failed and ends its stream with this reason. */
    public void failChannel(Throwable reason) {
        if (firstTime(SETTLED)) {
            observer.settled(this, Settlement.FAIL);
            settler.fail(epoch, rabbit.getDeliveryTag(), reason);
        }
    }
}
