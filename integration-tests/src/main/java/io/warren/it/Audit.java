package io.warren.it;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;

/** Handlers that complete out of order: blocking and unordered, and on virtual threads. */
@ApplicationScoped
public class Audit {

    @Inject
    HandlerThreads threads;

    private final Set<String> audited = ConcurrentHashMap.newKeySet();
    private final Set<String> onVirtualThreads = ConcurrentHashMap.newKeySet();

    @Incoming("audit")
    @Blocking(ordered = false)
    public void audit(PricedOrder order) throws InterruptedException {
        threads.record("audit");
        Thread.sleep(ThreadLocalRandom.current().nextInt(5));
        audited.add(order.id());
    }

    @Incoming("vthreads")
    @RunOnVirtualThread
    public void onVirtualThread(PricedOrder order) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextInt(3));
        onVirtualThreads.add(order.id());
    }

    public Set<String> audited() {
        return audited;
    }

    public Set<String> onVirtualThreads() {
        return onVirtualThreads;
    }
}
