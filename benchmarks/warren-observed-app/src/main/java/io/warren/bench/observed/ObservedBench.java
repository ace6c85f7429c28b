package io.warren.bench.observed;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.warren.bench.Bench;
import io.warren.bench.Payload;

/** The benchmark app on Warren with Micrometer and OpenTelemetry (systems warren-metrics and warren-tracing): the same code as warren-app. */
@ApplicationScoped
public class ObservedBench {

    private final Bench bench = new Bench();

    @Inject
    @Channel("bench-out")
    MutinyEmitter<Payload> emitter;

    @Inject
    MeterRegistry registry;

    @Inject
    DiscardingSpanExporter spans;

    void start(@Observes StartupEvent event) {
        // Bench.viaEmitter's sender, counting nacks: a message the emitter refuses ("insufficient downstream
        // requests") completes the send as well, so the check line says how many were never published.
        LongAdder nacks = new LongAdder();
        Bench.Sender sender = (payload, done) -> emitter.sendMessageAndForget(
                Message.of(payload, () -> {
                    done.run();
                    return CompletableFuture.completedFuture(null);
                }, failure -> {
                    nacks.increment();
                    if (nacks.sum() == 1) {
                        System.out.println("OBSERVED first nack: " + failure);
                    }
                    done.run();
                    return CompletableFuture.completedFuture(null);
                }));
        bench.run(sender, () -> {
            // A check that each variant observed what it should: meters counted, spans exported (or none).
            System.out.printf("OBSERVED nacks=%d meters=%d delivered=%.0f acked=%.0f sent=%.0f confirmed=%.0f"
                    + " nacked=%.0f timed_out=%.0f spans=%d%n", nacks.sum(),
                    registry.find("warren.incoming.delivered").meters().size()
                            + registry.find("warren.outgoing.confirmed").meters().size(),
                    count("warren.incoming.delivered"), count("warren.incoming.acked"), count("warren.outgoing.sent"),
                    count("warren.outgoing.confirmed"), count("warren.outgoing.nacked"),
                    count("warren.outgoing.timed.out"), spans.exported());
            Quarkus.asyncExit();
        });
    }

    private double count(String name) {
        FunctionCounter c = registry.find(name).functionCounter();
        return c == null ? 0 : c.count();
    }

    @Incoming("bench-in")
    public void handle(Payload payload) {
        bench.onMessage(payload);
    }
}
