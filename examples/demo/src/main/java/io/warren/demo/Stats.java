package io.warren.demo;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** Counts what flowed through the demo, for its test. Used through methods only: the injected bean is a proxy. */
@ApplicationScoped
public class Stats {

    private final AtomicInteger priced = new AtomicInteger();
    private final AtomicInteger shipped = new AtomicInteger();
    private final AtomicInteger shippedAfterRetry = new AtomicInteger();
    private final AtomicInteger deadLettered = new AtomicInteger();

    void countPriced() {
        priced.incrementAndGet();
    }

    void countShipped(boolean afterRetry) {
        shipped.incrementAndGet();
        if (afterRetry) {
            shippedAfterRetry.incrementAndGet();
        }
    }

    void countDeadLettered() {
        deadLettered.incrementAndGet();
    }

    public int priced() {
        return priced.get();
    }

    public int shipped() {
        return shipped.get();
    }

    public int shippedAfterRetry() {
        return shippedAfterRetry.get();
    }

    public int deadLettered() {
        return deadLettered.get();
    }
}
