package io.warren.connector.observe;

/** How an incoming delivery was settled on the broker. */
public enum Settlement {
    /** {@code basic.ack}: processed, accepted, dead-lettered or retried through a copy, or a duplicate. */
    ACK,
    /** {@code basic.nack} without requeue: dropped, or dead-lettered by the broker. */
    REJECT,
    /** {@code basic.nack} with requeue: the broker delivers it again. */
    REQUEUE,
    /** Nacked with requeue by the {@code fail} strategy, which also stops the channel. */
    FAIL
}
