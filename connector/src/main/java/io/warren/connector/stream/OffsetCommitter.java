package io.warren.connector.stream;

import java.util.concurrent.ScheduledFuture;
import java.util.function.LongConsumer;

import io.warren.connector.connection.ConfinedExecutor;

/**
 * Tracks the messages of one stream (or partition) in flight and commits their offset to the broker once they are
 * processed, the way the ack tracker coalesces acks.
 * <p>
 * Only the processed prefix is ever committed: a message processed early never moves the committed offset past one
 * still in progress. A commit goes out after {@code batchSize} processed messages, or {@code intervalMs} after the
 * first processed one, whichever comes first; at most that many are processed again after a crash. Every method runs
 * on the channel's {@link ConfinedExecutor}, except {@link #lastRegistered()}.
 */
final class OffsetCommitter {

    private final ConfinedExecutor owner;
    private final LongConsumer store;
    private final int batchSize;
    private final long intervalMs;
    /* Offsets in arrival order, as a ring, with whether each is processed: no allocation per message. */
    private long[] offsets = new long[256];
    private boolean[] done = new boolean[256];
    /* What the channel keeps with each message in flight (to credit the stream and to process it again). */
    private Object[] attachments = new Object[256];
    private int head;
    private int size;
    private volatile long lastRegistered = -1;
    private long pending = -1;
    private long committed = -1;
    private int uncommitted;
    private long commits;
    private ScheduledFuture<?> timer;
    private boolean retired;

    /**
     * @param owner the channel's thread
     * @param store stores an offset in the broker (fire-and-forget, as stream-client does)
     * @param batchSize how many processed messages trigger a commit
     * @param intervalMs how long a processed message may wait for its commit
     */
    OffsetCommitter(ConfinedExecutor owner, LongConsumer store, int batchSize, long intervalMs) {
        this.owner = owner;
        this.store = store;
        this.batchSize = Math.max(1, batchSize);
        this.intervalMs = Math.max(1, intervalMs);
    }

    /**
     * Registers a message that arrived. A stream is read again from the committed offset after a connection loss, so
     * a message may arrive a second time while the first is still in flight: it is refused.
     *
     * @return false for an offset at or below one already registered
     */
    boolean register(long offset, Object attachment) {
        if (offset <= lastRegistered) {
            return false;
        }
        if (size == offsets.length) {
            grow();
        }
        int slot = (head + size) % offsets.length;
        offsets[slot] = offset;
        done[slot] = false;
        attachments[slot] = attachment;
        size++;
        lastRegistered = offset;
        return true;
    }

    /** The highest offset registered, or -1; read by the client's thread when it subscribes again. */
    long lastRegistered() {
        return lastRegistered;
    }

    /** What was registered with the message at this offset while it is in flight, or null. */
    Object attachment(long offset) {
        int i = find(offset);
        return i < 0 ? null : attachments[(head + i) % offsets.length];
    }

    /** Replaces what is kept with the message at this offset (a new attempt at it). */
    void attach(long offset, Object attachment) {
        int i = find(offset);
        if (i >= 0) {
            attachments[(head + i) % offsets.length] = attachment;
        }
    }

    /**
     * The message at this offset is processed (or settled by its failure strategy).
     *
     * @return its attachment, or null when it was not in flight
     */
    Object processed(long offset) {
        int i = find(offset);
        if (i < 0) {
            return null;
        }
        int slot = (head + i) % offsets.length;
        if (done[slot]) {
            return null;
        }
        done[slot] = true;
        Object attachment = attachments[slot];
        while (size > 0 && done[head]) {
            attachments[head] = null;
            pending = offsets[head];
            head = (head + 1) % offsets.length;
            size--;
            uncommitted++;
        }
        if (uncommitted >= batchSize) {
            commit();
        } else if (uncommitted > 0 && timer == null && !retired) {
            timer = owner.schedule(this::commit, intervalMs);
        }
        return attachment;
    }

    /** Stores the offset of the processed prefix, if it moved. */
    void commit() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (!retired && pending > committed) {
            store.accept(pending);
            committed = pending;
            commits++;
        }
        uncommitted = 0;
    }

    /** Commits what is processed, then ignores every later event: another consumer may own the stream now. */
    void retire() {
        commit();
        retired = true;
    }

    /** How many registered messages are not processed yet. */
    int inProgress() {
        return size;
    }

    /** The last offset committed, or -1. */
    long committed() {
        return committed;
    }

    /** How many commits were sent; for tests. */
    long commits() {
        return commits;
    }

    private int find(long offset) {
        if (size == 0) {
            return -1;
        }
        // Offsets of one stream are consecutive, so the message is usually at its distance from the oldest one.
        long guess = offset - offsets[head];
        if (guess >= 0 && guess < size && offsets[(int) ((head + guess) % offsets.length)] == offset) {
            return (int) guess;
        }
        for (int i = 0; i < size; i++) {
            if (offsets[(head + i) % offsets.length] == offset) {
                return i;
            }
        }
        return -1;
    }

    private void grow() {
        long[] o = new long[offsets.length * 2];
        boolean[] d = new boolean[offsets.length * 2];
        Object[] a = new Object[offsets.length * 2];
        for (int i = 0; i < size; i++) {
            o[i] = offsets[(head + i) % offsets.length];
            d[i] = done[(head + i) % offsets.length];
            a[i] = attachments[(head + i) % offsets.length];
        }
        offsets = o;
        done = d;
        attachments = a;
        head = 0;
    }
}
