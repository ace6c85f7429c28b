package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import com.rabbitmq.client.MessageProperties;

import io.quarkus.test.QuarkusDevModeTest;
import io.warren.embedded.EmbeddedBroker;

/**
 * Dev mode as a user without Docker and without a broker lives in it (mode auto, nothing at the local address): the
 * embedded broker starts on a free port of its own, one INFO line names it and says why, no ERROR is logged at the
 * start nor at a live reload, and stopping closes the application's connections before the broker and leaves no
 * broker folder behind.
 */
class DevServicesNoDockerDevModeTest {

    private static final int DEAD_PORT = DevServicesTests.deadPort();
    private static final String NAMES = "nodocker-names";
    private static final String GREETINGS = "nodocker-greetings";
    private static final Pattern STARTED = Pattern.compile("Dev Services for Warren started the embedded broker "
            + "\\(Apache Qpid Broker-J, in memory\\) on 127\\.0\\.0\\.1:(\\d+), because (.*)");
    private static final DevModeLog LOG = new DevModeLog();
    private static Set<Path> foldersBefore;
    private static int brokerPort;

    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(DevModeGreeter.class)
                    .addAsResource(new StringAsset(config()), "application.properties"))
            .setLogRecordPredicate(LOG.collector());

    private static String config() {
        return String.join("\n",
                "quarkus.warren.devservices.local-address=127.0.0.1:" + DEAD_PORT,
                "quarkus.warren.devservices.queues." + NAMES + ".durable=true",
                "quarkus.warren.devservices.queues." + GREETINGS + ".durable=true",
                "mp.messaging.incoming.names.connector=warren",
                "mp.messaging.incoming.names.exchange.name=\"\"",
                "mp.messaging.incoming.names.queue.name=" + NAMES,
                "mp.messaging.outgoing.greetings.connector=warren",
                "mp.messaging.outgoing.greetings.exchange.name=\"\"",
                "mp.messaging.outgoing.greetings.default-routing-key=" + GREETINGS,
                "");
    }

    /** On a machine with a container runtime, mode auto would rightly start a RabbitMQ container instead. */
    @BeforeAll
    static void noContainerRuntimeHere() {
        Assumptions.assumeFalse(ContainerRuntimeHint.present(), "this machine shows signs of a container runtime");
        // The broker folders of other tests' brokers, which may still run in this JVM; the application starts later.
        foldersBefore = DevModeLog.brokerFolders();
    }

    @Test
    void theEmbeddedBrokerIsNamedWithItsReasonAndNothingLooksLikeAFailure() throws Exception {
        List<String> started = LOG.lines(null, "Dev Services for Warren started the embedded broker");
        assertThat(started).hasSize(1);
        Matcher m = STARTED.matcher(started.get(0));
        assertThat(m.matches()).as(started.get(0)).isTrue();
        brokerPort = Integer.parseInt(m.group(1));
        assertThat(brokerPort).as("a free port of its own, not the local address's").isNotEqualTo(DEAD_PORT);
        assertThat(m.group(2)).startsWith("no broker at 127.0.0.1:" + DEAD_PORT + " (")
                .contains("and no working container runtime", "quarkus.warren.devservices.mode=");
        assertThat(LOG.records()).filteredOn(r -> DevModeLog.message(r).startsWith("Dev Services for Warren started"))
                .allMatch(r -> r.getLevel().intValue() == Level.INFO.intValue());

        try (Connection c = DevServicesTests.connect(EmbeddedBroker.HOST, brokerPort)) {
            Channel ch = c.createChannel();
            assertThat(firstAnswer(ch, "ada", "hello ")).isEqualTo("hello ada");
            APP.modifySourceFile(DevModeGreeter.class, source -> source.replace("\"hello \"", "\"welcome \""));
            assertThat(firstAnswer(ch, "bob", "welcome ")).isEqualTo("welcome bob");
            assertThat(c.isOpen()).as("the same broker after the reload").isTrue();
        }
        assertThat(LOG.lines(null, "Restarting quarkus")).as("a live reload happened").isNotEmpty();
        assertThat(LOG.from("org.testcontainers")).as("Testcontainers' Docker lookup").isEmpty();
        assertThat(LOG.atLeast(Level.SEVERE)).as("errors").isEmpty();
    }

    /** Runs once QuarkusDevModeTest has stopped the application. */
    @AfterAll
    static void stoppingClosesTheApplicationBeforeTheBrokerAndCleansUp() {
        if (brokerPort == 0) {
            return; // skipped
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !DevModeLog.listening(EmbeddedBroker.HOST, brokerPort));
        assertThat(LOG.lines(null, "Lost the")).as("connections lost").isEmpty();
        assertThat(LOG.lines(null, "not confirmed")).as("messages not confirmed").isEmpty();
        assertThat(LOG.atLeast(Level.SEVERE)).as("errors").isEmpty();
        Set<Path> left = DevModeLog.brokerFolders();
        left.removeAll(foldersBefore);
        assertThat(left).as("embedded broker folders left behind").isEmpty();
    }

    private static String firstAnswer(Channel ch, String name, String prefix) {
        AtomicReference<String> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).pollInSameThread().until(() -> {
            ch.basicPublish("", NAMES, MessageProperties.TEXT_PLAIN, name.getBytes(StandardCharsets.UTF_8));
            for (GetResponse r = ch.basicGet(GREETINGS, true); r != null; r = ch.basicGet(GREETINGS, true)) {
                String text = new String(r.getBody(), StandardCharsets.UTF_8);
                if (text.startsWith(prefix)) {
                    answer.set(text);
                    return true;
                }
            }
            return false;
        });
        return answer.get();
    }
}
