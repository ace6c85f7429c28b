package io.warren.connector.dedup;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Finds the store named by {@code deduplication.store}: a user-supplied one, or the built-in in-memory store of the
 * channel's group (copies of a channel made by {@code concurrency} share it).
 */
public final class DeduplicationStores {

    private final Function<String, DeduplicationStore> custom;
    private final Map<String, InMemoryDeduplicationStore> memory = new ConcurrentHashMap<>();

    /** @param custom finds user stores by name; returns null when there is none */
    public DeduplicationStores(Function<String, DeduplicationStore> custom) {
        this.custom = custom;
    }

    /** Whether a store of that name exists: the built-in one or a user-supplied one. */
    public boolean exists(String name) {
        return DeduplicationStore.MEMORY.equals(name) || custom.apply(name) != null;
    }

    /** The store, or null when nothing has that name. */
    public DeduplicationStore get(String name, String group, int maxSize, long ttlMs) {
        DeduplicationStore user = custom.apply(name);
        if (user != null) {
            return user;
        }
        if (DeduplicationStore.MEMORY.equals(name)) {
            return memory.computeIfAbsent(group, g -> new InMemoryDeduplicationStore(maxSize, ttlMs));
        }
        return null;
    }
}
