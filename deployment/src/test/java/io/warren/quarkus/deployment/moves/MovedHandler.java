package io.warren.quarkus.deployment.moves;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A handler with a synchronous signature, whose channel the tests move off Warren; records its threads. */
@ApplicationScoped
public class MovedHandler {

    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();

    @Incoming("orders")
    public void take(Parcel parcel) {
        received.add(parcel.id());
        threads.add(Thread.currentThread().getName());
    }

    public List<String> received() {
        return received;
    }

    public List<String> threads() {
        return threads;
    }

    /** The payload. */
    public record Parcel(String id, int weight) {
    }
}
