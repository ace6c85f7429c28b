package io.warren.swap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** Packs each order: five items to a box. Knows nothing of transports. */
@ApplicationScoped
public class Packing {

    static final int ITEMS_PER_BOX = 5;

    @Incoming("orders")
    @Outgoing("parcels")
    public Parcel pack(Order order) {
        if (order.quantity() <= 0) {
            throw new IllegalArgumentException("order " + order.id() + " has no items");
        }
        return new Parcel(order.id(), (order.quantity() + ITEMS_PER_BOX - 1) / ITEMS_PER_BOX);
    }
}
