package io.warren.connector.outgoing;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The messages published on one AMQP channel and not yet confirmed, by publish sequence number. Confined to the
 * channel's thread. Entries are removed when confirmed, when they time out, or when the channel is lost; nothing is
 * kept after that, so the map cannot leak across reconnects.
 */
final class ConfirmTracker {

    /** One published message. */
    static final class Pending {
        final Message<?> message;
        /** The wire form as serialized, before the channel's own additions: what is published again. */
        final Outbound out;
        final String messageId;
        final String exchange;
        final String routingKey;
        long publishedAt;
        String returned;

        Pending(Message<?> message, Outbound out, String messageId) {
            this.message = message;
            this.out = out;
            this.messageId = messageId;
            this.exchange = out.exchange;
            this.routingKey = out.routingKey;
        }
    }

    private final NavigableMap<Long, Pending> unconfirmed = new TreeMap<>();

    void published(long seq, Pending pending) {
        pending.publishedAt = System.nanoTime();
        unconfirmed.put(seq, pending);
    }

    /** Removes and returns what a confirm covers. */
    List<Pending> confirmed(long seq, boolean multiple) {
        if (!multiple) {
            Pending p = unconfirmed.remove(seq);
            return p == null ? List.of() : List.of(p);
        }
        Map<Long, Pending> head = unconfirmed.headMap(seq, true);
        List<Pending> done = new ArrayList<>(head.values());
        head.clear();
        return done;
    }

    /**
     * Marks the oldest unmarked message with this id as returned. RabbitMQ sends {@code basic.return} before the
     * confirm of the same message, so the mark is in place when the confirm settles it.
     */
    void returned(String messageId, String reason) {
        for (Pending p : unconfirmed.values()) {
            if (p.returned == null && Objects.equals(p.messageId, messageId)) {
                p.returned = reason;
                return;
            }
        }
    }

    /** Removes and returns the messages published longer ago than the timeout. */
    List<Pending> expired(long timeoutNanos) {
        long now = System.nanoTime();
        List<Pending> late = new ArrayList<>();
        Iterator<Pending> it = unconfirmed.values().iterator();
        while (it.hasNext()) {
            Pending p = it.next();
            if (now - p.publishedAt > timeoutNanos) {
                late.add(p);
                it.remove();
            }
        }
        return late;
    }

    /** Removes and returns everything, in publish order. */
    List<Pending> drain() {
        List<Pending> all = new ArrayList<>(unconfirmed.values());
        unconfirmed.clear();
        return all;
    }

    boolean isEmpty() {
        return unconfirmed.isEmpty();
    }

    int size() {
        return unconfirmed.size();
    }
}
