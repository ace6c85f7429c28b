package io.warren.connector.observe;

/**
 * What an observer knows about the channel it observes.
 *
 * @param name the channel name (with SmallRye's {@code $N} suffix for a copy of a {@code concurrency=N} channel)
 * @param incoming true for an incoming channel, false for an outgoing one
 * @param queue the queue consumed from; {@code null} for an outgoing channel
 * @param exchange the exchange bound to (incoming) or published to by default (outgoing); {@code ""} is the default
 *        exchange
 * @param failureStrategy the {@code failure-strategy} of an incoming channel; {@code null} for an outgoing one
 * @param prefetch the prefetch of an incoming channel ({@code max-outstanding-messages}); 0 for an outgoing one
 * @param tracing whether the channel may be traced ({@code tracing.enabled})
 */
public record ObservedChannel(String name, boolean incoming, String queue, String exchange, String failureStrategy,
        int prefetch, boolean tracing) {

    /** An incoming channel. */
    public static ObservedChannel incoming(String name, String queue, String exchange, String failureStrategy,
            int prefetch, boolean tracing) {
        return new ObservedChannel(name, true, queue, exchange, failureStrategy, prefetch, tracing);
    }

    /** An outgoing channel. */
    public static ObservedChannel outgoing(String name, String exchange, boolean tracing) {
        return new ObservedChannel(name, false, null, exchange, null, 0, tracing);
    }

    /** {@code incoming} or {@code outgoing}. */
    public String direction() {
        return incoming ? "incoming" : "outgoing";
    }

    /** The queue of an incoming channel, the exchange of an outgoing one: where its messages come from or go. */
    public String destination() {
        return incoming ? queue : exchange;
    }
}
