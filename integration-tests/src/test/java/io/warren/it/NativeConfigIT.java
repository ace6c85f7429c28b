package io.warren.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks the native-image configuration Quarkus generates for this app (built with
 * {@code quarkus.native.sources-only=true}, so without GraalVM): the payload classes Warren found in the code are
 * registered for reflection, with the classes Jackson reaches from them, and so are Warren's own needs (the
 * client's resources, run-time initialised classes, TLS).
 */
class NativeConfigIT {

    private static Path sources;
    private static JsonNode reflection;
    private static String resources;
    private static String args;
    private static byte[] feature;

    @BeforeAll
    static void readTheGeneratedConfiguration() throws IOException {
        sources = Path.of(System.getProperty("warren.native-sources", "target/native-check/native-sources"));
        assertThat(sources.resolve("native-image.args")).as("run mvn package first").exists();
        args = Files.readString(sources.resolve("native-image.args"), StandardCharsets.UTF_8);
        try (JarFile runner = new JarFile(runnerJar().toFile())) {
            reflection = new ObjectMapper().readTree(read(runner, "META-INF/native-image/reflect-config.json"));
            resources = new String(read(runner, "META-INF/native-image/resource-config.json"), StandardCharsets.UTF_8);
            feature = read(runner, "io/quarkus/runner/Feature.class");
        }
    }

    @Test
    void payloadClassesAndWhatJacksonReachesAreRegisteredForReflection() {
        List<String> registered = new ArrayList<>();
        reflection.forEach(e -> registered.add(e.get("name").asText()));
        // Heartbeat only travels through messaging (an @Outgoing Multi and an @Incoming method); Quote is a
        // request-reply emitter's reply type and an @Outgoing return type; QuoteRequest is what the emitter
        // sends; Order.Line is only reached through Order's fields.
        assertThat(registered).contains("io.warren.it.Heartbeat", "io.warren.it.Quote", "io.warren.it.QuoteRequest",
                "io.warren.it.Order", "io.warren.it.Order$Line", "io.warren.it.PricedOrder");
        JsonNode heartbeat = entry("io.warren.it.Heartbeat");
        // Jackson creates records through their constructor and reads them through their accessors.
        for (String access : List.of("allDeclaredConstructors", "allDeclaredMethods", "allDeclaredFields")) {
            assertThat(heartbeat.path(access).asBoolean()).as(access + " of " + heartbeat).isTrue();
            assertThat(entry("io.warren.it.Order$Line").path(access).asBoolean()).as(access).isTrue();
        }
    }

    @Test
    void warrenRegistersTheClientResourcesRunTimeInitialisationAndTls() {
        assertThat(resources).contains("rabbitmq-amqp-client.properties").contains("version.properties");
        String constants = new String(feature, StandardCharsets.ISO_8859_1);
        assertThat(constants).contains("com.rabbitmq.client.impl.Utils", "com.rabbitmq.client.PemReader",
                "io.warren.connector.connection.ConfinedExecutor");
        assertThat(args).contains("--enable-url-protocols=http,https");
        assertThat(entry("io.warren.connector.WarrenConnector")).isNotNull();
        // The application's codec declares LineRecord: it and its implementations are registered, with the
        // constructors and methods the codec calls reflectively.
        for (String codecType : List.of("io.warren.it.LineRecord", "io.warren.it.Reading")) {
            assertThat(entry(codecType)).as(codecType).isNotNull();
        }
        for (String access : List.of("allDeclaredConstructors", "allDeclaredMethods")) {
            assertThat(entry("io.warren.it.Reading").path(access).asBoolean()).as(access + " of Reading").isTrue();
        }
    }

    @Test
    void theTlsRegistryPathIsInTheImage() throws IOException {
        // tls-configuration-name reaches the Quarkus TLS registry through this bean; it must survive bean removal.
        try (JarFile runner = new JarFile(runnerJar().toFile())) {
            assertThat(runner.stream().map(JarEntry::getName))
                    .anyMatch(n -> n.startsWith("io/warren/quarkus/runtime/RegistryTlsConfigurations_Bean"))
                    .anyMatch(n -> n.startsWith("io/warren/quarkus/runtime/ProviderCredentialsSource_Bean"))
                    .anyMatch(n -> n.startsWith("io/quarkus/tls/runtime/"));
        }
    }

    private static JsonNode entry(String name) {
        for (JsonNode e : reflection) {
            if (e.get("name").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError(name + " is not registered for reflection");
    }

    private static Path runnerJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(sources, "*-runner.jar")) {
            for (Path p : jars) {
                return p;
            }
        }
        throw new AssertionError("no runner jar in " + sources);
    }

    private static byte[] read(JarFile jar, String name) throws IOException {
        JarEntry e = jar.getJarEntry(name);
        assertThat(e).as(name + " in the runner jar").isNotNull();
        try (InputStream in = jar.getInputStream(e)) {
            return in.readAllBytes();
        }
    }
}
