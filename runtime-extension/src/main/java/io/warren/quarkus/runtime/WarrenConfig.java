package io.warren.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Build-time configuration of the Warren extension. Channel attributes live under {@code mp.messaging.*}; this is
 * for what the extension itself does.
 */
@ConfigMapping(prefix = "quarkus.warren")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface WarrenConfig {

    /**
     * Whether Warren sets {@code payload-type} on each incoming channel from the signature of the method that
     * consumes it, so that payloads arrive as the type the method takes. A value set by the user always wins.
     */
    @WithDefault("true")
    boolean detectPayloadTypes();

    /** Dev Services: a broker for dev and test mode when none is configured. */
    WarrenDevServicesConfig devservices();
}
