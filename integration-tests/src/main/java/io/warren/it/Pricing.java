package io.warren.it;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** A processor: consumes orders, publishes priced orders. */
@ApplicationScoped
public class Pricing {

    @Inject
    HandlerThreads threads;

    @Incoming("orders")
    @Outgoing("priced")
    public PricedOrder price(Order order) {
        threads.record("price");
        if (order.lines() == null || order.lines().isEmpty()) {
            throw new IllegalArgumentException("order " + order.id() + " has no lines");
        }
        double total = order.lines().stream().mapToDouble(l -> l.quantity() * l.unitPrice()).sum();
        return new PricedOrder(order.id(), order.customer(), total);
    }
}
