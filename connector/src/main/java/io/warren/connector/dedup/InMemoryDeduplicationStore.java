package io.warren.connector.dedup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A bounded in-memory {@link DeduplicationStore}: it keeps at most {@code maxSize} ids per store, each for at most
 * {@code ttlMs}, forgetting the oldest first.
 */
public final class InMemoryDeduplicationStore implements DeduplicationStore {

    private final int maxSize;
    private final long ttlMs;
    private final LinkedHashMap<String, Long> seen;

    public InMemoryDeduplicationStore(int maxSize, long ttlMs) {
        this.maxSize = Math.max(1, maxSize);
        this.ttlMs = ttlMs;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
                return size() > InMemoryDeduplicationStore.this.maxSize;
            }
        };
    }

    @Override
    public synchronized boolean isProcessed(String group, String messageId) {
        Long at = seen.get(group + '\u0000' + messageId);
        if (at == null) {
            return false;
        }
        if (ttlMs > 0 && System.currentTimeMillis() - at > ttlMs) {
            seen.remove(group + '\u0000' + messageId);
            return false;
        }
        return true;
    }

    @Override
    public synchronized void markProcessed(String group, String messageId) {
        String key = group + '\u0000' + messageId;
        seen.remove(key); // re-insert so that insertion order stays age order
        seen.put(key, System.currentTimeMillis());
    }

    /** How many ids are remembered; for tests. */
    public synchronized int size() {
        return seen.size();
    }
}
