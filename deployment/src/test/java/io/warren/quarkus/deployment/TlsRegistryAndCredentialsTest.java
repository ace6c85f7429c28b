package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.credentials.CredentialsProvider;
import io.quarkus.test.QuarkusUnitTest;
import io.warren.testing.RabbitNode;
import io.warren.testing.TlsFiles;

/**
 * {@code tls-configuration-name} takes the trust store and the client's key store from the Quarkus TLS registry,
 * and {@code credentials-provider-name} the user and password from a {@code CredentialsProvider} bean, against a
 * node of the test's own with a TLS listener that requires a client certificate.
 */
class TlsRegistryAndCredentialsTest {

    static final String QUEUE = "tls-registry";
    // The class is loaded twice (by JUnit, then by the application): the node is started once, and found through
    // system properties; RabbitNode's shutdown hook stops it when the tests' JVM exits.
    static final Map<String, String> NODE = TlsNodeHolder.get();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Sender.class, Vault.class))
            .overrideConfigKey("quarkus.tls.rabbit.trust-store.p12.path", NODE.get("trust"))
            .overrideConfigKey("quarkus.tls.rabbit.trust-store.p12.password", NODE.get("password"))
            .overrideConfigKey("quarkus.tls.rabbit.key-store.p12.path", NODE.get("key"))
            .overrideConfigKey("quarkus.tls.rabbit.key-store.p12.password", NODE.get("password"))
            .overrideConfigKey("mp.messaging.outgoing.secure.connector", "warren")
            .overrideConfigKey("mp.messaging.outgoing.secure.host", "localhost")
            .overrideConfigKey("mp.messaging.outgoing.secure.port", NODE.get("port"))
            .overrideConfigKey("mp.messaging.outgoing.secure.tls-configuration-name", "rabbit")
            .overrideConfigKey("mp.messaging.outgoing.secure.credentials-provider-name", "rabbit-user")
            .overrideConfigKey("mp.messaging.outgoing.secure.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.outgoing.secure.default-routing-key", QUEUE);

    @ApplicationScoped
    public static class Sender {
        @Inject
        @Channel("secure")
        Emitter<String> out;

        java.util.concurrent.CompletionStage<Void> send(String s) {
            return out.send(s);
        }
    }

    @ApplicationScoped
    @Named("vault")
    public static class Vault implements CredentialsProvider {
        static final AtomicInteger ASKED = new AtomicInteger();

        @Override
        public Map<String, String> getCredentials(String name) {
            if (name.equals("rabbit-user")) {
                ASKED.incrementAndGet();
                return Map.of(USER_PROPERTY_NAME, "guest", PASSWORD_PROPERTY_NAME, "guest");
            }
            return Map.of();
        }
    }

    @Inject
    Sender sender;

    @Test
    void sendsOverTlsFromTheRegistryWithCredentialsFromTheProvider() throws Exception {
        sender.send("over TLS from the registry").toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
        ConnectionFactory f = new ConnectionFactory();
        f.setPort(Integer.parseInt(NODE.get("amqp")));
        try (Connection c = f.newConnection()) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> c.createChannel().queueDeclarePassive(QUEUE).getMessageCount() == 1);
        }
        assertThat(Vault.ASKED.get()).isPositive();
    }

    /** Starts the TLS node once per JVM. */
    static final class TlsNodeHolder {
        static synchronized Map<String, String> get() {
            if (System.getProperty("warren.tls-registry.port") == null) {
                try {
                    Path dir = Files.createTempDirectory("warren-tls-registry-");
                    TlsFiles ca = TlsFiles.newCa(dir, "registry-test-ca");
                    TlsFiles.Issued server = ca.issue("broker", List.of("localhost"), List.of());
                    String password = "registry-store-pw";
                    System.setProperty("warren.tls-registry.trust", ca.trustStore(password).toString());
                    System.setProperty("warren.tls-registry.key",
                            ca.issue("app", List.of("app"), List.of()).keyStore(password).toString());
                    System.setProperty("warren.tls-registry.password", password);
                    RabbitNode node = RabbitNode.builder("tls-registry").port("tls")
                            .config(n -> "listeners.ssl.1 = 127.0.0.1:" + n.port("tls"))
                            .config("ssl_options.cacertfile = " + ca.caPem())
                            .config("ssl_options.certfile = " + server.certPem())
                            .config("ssl_options.keyfile = " + server.keyPem())
                            .config("ssl_options.verify = verify_peer")
                            .config("ssl_options.fail_if_no_peer_cert = true").start();
                    ConnectionFactory f = new ConnectionFactory();
                    f.setPort(node.amqpPort());
                    try (Connection c = f.newConnection()) {
                        c.createChannel().queueDeclare(QUEUE, true, false, false, null);
                    }
                    System.setProperty("warren.tls-registry.amqp", String.valueOf(node.amqpPort()));
                    System.setProperty("warren.tls-registry.port", String.valueOf(node.port("tls")));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return Map.of("port", System.getProperty("warren.tls-registry.port"),
                    "amqp", System.getProperty("warren.tls-registry.amqp"),
                    "trust", System.getProperty("warren.tls-registry.trust"),
                    "key", System.getProperty("warren.tls-registry.key"),
                    "password", System.getProperty("warren.tls-registry.password"));
        }
    }
}
