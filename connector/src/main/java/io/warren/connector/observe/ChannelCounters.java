package io.warren.connector.observe;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import io.warren.connector.incoming.IncomingRabbitMQMessage;

/**
 * Counts what happens on one channel, on top of its {@link ChannelStatus}. Metrics registries read the counts
 * (Warren's Micrometer meters are functions of them), and so does the Dev UI. Counting is a {@link LongAdder}
 * increment per event, with no allocation.
 */
public class ChannelCounters extends ChannelStatus {

    private final LongAdder delivered = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder deduplicated = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder settled = new LongAdder();
    private final LongAdder abandoned = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder confirmed = new LongAdder();
    private final LongAdder nacked = new LongAdder();
    private final LongAdder returned = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private volatile int buffered;
    private volatile int awaitingConfirm;

    public ChannelCounters(ObservedChannel channel) {
        super(channel);
    }

    @Override
    public void delivered(IncomingRabbitMQMessage<?> message) {
        delivered.increment();
        if (message.getRabbitMetadata().isRedelivered()) {
            redelivered.increment();
        }
    }

    @Override
    public void deduplicated(IncomingRabbitMQMessage<?> message) {
        delivered(message);
        deduplicated.increment();
    }

    @Override
    public void handled(IncomingRabbitMQMessage<?> message, Throwable failure) {
        (failure == null ? acked : failed).increment();
    }

    @Override
    public void settled(IncomingRabbitMQMessage<?> message, Settlement settlement) {
        settled.increment();
    }

    @Override
    public void abandoned(IncomingRabbitMQMessage<?> message) {
        abandoned.increment();
    }

    @Override
    public void published() {
        sent.increment();
    }

    @Override
    public void publishSettled(PublishOutcome outcome, long publishedAtNanos) {
        switch (outcome) {
            case CONFIRMED -> confirmed.increment();
            case NACKED -> nacked.increment();
            case RETURNED -> returned.increment();
            case TIMED_OUT -> timedOut.increment();
        }
    }

    @Override
    public void pending(int buffered, int awaitingConfirm) {
        this.buffered = buffered;
        this.awaitingConfirm = awaitingConfirm;
    }

    /** Deliveries received, duplicates included. */
    public long delivered() {
        return delivered.sum();
    }

    /** Deliveries the broker flagged as redelivered. */
    public long redelivered() {
        return redelivered.sum();
    }

    /** Duplicates dropped (and acked) by deduplication. */
    public long deduplicated() {
        return deduplicated.sum();
    }

    /** Messages the application processed successfully (acked). */
    public long acked() {
        return acked.sum();
    }

    /** Messages the application nacked, handed to the failure strategy. */
    public long failed() {
        return failed.sum();
    }

    /** Messages handed to the application and not yet acked or nacked by it. */
    public long inFlight() {
        return Math.max(0, delivered.sum() - deduplicated.sum() - acked.sum() - failed.sum() - abandoned.sum());
    }

    /** Deliveries not yet settled on the broker: the part of the prefetch in use. */
    public long unsettled() {
        return Math.max(0, delivered.sum() - settled.sum() - abandoned.sum());
    }

    /** Messages handed to the broker. A message published again after a recovery counts again. */
    public long sent() {
        return sent.sum();
    }

    /** Messages the broker confirmed. */
    public long confirmed() {
        return confirmed.sum();
    }

    /** Messages the broker nacked. */
    public long nacked() {
        return nacked.sum();
    }

    /** Messages the broker returned as unroutable. */
    public long returned() {
        return returned.sum();
    }

    /** Messages not confirmed within {@code confirm-timeout}. */
    public long timedOut() {
        return timedOut.sum();
    }

    /** Messages waiting for the channel to be ready (while it is disconnected). */
    public int buffered() {
        return buffered;
    }

    /** Messages published and awaiting their confirm. */
    public int awaitingConfirm() {
        return awaitingConfirm;
    }

    @Override
    public Map<String, Object> snapshot() {
        Map<String, Object> s = super.snapshot();
        if (channel().incoming()) {
            s.put("failureStrategy", channel().failureStrategy());
            s.put("delivered", delivered());
            s.put("acked", acked());
            s.put("failed", failed());
            s.put("redelivered", redelivered());
            s.put("deduplicated", deduplicated());
            s.put("inFlight", inFlight());
            s.put("prefetchInUse", unsettled());
            s.put("prefetch", channel().prefetch());
        } else {
            s.put("sent", sent());
            s.put("confirmed", confirmed());
            s.put("nacked", nacked());
            s.put("returned", returned());
            s.put("timedOut", timedOut());
            s.put("awaitingConfirm", awaitingConfirm());
            s.put("buffered", buffered());
        }
        return s;
    }
}
