package io.warren.connector.ack;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.jboss.logging.Logger;

import com.rabbitmq.client.Channel;

import io.warren.connector.connection.ConfinedExecutor;

/**
 * Tracks the deliveries of one consumer channel and coalesces their acknowledgements.
 * <p>
 * When consecutive deliveries are done, one {@code basic.ack(tag, multiple=true)} settles them all. A delivery that
 * completes early never causes an unfinished one to be acked: the multiple ack only covers the done prefix.
 * <p>
 * One delivery held back (a slow handler among concurrent ones, a requeue delay) must not stop the others: when done
 * deliveries have waited behind one in progress for {@link #HOLD_BOUND_MS}, or fill half the prefetch, they are acked
 * one by one. Before, they waited for the held one, the prefetch window filled and the consumer stalled for the
 * whole hold.
 * <p>
 * Every method must run on the channel's {@link ConfinedExecutor}.
 */
public final class AckTracker {

    private static final Logger LOG = Logger.getLogger(AckTracker.class);

    private static final byte IN_PROGRESS = 0;
    private static final byte ACK_PENDING = 1;
    private static final byte SETTLED = 2;
    /**
     * How long done deliveries wait behind one in progress before they are acked one by one (or the flush interval,
     * when longer). Long enough that the gaps of concurrent handlers, which close within milliseconds, keep the
     * coalescing; short enough that a held delivery never stalls the prefetch window.
     */
    static final long HOLD_BOUND_MS = 100;

    private final String channelName;
    private final ConfinedExecutor owner;
    private final int batchSize;
    private final long flushIntervalMs;
    private final int windowBound;
    private final long holdBoundMs;
    /*
     * Registered deliveries in arrival order, as a ring of (tag, state): no allocation per message. The broker numbers
     * the deliveries of a channel 1, 2, 3..., so a tag is usually found at its offset from the oldest one; a search
     * covers the gaps (deliveries dropped while stopping). The ring holds at most the prefetch, and grows if needed.
     */
    private long[] tags = new long[64];
    private byte[] states = new byte[64];
    private int head;
    private int size;
    private final LongAdder ackFrames = new LongAdder();
    private final LongAdder acked = new LongAdder();
    private Channel channel;
    private int epoch;
    private int unsent;
    private ScheduledFuture<?> scheduledFlush;
    /** Since when ({@link System#nanoTime}) done deliveries wait behind one in progress; 0 when none do. */
    private long blockedSince;

    /**
     * @param channelName the messaging channel, for logs
     * @param owner the executor that owns the AMQP channel
     * @param batchSize how many done deliveries trigger an immediate ack
     * @param flushIntervalMs how long a done delivery may wait for its ack
     * @param prefetch the channel's prefetch (0: unlimited), which bounds how many done deliveries may wait
     */
    public AckTracker(String channelName, ConfinedExecutor owner, int batchSize, long flushIntervalMs, int prefetch) {
        this.channelName = channelName;
        this.owner = owner;
        this.batchSize = Math.max(1, batchSize);
        // No flush when the thread runs out of work: that sent an ack every few messages, and the broker's work
        // per ack frame cost a fifth of the consumption rate. The timer bounds how long an ack waits instead.
        this.flushIntervalMs = Math.max(0, flushIntervalMs);
        this.windowBound = Math.max(this.batchSize, prefetch > 0 ? prefetch / 2 : 128);
        this.holdBoundMs = Math.max(HOLD_BOUND_MS, this.flushIntervalMs);
    }

    /**
     * Starts a new epoch on a (new or recovered) channel. Deliveries of earlier epochs are forgotten: the broker has
     * requeued them, and acking their tags would be wrong.
     *
     * @return the new epoch
     */
    public int reset(Channel newChannel) {
        channel = newChannel;
        head = 0;
        size = 0;
        unsent = 0;
        blockedSince = 0;
        return ++epoch;
    }

    /** The current epoch. */
    public int epoch() {
        return epoch;
    }

    /** Records a delivery that is about to be processed. */
    public void register(long tag) {
        if (size == tags.length) {
            grow();
        }
        int i = (head + size) & (tags.length - 1);
        tags[i] = tag;
        states[i] = IN_PROGRESS;
        size++;
    }

    private void grow() {
        int n = tags.length;
        long[] t = new long[n * 2];
        byte[] st = new byte[n * 2];
        for (int k = 0; k < n; k++) {
            t[k] = tags[(head + k) & (n - 1)];
            st[k] = states[(head + k) & (n - 1)];
        }
        tags = t;
        states = st;
        head = 0;
    }

