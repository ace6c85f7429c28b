package io.warren.connector.support;

import java.util.HashMap;
import java.util.Map;

import org.eclipse.microprofile.config.Config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** Builds the per-channel configuration SmallRye hands to a connector. */
public final class TestConfig {

    private final Map<String, String> values = new HashMap<>();

    private TestConfig(String channel) {
        values.put("channel-name", channel);
        values.put("connector", "warren");
        values.put("host", Broker.HOST);
        values.put("port", String.valueOf(Broker.PORT));
        values.put("network-recovery-interval", "500");
    }

    public static TestConfig channel(String channel) {
        return new TestConfig(channel);
    }

    /** Points the channel at another broker than the machine's RabbitMQ. */
    public TestConfig at(String host, int port) {
        return with("host", host).with("port", port);
    }

    public TestConfig with(String key, Object value) {
        values.put(key, String.valueOf(value));
        return this;
    }

    public Config build() {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(values, "test", 500)).build();
    }
}
