package io.warren.quarkus.deployment;

import java.util.Map;
import java.util.TreeMap;

import io.quarkus.deployment.IsDevelopment;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;

/** Defaults that make dev mode pleasant. They are defaults: any value the user sets, at any level, wins. */
class DevModeProcessor {

    /**
     * A message that triggers a live reload is held by Quarkus and never completes, so an incoming channel would
     * wait its whole {@code shutdown-timeout} (10 s) before the old application stops. In dev mode one second is
     * enough for the rest; the broker redelivers the held message to the new code.
     */
    static final Map<String, String> DEFAULTS = new TreeMap<>(
            Map.of("mp.messaging.connector.warren.shutdown-timeout", "1000"));

    @BuildStep(onlyIf = IsDevelopment.class)
    void devModeDefaults(BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        DEFAULTS.forEach((k, v) -> defaults.produce(new RunTimeConfigurationDefaultBuildItem(k, v)));
    }
}
