package io.warren.demo;

import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

/** Counts what flowed through the demo, for its test and for the summary it logs at shutdown. */
@ApplicationScoped
public class Stats {

    final AtomicInteger priced = new AtomicInteger();
    final AtomicInteger shipped = new AtomicInteger();
    final AtomicInteger shippedAfterRetry = new AtomicInteger();
    final AtomicInteger deadLettered = new AtomicInteger();

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
