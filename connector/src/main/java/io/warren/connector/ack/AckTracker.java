package io.warren.connector.ack;

import java.io.IOException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.rabbitmq.client.Channel;

import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.log.IncomingLog;

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

    private static final IncomingLog LOG = IncomingLog.of(AckTracker.class);

    private static final byte IN_PROGRESS = DeliveryRing.IN_PROGRESS;
    private static final byte ACK_PENDING = DeliveryRing.ACK_PENDING;
    private static final byte SETTLED = DeliveryRing.SETTLED;
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
    private final DeliveryRing ring = new DeliveryRing();
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
        ring.clear();
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
        ring.add(tag);
    }

    /** Marks a delivery as processed; its ack is sent now or soon, possibly together with others. */
    public void ack(int deliveryEpoch, long tag) {
        int i = current(deliveryEpoch, tag);
        if (i < 0) {
            return;
        }
        ring.mark(i, ACK_PENDING);
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
        ring.mark(ring.find(tag), SETTLED); // looked up again: the flush may have compacted the ring
        boolean sent = send(() -> channel.basicNack(tag, false, requeue));
        drainSettledPrefix();
        return sent;
    }

    /** The ring index of a delivery that is still in progress in this epoch, or -1. */
    private int current(int deliveryEpoch, long tag) {
        if (deliveryEpoch != epoch) {
            if (LOG.isDebugEnabled()) { // on the settle path: no boxing unless it is logged
                LOG.deliveryOfRecoveredChannel(channelName, tag);
            }
            return -1;
        }
        int i = ring.find(tag);
        if (i < 0 || ring.state(i) != IN_PROGRESS) {
            // Settling twice would close the channel with PRECONDITION_FAILED, so a second settlement is ignored.
            if (LOG.isDebugEnabled()) {
                LOG.deliveryAlreadySettled(channelName, tag);
            }
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
        while (ring.size() > 0 && ring.headState() != IN_PROGRESS) {
            boolean pending = ring.headState() == ACK_PENDING;
            long tag = ring.removeHead();
            if (pending) {
                highest = tag;
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
        for (int k = 0; k < ring.size() && unsent > 0; k++) {
            int i = ring.slot(k);
            if (ring.state(i) == ACK_PENDING) {
                long tag = ring.tag(i);
                ring.mark(i, SETTLED);
                unsent--;
                if (send(() -> channel.basicAck(tag, false))) {
                    ackFrames.increment();
                    acked.increment();
                }
            }
        }
        blockedSince = 0;
        // A delivery held for long must not make the ring grow with every delivery that passes it.
        if (ring.size() > 4 * windowBound) {
            ring.compact();
        }
    }

    private void drainSettledPrefix() {
        while (ring.size() > 0 && ring.headState() == SETTLED) {
            ring.removeHead();
        }
    }

    /** How many deliveries are registered and not yet settled on the broker. */
    public int outstanding() {
        return ring.size();
    }

    /** How many deliveries are still being processed. */
    public long inProgress() {
        return ring.count(IN_PROGRESS);
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
            LOG.settleFailed(e, channelName);
            return false;
        }
    }
}
