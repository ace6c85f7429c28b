package io.warren.connector.connection;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The publishes of one channel awaiting their confirm, by publish sequence number, in a ring: sequence numbers grow
 * by one per publish, so a publish is found at its offset from the oldest one (a failed publish leaves a gap, which a
 * binary search covers). A multiple confirm settles the oldest ones in order. Confined to the channel's thread.
 * <p>
 * It replaced a {@code TreeMap}, whose {@code headMap(tag).values()} copy walked the view twice per confirm: a fifth
 * of the publishing thread's time in the W2 profile.
 */
final class PublishRing<P> {

    private long[] seqs = new long[64];
    private Object[] items = new Object[64];
    private int head;
    /** Slots from the head to the tail, emptied ones included. */
    private int span;
    /** Slots holding a publish. */
    private int count;

    /** Adds a publish; its sequence number is higher than every one held. */
    void add(long seq, P item) {
        if (span == seqs.length) {
            grow();
        }
        int i = slot(span);
        seqs[i] = seq;
        items[i] = item;
        span++;
        count++;
    }

    /** The publish with this sequence number, or null. */
    @SuppressWarnings("unchecked")
    P get(long seq) {
        int i = find(seq);
        return i < 0 ? null : (P) items[i];
    }

    /** Removes and returns the publish with this sequence number, or null. */
    @SuppressWarnings("unchecked")
    P remove(long seq) {
        int i = find(seq);
        if (i < 0 || items[i] == null) {
            return null;
        }
        P p = (P) items[i];
        items[i] = null;
        count--;
        trimHead();
        return p;
    }

    /** Removes the publishes up to this sequence number, oldest first, handing each to {@code action}. */
    @SuppressWarnings("unchecked")
    void removeUpTo(long seq, Consumer<P> action) {
        while (span > 0 && seqs[head] <= seq) {
            Object p = items[head];
            items[head] = null;
            head = (head + 1) & (seqs.length - 1);
            span--;
            if (p != null) {
                count--;
                action.accept((P) p);
            }
        }
    }

    /** Removes the publishes the test picks, oldest first, into {@code removed}. */
    @SuppressWarnings("unchecked")
    void removeIf(Predicate<P> test, List<P> removed) {
        for (int k = 0; k < span; k++) {
            int i = slot(k);
            if (items[i] != null && test.test((P) items[i])) {
                removed.add((P) items[i]);
                items[i] = null;
                count--;
            }
        }
        trimHead();
    }

    /** Removes everything, oldest first, into {@code all}. */
    @SuppressWarnings("unchecked")
    void clear(List<P> all) {
        for (int k = 0; k < span; k++) {
            int i = slot(k);
            if (items[i] != null) {
                all.add((P) items[i]);
                items[i] = null;
            }
        }
        head = 0;
        span = 0;
        count = 0;
    }

    int size() {
        return count;
    }

    private int slot(int k) {
        return (head + k) & (seqs.length - 1);
    }

    private void trimHead() {
        while (span > 0 && items[head] == null) {
            head = (head + 1) & (seqs.length - 1);
            span--;
        }
    }

    private int find(long seq) {
        if (span == 0) {
            return -1;
        }
        long offset = seq - seqs[head];
        if (offset >= 0 && offset < span && seqs[slot((int) offset)] == seq) {
            return slot((int) offset);
        }
        int lo = 0;
        int hi = span - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = seqs[slot(mid)];
            if (s < seq) {
                lo = mid + 1;
            } else if (s > seq) {
                hi = mid - 1;
            } else {
                return slot(mid);
            }
        }
        return -1;
    }

    private void grow() {
        int n = seqs.length;
        long[] s = new long[n * 2];
        Object[] it = new Object[n * 2];
        for (int k = 0; k < span; k++) {
            s[k] = seqs[slot(k)];
            it[k] = items[slot(k)];
        }
        seqs = s;
        items = it;
        head = 0;
    }
}
