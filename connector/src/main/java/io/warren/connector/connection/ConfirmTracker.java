package io.warren.connector.connection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Return;

/**
 * Publishes with confirms on one owned channel and pairs each confirm, nack and return with what was published.
 * Confined to the channel's thread; the client's confirm and return callbacks only hand over to it. Used by outgoing
 * channels and by the copies of the failure strategies.
 * <p>
 * A {@code basic.return} names no publish, and pairing it by message id nacked the wrong message when ids repeat or
 * are absent. So a mandatory publish carries its sequence number in the {@value #SEQUENCE_HEADER} header, which the
 * return brings back: RabbitMQ sends the return before the confirm of the same publish on that channel, so the mark
 * is in place when the confirm settles it.
 *
 * @param <T> what the caller publishes: a message, a copy's future
 */
public final class ConfirmTracker<T> {

    /** The header that carries a mandatory publish's sequence number on its channel, to pair returns. */
    public static final String SEQUENCE_HEADER = "x-warren-seq";

    /** Told how each publish ended. Owner thread. */
    public interface Outcome<T> {
        /**
         * @param publish what was published, when, and whether the broker returned it
         * @param failure null when the broker confirmed it; otherwise why it failed (nacked, returned as
         *        unroutable)
         */
        void settled(Pending<T> publish, String failure);
    }

    /** A publish awaiting its confirm. */
    public static final class Pending<T> {
        public final T item;
        /** When the caller handed the message over, for timeouts counted from the send ({@link System#nanoTime}). */
        public final long sentAt;
        /** When it was published ({@link System#nanoTime}), for the confirm latency. */
        public final long publishedAt;
        String returned;

        Pending(T item, long sentAt, long publishedAt) {
            this.item = item;
            this.sentAt = sentAt;
            this.publishedAt = publishedAt;
        }

        /** Whether the broker returned it as unroutable. */
        public boolean returned() {
            return returned != null;
        }
    }

    private final ConfinedExecutor owner;
    private final Outcome<T> outcome;
    private final Runnable afterConfirms;
    private final PublishRing<Pending<T>> unconfirmed = new PublishRing<>();
    private Channel attached;

    /**
     * @param outcome told how each publish ended
     * @param afterConfirms run after each confirm frame was handled, once for all the publishes it covered
     */
    public ConfirmTracker(ConfinedExecutor owner, Outcome<T> outcome, Runnable afterConfirms) {
        this.owner = owner;
        this.outcome = outcome;
        this.afterConfirms = afterConfirms;
    }

    /** Puts a new channel in confirm mode and listens to it; confirms of earlier channels are ignored from now on. */
    public void attach(Channel channel) throws IOException {
        channel.confirmSelect();
        channel.addConfirmListener(new ConfirmListener() {
            @Override
            public void handleAck(long tag, boolean multiple) {
                owner.execute(() -> confirmed(channel, tag, multiple, null));
            }

            @Override
            public void handleNack(long tag, boolean multiple) {
                owner.execute(() -> confirmed(channel, tag, multiple,
                        "the broker nacked it (for example a full queue with overflow reject-publish)"));
            }
        });
        channel.addReturnListener(r -> owner.execute(() -> returned(channel, r)));
        attached = channel;
    }

    /**
     * Publishes and tracks the publish. With {@code mandatory}, the sequence header is added to the properties.
     *
     * @param sentAt when the caller handed the message over ({@link System#nanoTime})
     */
    public void publish(Channel channel, String exchange, String routingKey, boolean mandatory,
            AMQP.BasicProperties props, byte[] body, T item, long sentAt) throws IOException {
        long seq = channel.getNextPublishSeqNo();
        AMQP.BasicProperties wire = mandatory ? withSequence(props, seq) : props;
        channel.basicPublish(exchange, routingKey, mandatory, wire, body);
        unconfirmed.add(seq, new Pending<>(item, sentAt, System.nanoTime()));
    }

    private static AMQP.BasicProperties withSequence(AMQP.BasicProperties props, long seq) {
        Map<String, Object> headers = props.getHeaders() == null ? new HashMap<>(2)
                : new HashMap<>(props.getHeaders());
        headers.put(SEQUENCE_HEADER, seq);
        return props.builder().headers(headers).build();
    }

    private void confirmed(Channel from, long tag, boolean multiple, String failure) {
        if (from != attached) {
            return; // a channel since replaced: its publishes were handed back by drain()
        }
        if (!multiple) {
            Pending<T> p = unconfirmed.remove(tag);
            if (p != null) {
                settle(p, failure);
            }
        } else {
            unconfirmed.removeUpTo(tag, p -> settle(p, failure));
        }
        afterConfirms.run();
    }

    private void settle(Pending<T> p, String failure) {
        outcome.settled(p, failure != null ? failure : p.returned);
    }

    private void returned(Channel from, Return r) {
        if (from != attached) {
            return;
        }
        Map<String, Object> headers = r.getProperties().getHeaders();
        Object seq = headers == null ? null : headers.get(SEQUENCE_HEADER);
        Pending<T> p = seq instanceof Number n ? unconfirmed.get(n.longValue()) : null;
        if (p != null) {
            p.returned = "unroutable: exchange '" + r.getExchange() + "' has no queue bound for routing key '"
                    + r.getRoutingKey() + "' (" + r.getReplyCode() + " " + r.getReplyText() + ")";
        }
    }

    /** Removes and returns the publishes whose send time ({@link System#nanoTime}) the test finds late, in order. */
    public List<Pending<T>> expired(LongPredicate late) {
        List<Pending<T>> expired = new ArrayList<>();
        unconfirmed.removeIf(p -> late.test(p.sentAt), expired);
        return expired;
    }

    /** Removes and returns every publish awaiting its confirm, in publish order (the channel was lost). */
    public List<Pending<T>> drain() {
        List<Pending<T>> all = new ArrayList<>(unconfirmed.size());
        unconfirmed.clear(all);
        attached = null;
        return all;
    }

    public boolean isEmpty() {
        return unconfirmed.size() == 0;
    }

    public int size() {
        return unconfirmed.size();
    }
}
