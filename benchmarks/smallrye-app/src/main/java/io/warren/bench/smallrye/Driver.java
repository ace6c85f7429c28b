package io.warren.bench.smallrye;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.warren.bench.Bench;

/**
 * Starts the workload at start-up with the senders of the channels it uses. Only the bean whose channels are enabled
 * is ever created: an emitter of a disabled channel fails at injection.
 */
@ApplicationScoped
public class Driver {

    @Inject
    SmallRyeBench one;

    @Inject
    ManyChannels many;

    void start(@Observes StartupEvent event) {
        Bench bench = SmallRyeBench.BENCH;
        bench.run(bench.channels > 1 ? many.senders() : one.senders(), Quarkus::asyncExit);
    }
}
