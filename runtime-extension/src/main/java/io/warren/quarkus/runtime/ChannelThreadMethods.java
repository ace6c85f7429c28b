package io.warren.quarkus.runtime;

import java.util.List;
import java.util.Set;

/**
 * The {@code @Incoming} methods that Warren runs on their channel's own thread instead of the worker pool, chosen
 * at build time. Each entry is a {@link #key key} of bean id, method name and channels.
 */
public final class ChannelThreadMethods {

    private final Set<String> keys;

    public ChannelThreadMethods(Set<String> keys) {
        this.keys = Set.copyOf(keys);
    }

    /** The key of one mediator method: the same at build time and at run time. */
    public static String key(String beanId, String methodName, List<String> incomingChannels) {
        return beanId + "#" + methodName + "#" + String.join(",", incomingChannels.stream().sorted().toList());
    }

    public boolean contains(String key) {
        return keys.contains(key);
    }

    public int size() {
        return keys.size();
    }
}
