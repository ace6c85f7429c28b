package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Mode local with nothing at the local address fails the start with the reason, instead of running brokerless. */
class DevServicesLocalModeFailsTest {

    static final int DEAD = DevServicesTests.deadPort();

    @RegisterExtension
    static final QuarkusUnitTest APP = DevServicesTests.app(Pings.channels())
            .overrideConfigKey("quarkus.warren.devservices.mode", "local")
            .overrideConfigKey("quarkus.warren.devservices.local-address", "127.0.0.1:" + DEAD)
            .assertException(e -> {
                Throwable t = e;
                while (t.getCause() != null && !t.getMessage().contains("Dev Services for Warren")) {
                    t = t.getCause();
                }
                assertThat(t.getMessage()).contains("Dev Services for Warren: quarkus.warren.devservices.mode is "
                        + "local, but no broker answers at 127.0.0.1:" + DEAD)
                        .contains("Start one, or use mode auto or embedded");
            });

    @Test
    void theStartFails() {
        // assertException above checks the failure
    }
}
