package io.warren.bench.warren;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.MutinyEmitter;
import io.warren.bench.Bench;
import io.warren.bench.Payload;

/** The benchmark app on Warren: the handler takes the POJO; publishing goes through an emitter. */
@ApplicationScoped
public class WarrenBench {

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
    public void handle(Payload payload) {
        bench.onMessage(payload);
    }
}
