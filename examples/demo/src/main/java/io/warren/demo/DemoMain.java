package io.warren.demo;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ApplicationLifecycleManager;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.warren.embedded.EmbeddedBroker;

/**
 * Starts the demo. Dev Services provide a broker in dev and test mode only; so that the packaged demo also runs on
 * a machine with no broker and no Docker, {@code -Ddemo.broker=embedded} (or {@code DEMO_BROKER=embedded}) starts
 * the embedded broker in this JVM first and points the connector at it. Without it the demo connects to the broker
 * configured as usual ({@code rabbitmq-host}, by default localhost:5672).
 * <p>
 * In dev mode ({@code mvn quarkus:dev}) Quarkus calls this method again after every live reload, so it never exits
 * the JVM there. The switch is not meant for dev mode, where Dev Services choose the broker and keep it across
 * reloads: the launch mode is only known from the second call on, so a broker the first call started is stopped at
 * the first reload and Dev Services take over.
 */
@QuarkusMain
public class DemoMain {

    private static final Logger LOG = Logger.getLogger("demo");

    public static void main(String... args) {
        // Dev mode calls this method again after each live reload; from the second call on, the launch mode tells.
        EmbeddedBroker broker = embeddedRequested() && !LaunchMode.current().isDev() ? startEmbedded() : null;
        Quarkus.run(Demo.class, (code, failure) -> {
            // The application has stopped and closed its connections: only now does the broker stop. (On SIGTERM or
            // Ctrl+C the broker's own exit hook waits for those connections too.)
            if (broker != null) {
                broker.close();
                System.clearProperty("rabbitmq-host");
                System.clearProperty("rabbitmq-port");
            }
            // Quarkus's handler: it exits the JVM in a normal run, and in dev mode lets the live reload go on.
            ApplicationLifecycleManager.getDefaultExitCodeHandler().accept(code, failure);
        }, args);
    }

    private static EmbeddedBroker startEmbedded() {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        System.setProperty("rabbitmq-host", broker.host());
        System.setProperty("rabbitmq-port", String.valueOf(broker.port()));
        return broker;
    }

    static boolean embeddedRequested() {
        return System.getProperty("demo.broker", System.getenv().getOrDefault("DEMO_BROKER", ""))
                .equalsIgnoreCase("embedded");
    }

    /** Runs until stopped (Ctrl+C). */
    public static class Demo implements QuarkusApplication {
        @Override
        public int run(String... args) {
            if (LaunchMode.current().isDev()) {
                if (embeddedRequested()) {
                    LOG.info("demo.broker is for the packaged demo; in dev mode Dev Services provide the broker "
                            + "(-Dquarkus.warren.devservices.mode=embedded forces the embedded one)");
                }
                LOG.info("Orders flow every second; edit a class and the next message runs the new code");
                Quarkus.waitForExit();
                return 0;
            }
            String host = System.getProperty("rabbitmq-host");
            if (host != null && embeddedRequested()) {
                LOG.infof("Demo running on the embedded broker (Apache Qpid Broker-J, in memory) at %s:%s", host,
                        System.getProperty("rabbitmq-port"));
                LOG.warnf("The embedded broker is not RabbitMQ; it does not support: %s",
                        EmbeddedBroker.unsupportedSummary());
            }
            LOG.info("Orders flow every second; press Ctrl+C to stop");
            Quarkus.waitForExit();
            return 0;
        }
    }
}
