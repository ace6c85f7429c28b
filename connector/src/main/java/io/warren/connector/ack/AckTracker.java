package io.warren.connector.ack;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;

import io.warren.connector.connection.ConfinedExecutor;

/**
 * Tracks the deliveries of one consumer channel and coalesces their acknowledgements.
 * <p>
 * When consecutive deliveries are done, one {@code basic.ack(tag, multiple=true)} settles them all. A delivery that
 * completes early never causes an unfinished one to be acked: the multiple ack only covers the done prefix.
 * Every method must run on the channel's {@link ConfinedExecutor}.
 */
public final class AckTracker {

    private static final Logger LOG = Logger.getLogger(AckTracker.class);

    private static final byte IN_PROGRESS = 0;
    private static final byte ACK_PENDING = 1;
    private static final byte SETTLED = 2;

    private static final class Entry {
        final long tag;
        byte state = IN_PROGRESS;

        Entry(long tag) {
            this.tag = tag;
        }
    }

    private final String channelName;
    private final ConfinedExecutor owner;
    private final int batchSize;
    private final long flushIntervalMs;
    private final ArrayDeque<Entry> inOrder = new ArrayDeque<>();
    private final Map<Long, Entry> byTag = new HashMap<>();
    private final LongAdder ackFrames = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private Channel channel;
    private int epoch;
    private int unsent;
    private ScheduledFuture<?> scheduledFlush;

    /**
     * @param channelName the messaging channel, for logs
     * @param owner the executor that owns the AMQP channel
     * @param batchSize how many done deliveries trigger an immediate ack
     * @param flushIntervalMs how long a done delivery may wait for its ack
     */
    public AckTracker(String channelName, ConfinedExecutor owner, int batchSize, long flushIntervalMs) {
        this.channelName = channelName;
        this.owner = owner;
        this.batchSize = Math.max(1, batchSize);
        // No flush when the thread runs out of work: that sent an ack every few messages, and the broker's work
        // per ack frame cost a fifth of the consumption rate. The timer bounds how long an ack waits instead.
        this.flushIntervalMs = Math.max(0, flushIntervalMs);
    }

    /**
     * Starts a new epoch on a (new or recovered) channel. Deliveries of earlier epochs are forgotten: the broker has
     * requeued them, and acking their tags would be wrong.
     *
     * @return the new epoch
     */
    public int reset(Channel newChannel) {
        channel = newChannel;
        inOrder.clear();
        byTag.clear();
        unsent = 0;
        return ++epoch;
    }

    /** The current epoch. */
    public int epoch() {
        return epoch;
    }

    /** Records a delivery that is about to be processed. */
    public void register(long tag) {
        Entry e = new Entry(tag);
        inOrder.addLast(e);
        byTag.put(tag, e);
    }

    /** Marks a delivery as processed; its ack is sent now or soon, possibly together with others. */
    public void ack(int deliveryEpoch, long tag) {
        Entry e = current(deliveryEpoch, tag);
        if (e == null) {
            return;
        }
        e.state = ACK_PENDING;
        unsent++;
        if (unsent >= batchSize || flushIntervalMs == 0) {
            flush();
        } else if (scheduledFlush == null) {
            scheduledFlush = owner.schedule(this::timedFlush, flushIntervalMs);
        }
    }

    /**
     * Rejects one delivery. Pending acks are sent first so that the broker sees settlements in order.
     *
     * @return true if the nack was sent
     */
    public boolean nack(int deliveryEpoch, long tag, boolean requeue) {
        Entry e = current(deliveryEpoch, tag);
        if (e == null) {
            return false;
        }
        flush();
        e.state = SETTLED;
        boolean sent = send(() -> channel.basicNack(tag, false, requeue));
        drainSettledPrefix();
        return sent;
    }

    private Entry current(int deliveryEpoch, long tag) {
        if (deliveryEpoch != epoch) {
            LOG.debugf("Channel '%s': delivery %d belongs to a channel that was recovered; the broker redelivers it",
                    channelName, tag);
            return null;
        }
        Entry e = byTag.get(tag);
        if (e == null || e.state != IN_PROGRESS) {
            // Settling twice would close the channel with PRECONDITION_FAILED, so a second settlement is ignored.
            LOG.debugf("Channel '%s': delivery %d was already settled", channelName, tag);
            return null;
        }
        return e;
    }

    private void timedFlush() {
        scheduledFlush = null;
        flush();
    }

    /** Sends one multiple ack for the done prefix of deliveries, if any. */
    public void flush() {
        long highest = -1;
        int count = 0;
        while (!inOrder.isEmpty() && inOrder.peekFirst().state != IN_PROGRESS) {
            Entry e = inOrder.pollFirst();
            byTag.remove(e.tag);
            if (e.state == ACK_PENDING) {
                highest = e.tag;
                count++;
            }
        }
        unsent -= count;
        if (highest >= 0) {
            long tag = highest;
            if (send(() -> channel.basicAck(tag, true))) {
                ackFrames.increment();
                acked.add(count);
            }
        }
        if (unsent > 0 && scheduledFlush == null) {
            // Done deliveries wait behind one in progress; look again later.
            scheduledFlush = owner.schedule(this::timedFlush, Math.max(1, flushIntervalMs));
        }
    }

    private void drainSettledPrefix() {
        while (!inOrder.isEmpty() && inOrder.peekFirst().state == SETTLED) {
            byTag.remove(inOrder.pollFirst().tag);
        }
    }

    /** How many deliveries are registered and not yet settled on the broker. */
    public int outstanding() {
        return inOrder.size();
    }

    /** How many deliveries are still being processed. */
    public long inProgress() {
        return inOrder.stream().filter(e -> e.state == IN_PROGRESS).count();
    }

    /** How many {@code basic.ack} frames were sent; for tests and metrics. */
    public long ackFrames() {
        return ackFrames.sum();
    }

    /** How many deliveries were acked; for tests and metrics. */
    public long acked() {
        return acked.sum();
    }

    private interface ChannelCall {
        void run() throws IOException;
    }

    private boolean send(ChannelCall call) {
        if (channel == null || !channel.isOpen()) {
            return false;
        }
        try {
            call.run();
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Channel '%s': could not settle a delivery; the broker will redeliver it", channelName);
            return false;
        }
    }
}
