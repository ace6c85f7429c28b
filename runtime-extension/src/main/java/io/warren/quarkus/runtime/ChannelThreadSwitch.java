package io.warren.quarkus.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Runs the chosen {@code @Incoming} methods on their Warren channel's thread.
 * <p>
 * Quarkus invokes a method with a synchronous signature ({@code void handle(Order o)}) on the worker pool, in order,
 * to keep blocking code off the Vert.x event loop. A Warren channel delivers on a thread of its own, which is not an
 * event loop, so calling the method right there keeps the same guarantees (in order, blocking allowed) and saves the
 * two thread hops per message. The mediators are only configured here; SmallRye creates them at start-up. A method
 * whose channel the run-time configuration moved to another connector keeps Quarkus's choice. Quarkus has no public
 * way to make this choice per method: {@link QuarkusInternals} holds the internal one used.
 */
@Singleton
public class ChannelThreadSwitch {

    private static final RuntimeLog LOG = RuntimeLog.of(ChannelThreadSwitch.class);

    void apply(@Observes @Initialized(ApplicationScoped.class) Object event, ChannelThreadMethods methods) {
        Config config = ConfigProvider.getConfig();
        for (QuarkusInternals.Mediator m : QuarkusInternals.mediators()) {
            if (m.blocking() && methods.contains(ChannelThreadMethods.key(m.beanId(), m.methodName(), m.incoming()))) {
                if (!ChannelConnectors.allWarren(m.incoming(), ch -> ChannelConnectors.incoming(config, ch))) {
                    // Chosen at build time, but the channel runs on another connector now: Quarkus's choice stands.
                    LOG.staysOnWorkerPool(String.join(",", m.incoming()), m.describe());
                    continue;
                }
                m.runOnCallerThread();
                LOG.runsOnChannelThread(String.join(",", m.incoming()), m.describe());
            }
        }
    }
}
