package io.warren.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.outgoing.OutgoingChannel;
import io.warren.connector.support.Broker;
import io.warren.connector.support.LogCapture;
import io.warren.connector.support.TestConfig;

/**
 * The failure scenarios that involve a password, run with a known one: it appears in no log line, no exception
 * message and no health reason.
 */
class SecretsNeverPrintedTest {

    private static final String SECRET = "Kn0wn-S3cret-7731";
    private final LogCapture logs = LogCapture.start();
    private final List<String> printed = new ArrayList<>();
    private final List<WarrenConnector> connectors = new ArrayList<>();

    @AfterEach
    void close() {
        connectors.forEach(WarrenConnector::close);
        logs.close();
    }

    private WarrenConnector connector() {
        WarrenConnector c = new WarrenConnector(PayloadCodec.defaultMapper());
        connectors.add(c);
        return c;
    }

    private void expectFailure(Supplier<Object> creation) {
        try {
            creation.get();
            throw new AssertionError("the channel was created");
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                printed.add(String.valueOf(t));
                if (t.getCause() == t) {
                    break;
                }
            }
        }
    }

    private String problemOf(TestConfig config, String expected) {
        WarrenConnector c = connector();
        c.getSubscriber(config.build());
        OutgoingChannel out = c.outgoingChannels().get(0);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> out.health().problem() != null && out.health().problem().contains(expected));
        printed.add(out.health().problem());
        return out.health().problem();
    }

    @Test
    void noFailureScenarioPrintsThePassword() {
        // A misspelt password attribute, a URI with credentials in addresses, a trust store password: the report.
        expectFailure(() -> connector().getSubscriber(TestConfig.channel("typo").with("pasword", SECRET)
                .with("trust-store-password", SECRET).with("addresses", "amqp://guest:" + SECRET + "@rabbit:5672")
                .build()));
        assertThat(printed.get(0)).contains("pasword=***").contains("amqp://***@rabbit");
        // The same URI with validation off: amqp-client's own error quoted it.
        expectFailure(() -> connector().getSubscriber(TestConfig.channel("uri").with("validation", false)
                .with("addresses", "amqp://guest:" + SECRET + "@rabbit:5672").build()));
        // A wrong password against the real broker.
        assertThat(problemOf(TestConfig.channel("wrong-password").with("password", SECRET)
                .with("exchange.name", "\"\""), "authentication failed")).contains("user 'guest'");
        // A key store that cannot be read, with its password.
        assertThat(problemOf(TestConfig.channel("bad-store").with("ssl", true)
                .with("key-store-path", "/nonexistent/client.p12").with("key-store-password", SECRET)
                .with("exchange.name", "\"\""), "key-store-path")).contains("no such file");

        printed.addAll(logs.lines());
        assertThat(printed).isNotEmpty().noneMatch(line -> line.contains(SECRET));
        assertThat(logs.containing("authentication failed")).isNotEmpty();
    }
}
