package io.warren.bench.smallrye;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.json.JsonObject;
import io.warren.bench.Bench;
import io.warren.bench.Payload;

/**
 * The same app on quarkus-messaging-rabbitmq. Its connector hands JSON over as a Vert.x {@code JsonObject} (a POJO
 * parameter fails with a ClassCastException), so the handler maps it to the POJO as its users must.
 */
@ApplicationScoped
public class SmallRyeBench {

    private final Bench bench = new Bench();

    @Inject
    @Channel("bench-out")
    MutinyEmitter<Payload> emitter;

    void start(@Observes StartupEvent event) {
        bench.run(Bench.viaEmitter(emitter), Quarkus::asyncExit);
    }

    @Incoming("bench-in")
    public void handle(JsonObject json) {
        bench.onMessage(json.mapTo(Payload.class));
    }
}
