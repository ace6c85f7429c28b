package io.warren.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Run-time configuration of the Warren extension. */
@ConfigMapping(prefix = "quarkus.warren")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface WarrenRuntimeConfig {

    /** Metrics of the Warren channels. */
    Metrics metrics();

    /** Metrics of the Warren channels. */
    interface Metrics {

        /**
         * Whether Warren registers its metrics (counters, timers and gauges per channel, see the README) in the
         * application's Micrometer registry. Only applies when the application has a Micrometer extension, such as
         * {@code quarkus-micrometer-registry-prometheus}; without one Warren registers nothing and counts nothing.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
