package io.warren.bench.smallrye;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

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

    /** One per application: the W6 channels report to it too. */
    static final Bench BENCH = new Bench();

    private final Bench bench = BENCH;

    @Inject
    @Channel("bench-out")
    MutinyEmitter<Payload> emitter;

    /** The sender of the workloads on one channel each way. */
    List<Bench.Sender> senders() {
        return List.of(Bench.viaEmitter(emitter));
    }

    @Incoming("bench-in")
    public void handle(JsonObject json) {
        bench.onMessage(json.mapTo(Payload.class));
    }
}
