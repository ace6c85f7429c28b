package io.warren.quarkus.deployment.devservices;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** A tiny application for the Dev Services tests: publishes pings and records those it receives. */
@ApplicationScoped
public class Pings {

    final List<String> received = new CopyOnWriteArrayList<>();

    @Inject
    @Channel("pings")
    Emitter<String> emitter;

    @Incoming("pings-in")
    void receive(String ping) {
        received.add(ping);
    }

    /** What arrived so far (through a method: the injected bean is a proxy, its fields are not the bean's). */
    List<String> received() {
        return List.copyOf(received);
    }

    void send(String ping) {
        emitter.send(ping);
    }

    /** The channels, on an exchange and queue unique to the run that delete themselves when unused. */
    static java.util.Map<String, String> channels() {
        String name = "devservices-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        return java.util.Map.of(
                "mp.messaging.outgoing.pings.connector", "warren",
                "mp.messaging.outgoing.pings.exchange.name", name,
                "mp.messaging.outgoing.pings.exchange.auto-delete", "true",
                "mp.messaging.outgoing.pings.exchange.durable", "false",
                "mp.messaging.incoming.pings-in.connector", "warren",
                "mp.messaging.incoming.pings-in.exchange.name", name,
                "mp.messaging.incoming.pings-in.exchange.auto-delete", "true",
                "mp.messaging.incoming.pings-in.exchange.durable", "false",
                "mp.messaging.incoming.pings-in.queue.name", name,
                "mp.messaging.incoming.pings-in.queue.auto-delete", "true");
    }

    /** Sends pings until one comes back: the consumer may bind its queue after the first publish. */
    static void roundTrip(Pings pings) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                .pollInterval(java.time.Duration.ofMillis(200)).until(() -> {
                    pings.send("ping");
                    return !pings.received().isEmpty();
                });
    }
}
