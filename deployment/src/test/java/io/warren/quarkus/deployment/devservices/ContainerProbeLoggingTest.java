package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.Logger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The quieting of Testcontainers' Docker lookup as a plain function (the dev-mode tests check the log itself). */
class ContainerProbeLoggingTest {

    private final Logger strategy = Logger.getLogger(ContainerProbeLogging.STRATEGY);
    private final Logger testcontainers = Logger.getLogger(ContainerProbeLogging.TESTCONTAINERS);
    private final Level strategyBefore = strategy.getLevel();
    private final Level testcontainersBefore = testcontainers.getLevel();

    @AfterEach
    void restore() {
        strategy.setLevel(strategyBefore);
        testcontainers.setLevel(testcontainersBefore);
    }

    @Test
    void withASignOfAContainerRuntimeNothingChanges() {
        strategy.setLevel(null);
        testcontainers.setLevel(null);
        assertThat(ContainerProbeLogging.quietWhen(false)).isFalse();
        assertThat(strategy.getLevel()).isNull();
        assertThat(testcontainers.getLevel()).isNull();
    }

    @Test
    void withoutOneTheLookupsErrorAndInfoLinesAreLeftOut() {
        strategy.setLevel(null);
        testcontainers.setLevel(null);
        assertThat(ContainerProbeLogging.quietWhen(true)).isTrue();
        assertThat(strategy.isLoggable(Level.SEVERE)).isFalse();
        assertThat(testcontainers.isLoggable(Level.INFO)).isFalse();
        assertThat(testcontainers.isLoggable(Level.WARNING)).isTrue();
    }

    @Test
    void aLevelTheApplicationSetIsKept() {
        strategy.setLevel(Level.ALL);
        testcontainers.setLevel(Level.FINE);
        ContainerProbeLogging.quietWhen(true);
        assertThat(strategy.getLevel()).isEqualTo(Level.ALL);
        assertThat(testcontainers.getLevel()).isEqualTo(Level.FINE);
    }
}
