package io.warren.it;

import java.util.Map;

import io.warren.testing.FaultProxy;

/**
 * {@link WarrenTestResource}, with the app connecting through a {@link FaultProxy} that the test can cut.
 */
public class ProxiedBrokerResource extends WarrenTestResource {

    /** The proxy of the running test; one test class at a time uses it. */
    static volatile FaultProxy proxy;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = super.start();
        proxy = new FaultProxy(HOST, PORT);
        config.put("rabbitmq-host", "127.0.0.1");
        config.put("rabbitmq-port", String.valueOf(proxy.port()));
        // Recover within a second of a cut.
        config.put("mp.messaging.connector.warren.network-recovery-interval", "500");
        return config;
    }

    @Override
    public void stop() {
        if (proxy != null) {
            proxy.close();
        }
        super.stop();
    }
}
