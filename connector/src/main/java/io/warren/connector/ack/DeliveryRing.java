package io.warren.connector.ack;

/**
 * The deliveries of one channel in arrival order, each with its state, as a ring of primitives: no allocation per
 * message. The broker numbers the deliveries of a channel 1, 2, 3..., so a tag is usually found at its offset from
 * the oldest one; a binary search covers the gaps (deliveries dropped while stopping, entries compacted away). The
 * ring holds about the prefetch, and grows if needed. Confined to the channel's thread.
 */
final class DeliveryRing {

    static final byte IN_PROGRESS = 0;
    static final byte ACK_PENDING = 1;
    static final byte SETTLED = 2;

    private long[] tags = new long[64];
    private byte[] states = new byte[64];
    private int head;
    private int size;

    void clear() {
        head = 0;
        size = 0;
    }

    int size() {
        return size;
    }

    /** Adds a delivery in progress. */
    void add(long tag) {
        if (size == tags.length) {
            resize(tags.length * 2, false);
        }
        int i = (head + size) & (tags.length - 1);
        tags[i] = tag;
        states[i] = IN_PROGRESS;
        size++;
    }

    /** The slot of the k-th delivery from the oldest. */
    int slot(int k) {
        return (head + k) & (tags.length - 1);
    }

    long tag(int slot) {
        return tags[slot];
    }

    byte state(int slot) {
        return states[slot];
    }

    void mark(int slot, byte state) {
        states[slot] = state;
    }

    /** The state of the oldest delivery; call only when not empty. */
    byte headState() {
        return states[head];
    }

    /** Removes the oldest delivery and returns its tag. */
    long removeHead() {
        long tag = tags[head];
        head = (head + 1) & (tags.length - 1);
        size--;
        return tag;
    }

    /** The slot of a delivery, or -1. */
    int find(long tag) {
        if (size == 0) {
            return -1;
        }
        long offset = tag - tags[head];
        if (offset >= 0 && offset < size) {
            int i = slot((int) offset);
            if (tags[i] == tag) {
                return i;
            }
        }
        // Tags increase in arrival order: binary search over the ring.
        int lo = 0;
        int hi = size - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long t = tags[slot(mid)];
            if (t < tag) {
                lo = mid + 1;
            } else if (t > tag) {
                hi = mid - 1;
            } else {
                return slot(mid);
            }
        }
        return -1;
    }

    /** How many deliveries are in this state. */
    int count(byte state) {
        int n = 0;
        for (int k = 0; k < size; k++) {
            if (states[slot(k)] == state) {
                n++;
            }
        }
        return n;
    }

    /** Drops settled deliveries from anywhere in the ring; the order of the others is kept. */
    void compact() {
        resize(tags.length, true);
    }

    private void resize(int capacity, boolean dropSettled) {
        long[] t = new long[capacity];
        byte[] st = new byte[capacity];
        int n = 0;
        for (int k = 0; k < size; k++) {
            int i = slot(k);
            if (!dropSettled || states[i] != SETTLED) {
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
}
