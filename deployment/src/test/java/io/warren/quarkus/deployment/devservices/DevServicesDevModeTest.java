package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
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
 * Dev mode on the embedded broker: the application gets a broker and messages flow through its Warren channels; a
 * live reload runs the new code on the same broker (its connections, queues and messages survive); the broker stops
 * with the application.
 */
class DevServicesDevModeTest {

    /** Fixed, so that the test knows where the broker is and can check after the application stopped. */
    private static final int PORT = DevServicesTests.deadPort();
    private static final String NAMES = "devmode-names";
    private static final String GREETINGS = "devmode-greetings";
    private static final String KEPT = "devmode-kept";
    private static final DevModeLog LOG = new DevModeLog();
    private static Set<Path> foldersBefore;

    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClass(DevModeGreeter.class)
                    .addAsResource(new StringAsset(config()), "application.properties"))
            .setLogRecordPredicate(LOG.collector());

    private static String config() {
        return String.join("\n",
                "quarkus.warren.devservices.mode=embedded",
                "quarkus.warren.devservices.port=" + PORT,
                // Declared when the broker starts, so that the test can publish and read before the channels are up.
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

    /** Other tests' brokers may still run in this JVM; the application starts after this, before the test method. */
    @BeforeAll
    static void foldersBeforeTheApplication() {
        foldersBefore = DevModeLog.brokerFolders();
    }

    @Test
    void messagesFlowAndALiveReloadKeepsTheBroker() throws Exception {
        try (Connection c = DevServicesTests.connect(EmbeddedBroker.HOST, PORT)) {
            assertThat(c.getServerProperties().get("product").toString()).containsIgnoringCase("qpid");
            Channel ch = c.createChannel();
            // The embedded broker keeps everything in memory: one started anew would close this connection and lose
            // this queue.
            ch.queueDeclare(KEPT, true, false, false, null);
            ch.basicPublish("", KEPT, MessageProperties.PERSISTENT_TEXT_PLAIN, bytes("from before the reload"));

            assertThat(firstAnswer(ch, "ada", "hello ")).isEqualTo("hello ada");
            // In dev mode Warren shortens the wait for in-flight messages, so that a reload does not stall 10 s on
            // the message Quarkus holds while it restarts.
            assertThat(firstAnswer(ch, "?shutdown-timeout", "timeout ")).isEqualTo("timeout 1000");

            APP.modifySourceFile(DevModeGreeter.class, source -> source.replace("\"hello \"", "\"welcome \""));
            // Quarkus Messaging looks for changed sources when a message arrives (at most every 2 s) and restarts
            // the application then; the answers to the first messages may still come from the old code.
            assertThat(firstAnswer(ch, "bob", "welcome ")).isEqualTo("welcome bob");

            assertThat(c.isOpen()).as("a connection opened before the reload").isTrue();
            assertThat(ch.queueDeclarePassive(KEPT).getMessageCount()).isEqualTo(1);
            assertThat(text(ch.basicGet(KEPT, true))).isEqualTo("from before the reload");
            ch.queueDelete(KEPT);
        }
        assertThat(LOG.lines(null, "Dev Services for Warren started the embedded broker (Apache Qpid Broker-J, in memory) on "
                + "127.0.0.1:" + PORT + ", because quarkus.warren.devservices.mode is embedded"))
                .as("embedded broker starts, on the configured port").hasSize(1);
    }

    /** Runs after QuarkusDevModeTest has stopped the application (it does so after each test method). */
    @AfterAll
    static void theBrokerStopsAfterTheApplicationAndLeavesNothingBehind() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(listening(PORT)).as("something listens on port %d", PORT).isFalse());
        // The application closed its connections first: none was lost under it.
        assertThat(LOG.lines(null, "Lost the")).as("connections lost").isEmpty();
        assertThat(LOG.lines(null, "not confirmed")).as("messages not confirmed").isEmpty();
        Set<Path> left = DevModeLog.brokerFolders();
        left.removeAll(foldersBefore);
        assertThat(left).as("embedded broker folders left behind").isEmpty();
    }

    /** Publishes {@code name} until an answer that starts with {@code prefix} comes back, and returns that answer. */
    private static String firstAnswer(Channel ch, String name, String prefix) {
        AtomicReference<String> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).pollInSameThread().until(() -> {
            ch.basicPublish("", NAMES, MessageProperties.TEXT_PLAIN, bytes(name));
            for (GetResponse r = ch.basicGet(GREETINGS, true); r != null; r = ch.basicGet(GREETINGS, true)) {
                if (text(r).startsWith(prefix)) {
                    answer.set(text(r));
                    return true;
                }
            }
            return false;
        });
        return answer.get();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(EmbeddedBroker.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(GetResponse r) {
        return new String(r.getBody(), StandardCharsets.UTF_8);
    }
}
