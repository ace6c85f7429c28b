package io.warren.connector.outgoing;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.concurrent.Flow;

import io.warren.connector.connection.ConfirmTracker;
import io.warren.connector.log.OutgoingLog;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.PublishOutcome;
import io.warren.connector.outgoing.SendBuffer.Sending;

/**
 * Settles the messages of one outgoing channel (ack, or nack with an error naming the channel, the message, the
 * exchange and the routing key) and gives the demand back upstream, before each ack. Confined to the channel's
 * thread.
 */
final class Outcomes implements ConfirmTracker.Outcome<Sending> {

    private static final OutgoingLog LOG = OutgoingLog.of(Outcomes.class);

    private final String channel;
    private final ChannelObserver observer;
    private volatile Flow.Subscription upstream;
    private long released;
    private volatile boolean closing;

    Outcomes(String channel, ChannelObserver observer) {
        this.channel = channel;
        this.observer = observer;
    }

    /** The upstream subscription, once there is one. Any thread. */
    void subscribed(Flow.Subscription subscription) {
        this.upstream = subscription;
    }

    @Override
    public void settled(ConfirmTracker.Pending<Sending> p, String failure) {
        observer.publishSettled(failure == null ? PublishOutcome.CONFIRMED
                : p.returned() ? PublishOutcome.RETURNED : PublishOutcome.NACKED, p.publishedAt);
        if (failure == null) {
            acked(p.item);
        } else {
            failed(p.item, failure);
        }
    }

    /** A published message that got no confirm in time. */
    void timedOut(ConfirmTracker.Pending<Sending> p, String why) {
        observer.publishSettled(PublishOutcome.TIMED_OUT, p.publishedAt);
        failed(p.item, why);
    }

    void acked(Sending s) {
        settle(s, null);
    }

    void failed(Sending s, String why) {
        settle(s, failure(s, why));
    }

    void failed(Sending s, Throwable failure) {
        settle(s, failure);
    }

    private PublishFailedException failure(Sending s, String why) {
        Outbound out = s.out();
        if (out == null) {
            return MSG.failed(channel, why);
        }
        return MSG.messageNotPublished(channel, out.props.getMessageId(), out.exchange, out.routingKey, why);
    }

    private void settle(Sending s, Throwable failure) {
        // Demand goes back before the ack: a sender that sends its next message from the ack callback (an emitter
        // without a buffer) would otherwise find no request and be refused (SRMSG00034).
        released++;
        releaseDemand();
        try {
            if (failure == null) {
                s.message().ack();
            } else {
                s.message().nack(failure);
            }
        } catch (RuntimeException e) {
            LOG.settleThrew(e, channel);
        }
    }

    /** Asks upstream for as many messages as were settled since the last time. */
    void releaseDemand() {
        Flow.Subscription s = upstream;
        if (released > 0 && s != null && !closing) {
            long n = released;
            released = 0;
            s.request(n);
        }
    }

    /** Stops asking for more and cancels the subscription. Any thread. */
    void close() {
        closing = true;
        Flow.Subscription s = upstream;
        if (s != null) {
            s.cancel();
        }
    }
}
