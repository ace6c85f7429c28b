package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Failure strategies that make no sense on a native stream fail the build, with the reason. */
class StreamRulesBuildTest {

    @ApplicationScoped
    public static class Consumers {
        @Incoming("payments")
        public void payments(String s) {
        }

        @Incoming("audit")
        public void audit(String s) {
        }

        @Incoming("ledger")
        public void ledger(String s) {
        }
    }

    private static final String P = "mp.messaging.incoming.";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Consumers.class))
            .overrideConfigKey(P + "payments.stream.protocol", "native")
            .overrideConfigKey(P + "payments.failure-strategy", "requeue")
            .overrideConfigKey(P + "audit.stream.protocol", "native")
            .overrideConfigKey(P + "audit.failure-strategy", "fail")
            .overrideConfigKey(P + "ledger.stream.protocol", "native")
            .overrideConfigKey(P + "ledger.failure-strategy", "dead-letter")
            .overrideConfigKey(P + "ledger.stream.dead-letter-stream", "ledger.dlq")
            .assertException(t -> {
                Failures.assertBuildFailed(t);
                String[] lines = Failures.problemLines(Failures.configurationError(t));
                assertThat(lines).hasSize(2);
                assertThat(lines[0]).startsWith(P + "audit.failure-strategy=fail: fail stops the channel without "
                        + "committing past the failed message");
                assertThat(lines[1]).startsWith(P + "payments.failure-strategy=requeue: a stream never takes a message "
                        + "back").contains("Fix: set " + P + "payments.failure-strategy to retry");
            });

    @Test
    void theBuildFails() {
        fail("the build should have failed");
    }
}
