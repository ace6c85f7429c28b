package io.warren.it;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Outgoing;

import io.smallrye.mutiny.Multi;

/** An {@code @Outgoing} stream: one heartbeat every 200 ms. */
@ApplicationScoped
public class Heartbeats {

    @Outgoing("heartbeats")
    public Multi<Heartbeat> beats() {
        return Multi.createFrom().ticks().every(Duration.ofMillis(200)).map(Heartbeat::new);
    }
}
