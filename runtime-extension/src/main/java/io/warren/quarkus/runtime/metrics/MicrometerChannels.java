package io.warren.quarkus.runtime.metrics;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.micrometer.core.instrument.MeterRegistry;
import io.warren.connector.observe.ChannelCounters;
import io.warren.connector.observe.ObservedChannel;
import io.warren.quarkus.runtime.WarrenRuntimeConfig;
import io.warren.quarkus.runtime.observe.ChannelMeters;

/** Registers each Warren channel's meters in the application's Micrometer registry. A bean only with Micrometer. */
@Singleton
public class MicrometerChannels implements ChannelMeters {

    private final MeterRegistry registry;
    private final boolean enabled;

    @Inject
    public MicrometerChannels(MeterRegistry registry, WarrenRuntimeConfig config) {
        this.registry = registry;
        this.enabled = config.metrics().enabled();
    }

    @Override
    public boolean enabled() {
        return enabled;
    }

    @Override
    public ChannelCounters register(ObservedChannel channel) {
        return new MeteredChannel(channel, registry);
    }
}
