package io.warren.connector.dedup;

/**
 * Remembers which message ids a channel group has processed successfully, for {@code deduplication=true}.
 * <p>
 * Provide your own (a database, a cache shared by several instances) as a CDI bean qualified with
 * {@code @Identifier("name")} and select it with {@code deduplication.store=name}. Methods are called on the
 * channel's own thread: keep them fast.
 */
public interface DeduplicationStore {

    /** The built-in store: in memory, bounded by {@code deduplication.max-size} and {@code deduplication.ttl}. */
    String MEMORY = "memory";

    /** Whether this message id was already processed successfully by the group. */
    boolean isProcessed(String group, String messageId);

    /** Records that the group processed this message id successfully. */
    void markProcessed(String group, String messageId);
}
