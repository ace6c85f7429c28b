package io.warren.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;

import io.warren.quarkus.runtime.metrics.MicrometerChannels;
import io.warren.quarkus.runtime.observe.WarrenChannels;
import io.warren.quarkus.runtime.tracing.WarrenTracing;

/** The build-time rules of observation, as plain functions (see {@link ObservabilityProcessor}). */
public final class ObservabilityRules {

    private ObservabilityRules() {
    }

    /**
     * The observation beans for what the application has: the channel registry always, the Micrometer meters with
     * Micrometer, the tracing with OpenTelemetry. Classes of an extension the application lacks are never loaded.
     */
    public static List<String> beans(boolean micrometer, boolean openTelemetry) {
        List<String> beans = new ArrayList<>();
        beans.add(WarrenChannels.class.getName());
        if (micrometer) {
            beans.add(MicrometerChannels.class.getName());
        }
        if (openTelemetry) {
            beans.add(WarrenTracing.class.getName());
        }
        return beans;
    }

    /** Whether anything reads the channels' connection state: the startup check, or the Dev UI in dev mode. */
    public static boolean statusNeeded(boolean health, boolean startupCheckEnabled, boolean devMode) {
        return (health && startupCheckEnabled) || devMode;
    }

}
