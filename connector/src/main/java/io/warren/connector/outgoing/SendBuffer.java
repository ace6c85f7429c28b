package io.warren.connector.outgoing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongPredicate;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The messages of an outgoing channel that are not published yet: handed over by senders on any thread, published
 * in order by the channel's thread, kept while the channel is down. Its size is bounded by the demand the channel
 * gives upstream ({@code max-inflight-messages}), never by this class.
 */
final class SendBuffer {

    /**
     * A message, its wire form (or why it has none), and when it was sent, from which {@code confirm-timeout} counts.
     */
    record Sending(Message<?> message, Outbound out, RuntimeException failure, long sentAt) {
    }

    private final ConcurrentLinkedQueue<Sending> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverScheduled = new AtomicBoolean();
    private final ArrayDeque<Sending> queued = new ArrayDeque<>();

    /** Adds a message from any thread; true when the caller must schedule a {@link #takeArrivals()}. */
    boolean offer(Sending s) {
        arrivals.add(s);
        // One hand-over for whatever arrived meanwhile, rather than one task per message.
        return handOverScheduled.compareAndSet(false, true);
    }

    /** Moves what arrived into the owner's queue. Owner thread. */
    void takeArrivals() {
        handOverScheduled.set(false);
        for (Sending s = arrivals.poll(); s != null; s = arrivals.poll()) {
            queued.addLast(s);
        }
    }

    Sending peek() {
        return queued.peekFirst();
    }

    Sending poll() {
        return queued.pollFirst();
    }

    /** Puts messages back at the head, in order: publishes a lost channel never had confirmed. Owner thread. */
    void putBack(List<Sending> resend) {
        for (int i = resend.size() - 1; i >= 0; i--) {
            queued.addFirst(resend.get(i));
        }
    }

    /** Removes and returns the messages whose send time the test finds late. Owner thread. */
    List<Sending> expired(LongPredicate late) {
        List<Sending> expired = new ArrayList<>();
        Iterator<Sending> it = queued.iterator();
        while (it.hasNext()) {
            Sending s = it.next();
            if (late.test(s.sentAt())) {
                expired.add(s);
                it.remove();
            }
        }
        return expired;
    }

    /** Removes and returns everything, arrivals included. Owner thread. */
    List<Sending> drainAll() {
        takeArrivals();
        List<Sending> all = new ArrayList<>(queued);
        queued.clear();
        return all;
    }

    /** Whether nothing waits, arrivals included. Any thread gets an estimate; the owner an exact answer. */
    boolean isEmpty() {
        return arrivals.isEmpty() && queued.isEmpty();
    }

    /** Messages taken from the arrivals and not published yet (O(1), owner thread). */
    int queued() {
        return queued.size();
    }
}
