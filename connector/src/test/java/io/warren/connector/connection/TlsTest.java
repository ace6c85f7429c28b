package io.warren.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.smallrye.mutiny.Multi;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.outgoing.OutgoingChannel;
import io.warren.connector.support.LogCapture;
import io.warren.connector.support.TestConfig;
import io.warren.testing.RabbitNode;
import io.warren.testing.TlsFiles;

/**
 * TLS against a real TLS listener: a RabbitMQ node of the test's own whose certificates (a CA, the broker's, the
 * client's) are made at test time. The broker names only {@code localhost} and requires a client certificate.
 */
class TlsTest {

    private static final String STORE_PASSWORD = "store-secret-81";
    private static RabbitNode node;
    private static Path dir;
    private static Path trustStore;
    private static Path otherTrustStore;
    private static Path caPem;
    private static Path keyStore;
    private static final String QUEUE = "tls-test";

    private WarrenConnector connector;
    private LogCapture logs;

    @BeforeAll
    static void startTlsNode() throws Exception {
        dir = Files.createTempDirectory("warren-tls-");
        TlsFiles ca = TlsFiles.newCa(dir, "warren-test-ca");
        TlsFiles.Issued server = ca.issue("broker", List.of("localhost"), List.of());
        keyStore = ca.issue("client", List.of("client"), List.of()).keyStore(STORE_PASSWORD);
        trustStore = ca.trustStore(STORE_PASSWORD);
        caPem = ca.caPem();
        otherTrustStore = TlsFiles.newCa(dir, "someone-else-ca").trustStore(STORE_PASSWORD);
        node = RabbitNode.builder("tls").port("tls")
                .config(n -> "listeners.ssl.1 = 127.0.0.1:" + n.port("tls"))
                .config("ssl_options.cacertfile = " + ca.caPem())
                .config("ssl_options.certfile = " + server.certPem())
                .config("ssl_options.keyfile = " + server.keyPem())
                .config("ssl_options.verify = verify_peer")
                .config("ssl_options.fail_if_no_peer_cert = true")
                .start();
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(node.amqpPort());
        try (Connection c = f.newConnection()) {
            c.createChannel().queueDeclare(QUEUE, true, false, false, null);
        }
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.close();
        }
        RabbitNodeFiles.delete(dir);
    }

    @AfterEach
    void close() {
        if (connector != null) {
            connector.close();
        }
        if (logs != null) {
            logs.close();
        }
    }

    private TestConfig channel(String host) {
        return TestConfig.channel("tls-out").at(host, node.port("tls")).with("ssl", true)
                .with("exchange.name", "\"\"").with("default-routing-key", QUEUE);
    }

    private TestConfig trusted(String host) {
        return channel(host).with("trust-store-path", trustStore).with("trust-store-password", STORE_PASSWORD)
                .with("key-store-path", keyStore).with("key-store-password", STORE_PASSWORD);
    }

    /** Publishes one message; returns the outgoing channel. */
    @SuppressWarnings("unchecked")
    private OutgoingChannel publish(TestConfig config, CompletableFuture<Void> acked) {
        logs = LogCapture.start();
        connector = new WarrenConnector(PayloadCodec.defaultMapper());
        Flow.Subscriber<Message<?>> out = (Flow.Subscriber<Message<?>>) connector.getSubscriber(config.build());
        Multi.createFrom().item(Message.of("over TLS".getBytes(StandardCharsets.UTF_8), () -> {
            acked.complete(null);
            return CompletableFuture.completedFuture(null);
        })).subscribe(out);
        return connector.outgoingChannels().get(0);
    }

    private String refusal(TestConfig config) {
        OutgoingChannel out = publish(config, new CompletableFuture<>());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> out.health().problem() != null && out.health().problem().contains("TLS"));
        String problem = out.health().problem();
        await().atMost(Duration.ofSeconds(5)).until(() -> !logs.containing(problem).isEmpty());
        return problem;
    }

    private int messagesOnNode() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(node.amqpPort());
        try (Connection c = f.newConnection()) {
            Channel ch = c.createChannel();
            int n = ch.queueDeclarePassive(QUEUE).getMessageCount();
            ch.queuePurge(QUEUE);
            return n;
        }
    }

    @Test
    void aTrustedServerPresentingTheClientCertificateWorks() throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        publish(trusted("localhost"), acked);
        acked.get(30, TimeUnit.SECONDS);
        assertThat(messagesOnNode()).isEqualTo(1);
    }

    @Test
    void aPemTrustStoreWorksToo() throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        publish(channel("localhost").with("trust-store-path", caPem).with("key-store-path", keyStore)
                .with("key-store-password", STORE_PASSWORD), acked);
        acked.get(30, TimeUnit.SECONDS);
        assertThat(messagesOnNode()).isEqualTo(1);
    }

    @Test
    void anUntrustedServerIsRefusedNamingTheHostAndTheReason() {
        String problem = refusal(channel("localhost").with("trust-store-path", otherTrustStore)
                .with("trust-store-password", STORE_PASSWORD).with("key-store-path", keyStore)
                .with("key-store-password", STORE_PASSWORD));
        assertThat(problem).contains("TLS handshake with localhost:" + node.port("tls") + " failed")
                .contains("the server's certificate is not trusted");
    }

    @Test
    void aServerWhoseCertificateDoesNotNameTheHostIsRefused() {
        String problem = refusal(trusted("127.0.0.1"));
        assertThat(problem).contains("TLS handshake with 127.0.0.1:" + node.port("tls") + " failed")
                .contains("does not name the host");
    }

    @Test
    void hostnameVerificationCanBeTurnedOff() throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        publish(trusted("127.0.0.1").with("ssl.hostname-verification-algorithm", "NONE"), acked);
        acked.get(30, TimeUnit.SECONDS);
        assertThat(messagesOnNode()).isEqualTo(1);
    }

    @Test
    void aBrokerRequiringAClientCertificateRefusesAClientWithout() {
        String problem = refusal(channel("localhost").with("trust-store-path", trustStore)
                .with("trust-store-password", STORE_PASSWORD));
        assertThat(problem).contains("TLS handshake with localhost:" + node.port("tls") + " failed")
                .contains("refused the client's certificate, or wants one");
    }

    @Test
    void trustAllStillConnectsAndIsWarnedAbout() throws Exception {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        publish(channel("127.0.0.1").with("trust-all", true).with("key-store-path", keyStore)
                .with("key-store-password", STORE_PASSWORD), acked);
        acked.get(30, TimeUnit.SECONDS);
        assertThat(messagesOnNode()).isEqualTo(1);
        assertThat(logs.containing("trusts every server certificate")).isNotEmpty();
    }

    @Test
    void aWrongStorePasswordSaysWhichStoreWithoutThePassword() {
        OutgoingChannel out = publish(channel("localhost").with("trust-store-path", trustStore)
                .with("trust-store-password", "not-the-password"), new CompletableFuture<>());
        await().atMost(Duration.ofSeconds(20)).until(() -> out.health().problem() != null
                && out.health().problem().contains("trust-store-path"));
        assertThat(out.health().problem()).contains("cannot read trust-store-path=" + trustStore)
                .doesNotContain("not-the-password");
        assertThat(logs.containing("not-the-password")).isEmpty();
    }

    /** Deletes the certificates folder. */
    static final class RabbitNodeFiles {
        static void delete(Path dir) {
            if (dir == null) {
                return;
            }
            try (var walk = Files.walk(dir)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (java.io.IOException e) {
                // a temp folder
            }
        }
    }
}
