package io.warren.it;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

/** Records which threads each handler ran on, so that tests can check the execution model. */
@ApplicationScoped
public class HandlerThreads {

    private final Map<String, Set<String>> threads = new ConcurrentHashMap<>();

    public void record(String handler) {
        threads.computeIfAbsent(handler, h -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread().getName());
    }

    public Set<String> of(String handler) {
        return threads.getOrDefault(handler, Set.of());
    }
}
