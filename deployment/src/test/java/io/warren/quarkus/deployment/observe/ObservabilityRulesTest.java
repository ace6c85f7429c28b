package io.warren.quarkus.deployment.observe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.warren.quarkus.deployment.ObservabilityRules;
import io.warren.quarkus.runtime.metrics.MicrometerChannels;
import io.warren.quarkus.runtime.observe.WarrenChannels;
import io.warren.quarkus.runtime.tracing.WarrenTracing;

/** The build-time rules of observation, as plain functions (the QuarkusUnitTests next to this check them built). */
class ObservabilityRulesTest {

    @Test
    void micrometerAndOpenTelemetryBeansOnlyWithTheirExtensions() {
        assertThat(ObservabilityRules.beans(false, false)).containsExactly(WarrenChannels.class.getName());
        assertThat(ObservabilityRules.beans(true, false)).containsExactly(WarrenChannels.class.getName(),
                MicrometerChannels.class.getName());
        assertThat(ObservabilityRules.beans(false, true)).containsExactly(WarrenChannels.class.getName(),
                WarrenTracing.class.getName());
    }

    @Test
    void connectionStateIsKeptOnlyWhenSomethingReadsIt() {
        assertThat(ObservabilityRules.statusNeeded(true, true, false)).isTrue();
        assertThat(ObservabilityRules.statusNeeded(true, false, false)).isFalse();
        assertThat(ObservabilityRules.statusNeeded(false, true, false)).isFalse();
        assertThat(ObservabilityRules.statusNeeded(false, false, true)).isTrue();
    }
}
