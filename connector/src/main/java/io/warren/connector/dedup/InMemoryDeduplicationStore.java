package io.warren.connector.dedup;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A bounded in-memory {@link DeduplicationStore} for a single instance: it keeps at most {@code maxSize} ids, each
 * for at most its time to live, forgetting the oldest first. Every answer is immediate.
 */
public final class InMemoryDeduplicationStore implements DeduplicationStore {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final int maxSize;
    private final long ttlMs;
    /** Key to entry, in insertion order (re-inserted on update) so that the eldest is the oldest. */
    private final LinkedHashMap<String, Entry> seen;

    private record Entry(boolean processed, long expiresAt) {
    }

    /**
     * @param maxSize the most ids kept
     * @param ttlMs the default time an id is kept, for {@link #markProcessed(String, String)}
     */
    public InMemoryDeduplicationStore(int maxSize, long ttlMs) {
        this.maxSize = Math.max(1, maxSize);
        this.ttlMs = ttlMs;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
                return size() > InMemoryDeduplicationStore.this.maxSize;
            }
        };
    }

    @Override
    public synchronized CompletionStage<Claim> claim(String group, String messageId, Duration lease) {
        String key = key(group, messageId);
        long now = System.currentTimeMillis();
        Entry e = seen.get(key);
        if (e != null && e.expiresAt() > now) {
            return CompletableFuture.completedFuture(e.processed() ? Claim.PROCESSED : Claim.IN_PROGRESS);
        }
        put(key, new Entry(false, now + lease.toMillis()));
        return CompletableFuture.completedFuture(Claim.CLAIMED);
    }

    @Override
    public synchronized CompletionStage<Void> markProcessed(String group, String messageId, Duration ttl) {
        put(key(group, messageId), new Entry(true, ttl.toMillis() > 0 ? System.currentTimeMillis() + ttl.toMillis()
                : Long.MAX_VALUE));
        return DONE;
    }

    /** Records an id as processed for the store's own time to live; for tests and direct use. */
    public CompletionStage<Void> markProcessed(String group, String messageId) {
        return markProcessed(group, messageId, Duration.ofMillis(ttlMs));
    }

    @Override
    public synchronized CompletionStage<Void> release(String group, String messageId) {
        String key = key(group, messageId);
        Entry e = seen.get(key);
        if (e != null && !e.processed()) {
            seen.remove(key);
        }
        return DONE;
    }

    private void put(String key, Entry e) {
        seen.remove(key); // re-insert so that insertion order stays age order
        seen.put(key, e);
    }

    private static String key(String group, String messageId) {
        return group + '\u0000' + messageId;
    }

    /** How many ids are remembered; for tests. */
    public synchronized int size() {
        return seen.size();
    }
}
