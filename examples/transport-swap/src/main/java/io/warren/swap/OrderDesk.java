package io.warren.swap;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;

/** Takes orders and sends them on {@code new-orders}, whatever transport that channel is on. */
@ApplicationScoped
public class OrderDesk {

    @Inject
    @Channel("new-orders")
    Emitter<Order> orders;

    /** Completes once the transport has taken the order. */
    public CompletionStage<Void> submit(Order order) {
        return orders.send(order);
    }
}
