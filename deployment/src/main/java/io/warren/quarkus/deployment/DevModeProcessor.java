package io.warren.quarkus.deployment;

import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;

/** Defaults that make dev mode pleasant. They are defaults: any value the user sets, at any level, wins. */
class DevModeProcessor {

    /**
     * A message that triggers a live reload is held by Quarkus and never completes, so an incoming channel would
     * wait its whole {@code shutdown-timeout} (10 s) before the old application stops. In dev mode one second is
     * enough for the rest; the broker redelivers the held message to the new code.
     */
    @BuildStep(onlyIf = IsDevelopment.class)
    RunTimeConfigurationDefaultBuildItem devModeShutdownTimeout() {
        return new RunTimeConfigurationDefaultBuildItem("mp.messaging.connector.warren.shutdown-timeout", "1000");
    }
}
