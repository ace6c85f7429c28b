package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.warren.embedded.EmbeddedBroker;

/**
 * On the embedded broker, the two warnings that speak of a message rejected with the reject strategy (the broker's
 * list of what it does not support, and the channel's list of ignored settings) say the same, and say what Qpid does
 * with a message nacked without requeue, as the embedded-broker module's EmbeddedBrokerTest checks: it stays in its
 * queue, held back from the consumer that rejected it. No warning says such messages are dropped.
 */
class EmbeddedBrokerWarningsTest {

    private static final String HELD_BACK = "stays in its queue, held back from the consumer that rejected it";

    @RegisterExtension
    static final QuarkusUnitTest APP = DevServicesTests.app(channels())
            .overrideConfigKey("quarkus.warren.devservices.mode", "embedded")
            .setLogRecordPredicate(r -> r.getLevel().intValue() >= Level.WARNING.intValue())
            .assertLogRecords(EmbeddedBrokerWarningsTest::warningsAgree);

    @Inject
    Pings pings;

    private static Map<String, String> channels() {
        Map<String, String> config = new HashMap<>(Pings.channels());
        config.put("mp.messaging.incoming.pings-in.auto-bind-dlq", "true");
        return config;
    }

    @Test
    void theChannelsWorkOnTheEmbeddedBroker() {
        Pings.roundTrip(pings); // both channels are up: their warnings have been logged
        assertThat(pings.received()).contains("ping");
    }

    /** Run by QuarkusUnitTest once the application has stopped, with every warning it logged. */
    private static void warningsAgree(List<LogRecord> records) {
        List<String> warnings = records.stream().map(DevModeLog::message).toList();
        assertThat(EmbeddedBroker.REJECT_KEEPS).contains(HELD_BACK);
        assertThat(warnings).filteredOn(w -> w.startsWith("The embedded broker is not RabbitMQ")).singleElement()
                .asString().contains(EmbeddedBroker.REJECT_KEEPS);
        assertThat(warnings).filteredOn(w -> w.contains("broker-side dead-lettering of auto-bind-dlq")).singleElement()
                .asString().contains("a message rejected with failure-strategy=reject " + HELD_BACK);
        assertThat(warnings).noneMatch(w -> w.contains("dropped"));
    }
}
