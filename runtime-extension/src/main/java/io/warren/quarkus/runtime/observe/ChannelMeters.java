package io.warren.quarkus.runtime.observe;

import io.warren.connector.observe.ChannelCounters;
import io.warren.connector.observe.ObservedChannel;

/**
 * Creates a channel's counters registered in a metrics registry. Implemented by the Micrometer support, which is a
 * bean only when the application has Micrometer, so that nothing here loads a Micrometer class.
 */
public interface ChannelMeters {

    /** Whether metrics are on ({@code quarkus.warren.metrics.enabled}). */
    boolean enabled();

    /** The counters of one channel, registered as meters. */
    ChannelCounters register(ObservedChannel channel);
}
