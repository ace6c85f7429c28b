package io.warren.it;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.opentelemetry.api.trace.Span;

/** Consumes what the processor and the heartbeat stream publish. */
@ApplicationScoped
public class Ledger {

    @Inject
    HandlerThreads threads;

    private final List<PricedOrder> priced = new CopyOnWriteArrayList<>();
    /** The span current while each priced order was handled, for TracingTest. */
    private final Map<String, String> spans = new ConcurrentHashMap<>();
    private final AtomicLong heartbeats = new AtomicLong();

    @Incoming("priced-in")
    public void record(PricedOrder order) {
        threads.record("record");
        spans.put(order.id(), Span.current().getSpanContext().getSpanId());
        priced.add(order);
    }

    @Incoming("heartbeats-in")
    public void beat(Heartbeat beat) {
        heartbeats.set(Math.max(heartbeats.get(), beat.sequence()));
    }

    /** The id of the span that was current while the order was handled, or null. */
    public String spanOf(String orderId) {
        return spans.get(orderId);
    }

    public List<PricedOrder> priced() {
        return priced;
    }

    public long lastHeartbeat() {
        return heartbeats.get();
    }
}
