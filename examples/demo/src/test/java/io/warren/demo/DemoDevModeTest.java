package io.warren.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logmanager.ExtLogRecord;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.MessageProperties;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The demo in dev mode, as {@code mvn quarkus:dev} runs it: orders flow on the embedded broker; editing
 * {@link Pricing} while they flow reloads the application, whose new code prices the next orders on the same broker;
 * and stopping logs no error, no lost connection, and leaves no broker folder behind.
 */
class DemoDevModeTest {

    private static final Pattern STARTED = Pattern.compile(
            "Dev Services for Warren started the embedded broker .* on 127\\.0\\.0\\.1:(\\d+)");
    private static final String KEPT = "demo-devmode-kept";
    /** Every record, including those logged while the application stops (the extension's own list is cleared). */
    private static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static Set<Path> foldersBefore;
    private static int brokerPort;

    static {
        // Pricing lives in src/main/java: that is where the dev-mode test finds the sources it copies and edits.
        System.setProperty("quarkus.test.source-path", Path.of("src/main/java").toAbsolutePath().toString());
    }

    @RegisterExtension
    static final QuarkusDevModeTest APP = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar
                    .addClasses(DemoMain.class, DemoMain.Demo.class, Confirmation.class, DeadLetters.class,
                            Order.class, OrderGenerator.class, Pricing.class, Shipping.class, Stats.class,
                            StockLevel.class, StockQuery.class, StockService.class)
                    .addAsResource(new StringAsset(demoConfig()), "application.properties"))
            .setLogRecordPredicate(r -> RECORDS.add(r));

    /** The demo's own configuration, on the embedded broker whatever runs on the machine, with faster orders. */
    private static String demoConfig() {
        try {
            return Files.readString(Path.of("src/main/resources/application.properties"))
                    .replace("demo.order-interval=1s", "demo.order-interval=300ms")
                    + "\nquarkus.warren.devservices.mode=embedded\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Other tests' brokers may still run in this JVM; the application starts after this, before the test method. */
    @BeforeAll
    static void foldersBeforeTheApplication() {
        foldersBefore = brokerFolders();
    }

    @Test
    void aLiveReloadRunsTheNewCodeOnTheSameBrokerWhileOrdersFlow() throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> !lines("demo.pricing", "ORDER ").isEmpty());
        List<String> started = lines(null, "Dev Services for Warren started the embedded broker");
        assertThat(started).hasSize(1);
        Matcher m = STARTED.matcher(started.get(0));
        assertThat(m.find()).as(started.get(0)).isTrue();
        brokerPort = Integer.parseInt(m.group(1));

        ConnectionFactory f = new ConnectionFactory();
        f.setHost("127.0.0.1");
        f.setPort(brokerPort);
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection("demo-devmode-test")) {
            Channel ch = c.createChannel();
            ch.queueDeclare(KEPT, true, false, false, null);
            ch.basicPublish("", KEPT, MessageProperties.PERSISTENT_TEXT_PLAIN,
                    "from before the reload".getBytes(StandardCharsets.UTF_8));

            APP.modifySourceFile(Pricing.class, source -> source.replace("-> priced %s EUR", "-> priced anew %s EUR"));
            // Quarkus Messaging looks for changed sources when a message arrives; an order comes every 300 ms.
            await().atMost(Duration.ofSeconds(60)).until(() -> !lines("demo.pricing", "-> priced anew").isEmpty());
            int reloadedAt = RECORDS.size();
            await().atMost(Duration.ofSeconds(30)).until(() -> RECORDS.stream().skip(reloadedAt)
                    .anyMatch(r -> r.getLoggerName().equals("demo.shipping")));

            assertThat(lines(null, "Restarting quarkus due to changes in Pricing")).isNotEmpty();
            assertThat(lines(null, "Dev Services for Warren started the embedded broker")).as("one broker")
                    .hasSize(1);
            assertThat(c.isOpen()).as("a connection to the broker, opened before the reload").isTrue();
            assertThat(ch.queueDeclarePassive(KEPT).getMessageCount()).as("a message kept in memory").isEqualTo(1);
            ch.queueDelete(KEPT);
        }
    }

    /** Runs once QuarkusDevModeTest has stopped the application (after each test method). */
    @AfterAll
    static void stoppingIsQuietAndCleansUp() {
        System.clearProperty("quarkus.test.source-path");
        assertThat(brokerPort).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> !listening(brokerPort));
        assertThat(RECORDS.stream().filter(r -> r.getLevel().intValue() >= Level.SEVERE.intValue())
                .filter(r -> !r.getLoggerName().equals("demo.dead-letters")).map(DemoDevModeTest::describe))
                .as("errors other than the demo's dead letters").isEmpty();
        assertThat(lines(null, "Lost the")).as("lost connections").isEmpty();
        assertThat(lines(null, "not confirmed")).as("unconfirmed messages").isEmpty();
        assertThat(lines(null, "warren-demo stopped")).as("the application stopped: after the reload, and at the end")
                .hasSize(2);
        Set<Path> left = brokerFolders();
        left.removeAll(foldersBefore);
        assertThat(left).as("embedded broker folders left behind").isEmpty();
    }

    private static List<String> lines(String logger, String part) {
        return RECORDS.stream().filter(r -> logger == null || logger.equals(r.getLoggerName()))
                .map(DemoDevModeTest::message).filter(s -> s.contains(part)).toList();
    }

    private static String message(LogRecord r) {
        String text = r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage();
        return text == null ? "" : text;
    }

    private static String describe(LogRecord r) {
        return r.getLevel() + " [" + r.getLoggerName() + "] " + message(r);
    }

    /** The work folders of this JVM's embedded brokers (other builds on the machine have theirs in the temp folder). */
    private static Set<Path> brokerFolders() {
        String self = String.valueOf(ProcessHandle.current().pid());
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("warren-embedded-broker"))
                    .filter(p -> self.equals(owner(p))).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String owner(Path folder) {
        try {
            return Files.readString(folder.resolve("owner.pid")).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
