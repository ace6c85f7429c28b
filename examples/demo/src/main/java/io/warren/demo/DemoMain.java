package io.warren.demo;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.warren.embedded.EmbeddedBroker;

/**
 * Starts the demo. Dev Services provide a broker in dev and test mode only; so that the packaged demo also runs on
 * a machine with no broker and no Docker, {@code -Ddemo.broker=embedded} (or {@code DEMO_BROKER=embedded}) starts
 * the embedded broker in this JVM first and points the connector at it. Without it the demo connects to the broker
 * configured as usual ({@code rabbitmq-host}, by default localhost:5672).
 */
@QuarkusMain
public class DemoMain {

    private static final Logger LOG = Logger.getLogger("demo");

    public static void main(String... args) {
        String choice = System.getProperty("demo.broker", System.getenv().getOrDefault("DEMO_BROKER", ""));
        EmbeddedBroker broker = null;
        if (choice.equalsIgnoreCase("embedded")) {
            broker = EmbeddedBroker.start(0);
            System.setProperty("rabbitmq-host", broker.host());
            System.setProperty("rabbitmq-port", String.valueOf(broker.port()));
        }
        EmbeddedBroker started = broker;
        // The broker stops after the application, so that the connector can settle what is in flight.
        Quarkus.run(Demo.class, (code, failure) -> {
            if (started != null) {
                started.close();
            }
            System.exit(code);
        }, args);
    }

    /** Runs until stopped (Ctrl+C). */
    public static class Demo implements QuarkusApplication {
        @Override
        public int run(String... args) {
            String host = System.getProperty("rabbitmq-host");
            if (host != null && System.getProperty("demo.broker", System.getenv().getOrDefault("DEMO_BROKER", ""))
                    .equalsIgnoreCase("embedded")) {
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
