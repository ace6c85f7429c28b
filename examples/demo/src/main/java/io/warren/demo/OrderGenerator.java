package io.warren.demo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.providers.extension.HealthCenter;

/** Stands in for a shop front: publishes a sample order every {@code demo.order-interval}, as JSON. */
@ApplicationScoped
public class OrderGenerator {

    static final List<String> CUSTOMERS = List.of("ada", "grace", "linus", "mallory", "barbara", "ken", "margaret");
    static final List<String> SKUS = List.of("widget", "gadget", "sprocket", "gizmo");

    private final AtomicInteger next = new AtomicInteger();

    @ConfigProperty(name = "demo.order-interval", defaultValue = "1s")
    Duration interval;

    @Inject
    HealthCenter health;

    @Outgoing("new-orders")
    public Multi<Order> orders() {
        // No order before every channel is ready: a message published before the consumer downstream has bound its
        // queue is unroutable (a slow start took 5 s here, and the first orders were refused).
        return Multi.createFrom().ticks().every(interval).onOverflow().drop()
                .filter(tick -> health.getReadiness().isOk())
                .map(tick -> nextOrder());
    }

    /** Deterministic, so that the log tells a story: mallory (orders 3, 10, 17...) has an address the courier refuses. */
    Order nextOrder() {
        int n = next.incrementAndGet();
        return new Order("o-" + n, CUSTOMERS.get(n % CUSTOMERS.size()), SKUS.get(n % SKUS.size()), 1 + n % 5);
    }
}
