package io.warren.quarkus.deployment;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.warren.quarkus.deployment.devservices.WarrenDevServicesConfig;

/**
 * Build-time configuration of the Warren extension. Channel attributes live under {@code mp.messaging.*}; this is
 * for what the extension itself does. Only the build reads it, so it lives in the deployment module; what the
 * running application needs of it, the processors hand over through recorders.
 */
@ConfigMapping(prefix = "quarkus.warren")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface WarrenConfig {

    /**
     * Whether Warren sets {@code payload-type} on each incoming channel from the signature of the method or the
     * injected stream that consumes it, so that payloads arrive as the type the method takes. A value set by the user
     * always wins. The payload classes are registered for reflection in native images either way.
     */
    @WithDefault("true")
    boolean detectPayloadTypes();

    /**
     * Whether {@code @Incoming} methods of Warren channels that have a synchronous signature
     * ({@code void handle(Order o)}, {@code PricedOrder price(Order o)}) and no {@code @Blocking},
     * {@code @NonBlocking}, {@code @RunOnVirtualThread} or {@code @Transactional} run on the channel's own thread
     * rather than on the worker pool. The channel's thread is not a Vert.x event loop, so blocking code is safe there;
     * messages are handled one at a time, in order, as with {@code @Blocking}, without two thread hops per message.
     * Methods that also consume channels of other connectors, and applications that set
     * {@code quarkus.messaging.blocking-signatures-execution-mode}, keep Quarkus's choice.
     */
    @WithDefault("true")
    boolean runOnChannelThread();

    /**
     * Whether Quarkus captures and clears the propagated contexts (CDI request context, Vert.x context, ...) around
     * every message of a Warren incoming channel, as it does for every connector. A Warren channel emits its
     * messages from a thread of its own that never holds such a context, so by default Warren skips that work, which
     * is about an eighth of the channel thread's time; channels of other connectors are not affected. Set it to
     * {@code true} to keep Quarkus's clearing, for instance if a handler activates a context and leaves it active.
     */
    @WithDefault("false")
    boolean clearContextsPerMessage();

    /** Dev Services: a broker for dev and test mode when none is configured. */
    WarrenDevServicesConfig devservices();

    /** Checks of the channel configuration. */
    Validation validation();

    /** Health checks of the Warren channels, beyond SmallRye's readiness and liveness. */
    Health health();

    /** Health checks of the Warren channels. */
    interface Health {

        /** The startup check. */
        Startup startup();
    }

    /** The startup check of the Warren channels. */
    interface Startup {

        /**
         * Whether {@code /q/health/started} lists every Warren channel and stays DOWN until each has connected to the
         * broker once. Only with {@code quarkus-smallrye-health}.
         */
        @WithDefault("true")
        boolean enabled();
    }

    /** Checks of the channel configuration, at build time and at start-up. */
    interface Validation {

        /**
         * Whether Warren checks the configuration of every Warren channel: attribute names, values, settings that
         * contradict each other, strategies and stores with no bean, and channels that no code uses. The build
         * fails listing every error; the same checks run again at start-up for values known only then, such as
         * environment variables, and fail the start-up. Warnings are logged.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