    /** The ring index of a registered tag, or -1. */
    private int indexOf(long tag) {
        if (size == 0) {
            return -1;
        }
        int mask = tags.length - 1;
        long offset = tag - tags[head];
        if (offset >= 0 && offset < size) {
            int i = (int) ((head + offset) & mask);
            if (tags[i] == tag) {
                return i;
            }
        }
        // Tags increase in arrival order: binary search over the ring.
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long t = tags[(head + mid) & mask];
            if (t < tag) {
                lo = mid + 1;
            } else if (t > tag) {
                hi = mid - 1;
            } else {
                return (head + mid) & mask;
            }
        }
        return -1;
    }

    /** Marks a delivery as processed; its ack is sent now or soon, possibly together with others. */
    public void ack(int deliveryEpoch, long tag) {
        int i = current(deliveryEpoch, tag);
        if (i < 0) {
            return;
        }
        states[i] = ACK_PENDING;
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
        if (current(deliveryEpoch, tag) < 0) {
            return false;
        }
        flush(); // moves the ring's head past done deliveries only; this slot is still in progress and stays
        states[indexOf(tag)] = SETTLED; // looked up again: the flush may have compacted the ring
        boolean sent = send(() -> channel.basicNack(tag, false, requeue));
        drainSettledPrefix();
        return sent;
    }

    /** The ring index of a delivery that is still in progress in this epoch, or -1. */
    private int current(int deliveryEpoch, long tag) {
        if (deliveryEpoch != epoch) {
            LOG.debugf("Channel '%s': delivery %d belongs to a channel that was recovered; the broker redelivers it",
                    channelName, tag);
            return -1;
        }
        int i = indexOf(tag);
        if (i < 0 || states[i] != IN_PROGRESS) {
            // Settling twice would close the channel with PRECONDITION_FAILED, so a second settlement is ignored.
            LOG.debugf("Channel '%s': delivery %d was already settled", channelName, tag);
            return -1;
        }
        return i;
    }

    private void timedFlush() {
        scheduledFlush = null;
        flush();
    }

    /**
     * Sends one multiple ack for the done prefix of deliveries, if any; acks done deliveries one by one when they
     * have waited behind one in progress for too long.
     */
    public void flush() {
        long highest = -1;
        int count = 0;
        int mask = tags.length - 1;
        while (size > 0 && states[head] != IN_PROGRESS) {
            if (states[head] == ACK_PENDING) {
                highest = tags[head];
                count++;
            }
            head = (head + 1) & mask;
            size--;
        }
        unsent -= count;
        if (highest >= 0) {
            long tag = highest;
            if (send(() -> channel.basicAck(tag, true))) {
                ackFrames.increment();
                acked.add(count);
            }
        }
        if (unsent == 0) {
            blockedSince = 0;
            return;
        }
        // Done deliveries wait behind one in progress.
        long now = System.nanoTime();
        if (blockedSince == 0) {
            blockedSince = now;
        }
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(now - blockedSince);
        if (unsent >= windowBound || waitedMs >= holdBoundMs) {
            ackOneByOne();
        } else if (scheduledFlush == null) {
            scheduledFlush = owner.schedule(this::timedFlush, Math.max(1, holdBoundMs - waitedMs));
        }
    }

    /** Acks each done delivery behind the one in progress on its own: the held one stays unacked. */
    private void ackOneByOne() {
        int mask = tags.length - 1;
        for (int k = 0; k < size && unsent > 0; k++) {
            int i = (head + k) & mask;
            if (states[i] == ACK_PENDING) {
                long tag = tags[i];
                states[i] = SETTLED;
                unsent--;
                if (send(() -> channel.basicAck(tag, false))) {
                    ackFrames.increment();
                    acked.increment();
                }
            }
        }
        blockedSince = 0;
        if (size > 4 * windowBound) {
            compact();
        }
    }

    /**
     * Drops settled entries from behind the one in progress, so that a delivery held for long does not make the
     * ring grow with every delivery that passes it. Tags stay in arrival order, so lookups keep working.
     */
    private void compact() {
        int mask = tags.length - 1;
        long[] t = new long[tags.length];
        byte[] st = new byte[tags.length];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = (head + k) & mask;
            if (states[i] != SETTLED) {
                t[n] = tags[i];
                st[n] = states[i];
                n++;
            }
        }
        tags = t;
        states = st;
        head = 0;
        size = n;
    }

    private void drainSettledPrefix() {
        while (size > 0 && states[head] == SETTLED) {
            head = (head + 1) & (tags.length - 1);
            size--;
        }
    }

    /** How many deliveries are registered and not yet settled on the broker. */
    public int outstanding() {
        return size;
    }

    /** How many deliveries are still being processed. */
    public long inProgress() {
        long count = 0;
        for (int k = 0; k < size; k++) {
            if (states[(head + k) & (tags.length - 1)] == IN_PROGRESS) {
                count++;
            }
        }
        return count;
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
