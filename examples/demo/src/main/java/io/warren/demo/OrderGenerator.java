package io.warren.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.mutiny.Multi;

/** Stands in for a shop front: publishes a sample order every {@code demo.order-interval}, as JSON. */
@ApplicationScoped
public class OrderGenerator {

    static final List<String> CUSTOMERS = List.of("ada", "grace", "linus", "mallory", "barbara", "ken", "margaret");
    static final List<String> SKUS = List.of("widget", "gadget", "sprocket", "gizmo");

    private final AtomicInteger next = new AtomicInteger();

    @ConfigProperty(name = "demo.order-interval", defaultValue = "1s")
    Duration interval;

    @Outgoing("new-orders")
    public Multi<Order> orders() {
        // The first order waits a moment, so that the consumers have bound their queues.
        return Multi.createFrom().ticks().startingAfter(Duration.ofSeconds(1)).every(interval).onOverflow().drop()
                .map(tick -> nextOrder());
    }

    /** Deterministic, so that the log tells a story: mallory (orders 3, 10, 17...) has an address the courier refuses. */
    Order nextOrder() {
        int n = next.incrementAndGet();
        return new Order("o-" + n, CUSTOMERS.get(n % CUSTOMERS.size()), SKUS.get(n % SKUS.size()), 1 + n % 5);
    }
}
