package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * Mode auto on a machine where nothing answers at the local address and no container runtime works (this one has
 * no Docker): the embedded broker is started.
 */
class DevServicesAutoFallbackTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = DevServicesTests.app(Pings.channels())
            .overrideConfigKey("quarkus.warren.devservices.local-address", "127.0.0.1:" + DevServicesTests.deadPort());

    @Inject
    Pings pings;

    @ConfigProperty(name = "rabbitmq-port")
    int port;

    @Test
    void withoutBrokerOrContainersTheEmbeddedBrokerIsUsed() throws Exception {
        assertThat(DevServicesTests.product("127.0.0.1", port)).containsIgnoringCase("qpid");
        Pings.roundTrip(pings);
        assertThat(pings.received()).contains("ping");
    }
}
