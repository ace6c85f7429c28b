package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.warren.quarkus.deployment.devservices.BrokerSelection.Choice;
import io.warren.quarkus.deployment.devservices.BrokerSelection.Kind;
import io.warren.quarkus.deployment.devservices.BrokerSelection.LocalBroker;
import io.warren.quarkus.deployment.devservices.BrokerSelection.Request;
import io.warren.quarkus.deployment.devservices.WarrenDevServicesConfig.Mode;

class BrokerSelectionTest {

    private static final String AT = "localhost:5672";

    /** Canned probe answers that record which probes ran. */
    private static final class FakeProbes implements BrokerSelection.Probes {
        final List<String> calls = new ArrayList<>();
        final LocalBroker local;
        final boolean containers;

        FakeProbes(LocalBroker local, boolean containers) {
            this.local = local;
            this.containers = containers;
        }

        @Override
        public LocalBroker localBroker() {
            calls.add("local");
            return local;
        }

        @Override
        public boolean containerRuntimeWorks() {
            calls.add("containers");
            return containers;
        }
    }

    private static final LocalBroker RABBIT = LocalBroker.found("RabbitMQ", false);
    private static final LocalBroker NOTHING = LocalBroker.none("Connection refused");

    private static Choice select(Mode mode, FakeProbes probes) {
        return BrokerSelection.select(new Request(true, mode, Optional.empty(), AT), probes);
    }

    @Test
    void autoReusesARunningBrokerAndProbesNothingElse() {
        FakeProbes probes = new FakeProbes(RABBIT, true);
        Choice c = select(Mode.AUTO, probes);
        assertThat(c.kind()).isEqualTo(Kind.LOCAL);
        assertThat(c.reason()).isEqualTo("RabbitMQ answers at localhost:5672");
        assertThat(probes.calls).containsExactly("local");
    }

    @Test
    void autoStartsAContainerWhenNothingAnswersAndARuntimeWorks() {
        FakeProbes probes = new FakeProbes(NOTHING, true);
        Choice c = select(Mode.AUTO, probes);
        assertThat(c.kind()).isEqualTo(Kind.CONTAINER);
        assertThat(c.reason()).contains("no broker at localhost:5672 (Connection refused)", "a container runtime works");
        assertThat(probes.calls).containsExactly("local", "containers");
    }

    @Test
    void autoFallsBackToTheEmbeddedBrokerWithoutBrokerAndWithoutContainers() {
        FakeProbes probes = new FakeProbes(LocalBroker.none("it refused the user 'guest'"), false);
        Choice c = select(Mode.AUTO, probes);
        assertThat(c.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(c.reason()).isEqualTo("no broker at localhost:5672 (it refused the user 'guest') and no working "
                + "container runtime");
    }

    @Test
    void afterADevModeRestartItsOwnEmbeddedBrokerIsKeptNotReusedAsLocal() {
        FakeProbes probes = new FakeProbes(LocalBroker.found("qpid", true), true);
        Choice c = select(Mode.AUTO, probes);
        assertThat(c.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(c.reason()).contains("started earlier by this application");
        assertThat(probes.calls).containsExactly("local");
    }

    @Test
    void anotherApplicationsEmbeddedBrokerIsReusedAsLocal() {
        Choice c = select(Mode.AUTO, new FakeProbes(LocalBroker.found("qpid", false), false));
        assertThat(c.kind()).isEqualTo(Kind.LOCAL);
        assertThat(c.reason()).isEqualTo("qpid answers at localhost:5672");
    }

    @Test
    void embeddedModeProbesNothing() {
        FakeProbes probes = new FakeProbes(RABBIT, true);
        Choice c = select(Mode.EMBEDDED, probes);
        assertThat(c.kind()).isEqualTo(Kind.EMBEDDED);
        assertThat(probes.calls).isEmpty();
    }

    @Test
    void localModeFailsWithTheReasonWhenNothingAnswers() {
        FakeProbes probes = new FakeProbes(NOTHING, true);
        Choice c = select(Mode.LOCAL, probes);
        assertThat(c.kind()).isEqualTo(Kind.FAILED);
        assertThat(c.reason()).isEqualTo("quarkus.warren.devservices.mode is local, but no broker answers at "
                + "localhost:5672 (Connection refused). Start one, or use mode auto or embedded");
        assertThat(probes.calls).containsExactly("local");
    }

    @Test
    void localModeReusesTheRunningBroker() {
        assertThat(select(Mode.LOCAL, new FakeProbes(RABBIT, false)).kind()).isEqualTo(Kind.LOCAL);
    }

    @Test
    void containerModeNeedsAWorkingRuntimeAndNeverProbesLocally() {
        FakeProbes without = new FakeProbes(RABBIT, false);
        Choice failed = select(Mode.CONTAINER, without);
        assertThat(failed.kind()).isEqualTo(Kind.FAILED);
        assertThat(failed.reason()).contains("mode is container, but no container runtime works");
        assertThat(without.calls).containsExactly("containers");
        assertThat(select(Mode.CONTAINER, new FakeProbes(RABBIT, true)).kind()).isEqualTo(Kind.CONTAINER);
    }

    @Test
    void disabledOrConfiguredMeansNothingIsStartedOrProbed() {
        FakeProbes probes = new FakeProbes(RABBIT, true);
        Choice disabled = BrokerSelection.select(new Request(false, Mode.EMBEDDED, Optional.empty(), AT), probes);
        assertThat(disabled).isEqualTo(new Choice(Kind.NONE, "quarkus.warren.devservices.enabled is false"));
        Choice configured = BrokerSelection.select(new Request(true, Mode.AUTO, Optional.of("rabbitmq-host is set"),
                AT), probes);
        assertThat(configured).isEqualTo(new Choice(Kind.NONE, "rabbitmq-host is set"));
        assertThat(probes.calls).isEmpty();
    }
}
