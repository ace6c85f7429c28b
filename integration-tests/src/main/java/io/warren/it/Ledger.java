package io.warren.it;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Consumes what the processor and the heartbeat stream publish. */
@ApplicationScoped
public class Ledger {

    @Inject
    HandlerThreads threads;

    private final List<PricedOrder> priced = new CopyOnWriteArrayList<>();
    private final AtomicLong heartbeats = new AtomicLong();

    @Incoming("priced-in")
    public void record(PricedOrder order) {
        threads.record("record");
        priced.add(order);
    }

    @Incoming("heartbeats-in")
    public void beat(Heartbeat beat) {
        heartbeats.set(Math.max(heartbeats.get(), beat.sequence()));
    }

    public List<PricedOrder> priced() {
        return priced;
    }

    public long lastHeartbeat() {
        return heartbeats.get();
    }
}
