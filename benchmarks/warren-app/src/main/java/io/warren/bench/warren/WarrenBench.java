package io.warren.bench.warren;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.warren.bench.Bench;
import io.warren.bench.Payload;

/** The benchmark app on Warren: the handler takes the POJO; publishing goes through an emitter. */
@ApplicationScoped
public class WarrenBench {

    private final Bench bench = new Bench();

    @Inject
    @Channel("bench-out")
    MutinyEmitter<Payload> emitter;

    void start(@Observes StartupEvent event) {
        bench.run(Bench.viaEmitter(emitter), Quarkus::asyncExit);
    }

    @Incoming("bench-in")
    public void handle(Payload payload) {
        bench.onMessage(payload);
    }
}
