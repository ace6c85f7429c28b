package io.warren.connector.dedup;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

/**
 * Remembers which message ids a channel group has processed, for {@code deduplication=true}, so that every instance
 * of an application that shares the store skips a duplicate.
 * <p>
 * The API is asynchronous: the channel's thread never waits for the store. While a call is outstanding the delivery
 * stays unacknowledged and in progress, and deliveries behind it wait their turn, so that the order is kept. A stage
 * that fails, or does not complete within {@code deduplication.timeout}, sends the message to the channel's failure
 * strategy: a message is never processed without its claim, and never acknowledged without being processed.
 * <p>
 * Provide your own as a CDI bean qualified with {@code @Identifier("name")} and select it with
 * {@code deduplication.store=name}. Warren ships {@code memory} (one instance), and the {@code redis} and
 * {@code postgresql} stores in their own modules.
 */
public interface DeduplicationStore {

    /** The built-in store: in memory, bounded by {@code deduplication.max-size} and {@code deduplication.ttl}. */
    String MEMORY = "memory";

    /** What a claim found. */
    enum Claim {
        /** Nobody had the id: the caller processes the message and then calls {@link #markProcessed}. */
        CLAIMED,
        /** The id was processed already: the message is a duplicate, acknowledged and dropped. */
        PROCESSED,
        /**
         * Another consumer holds a claim on the id that has not expired: the message is put back on the queue after
         * {@code requeue.delay} and looked at again, when the other consumer has finished or its claim has lapsed.
         */
        IN_PROGRESS
    }

    /**
     * Claims an id for processing, atomically: of several consumers claiming the same id at once, one gets
     * {@link Claim#CLAIMED}.
     *
     * @param group the channel group (the channel name without its concurrency suffix)
     * @param messageId the message id
     * @param lease how long the claim holds if it is neither marked processed nor released, so that a consumer that
     * died does not block the id for ever
     */
    CompletionStage<Claim> claim(String group, String messageId, Duration lease);

    /**
     * Records that a claimed id was processed successfully; it is remembered for {@code ttl}. The message is acked
     * once this completes (or fails: the message was processed, and a redelivery would process it again).
     */
    CompletionStage<Void> markProcessed(String group, String messageId, Duration ttl);

    /** Gives up a claim whose message failed, so that a redelivery can be processed. */
    CompletionStage<Void> release(String group, String messageId);
}
