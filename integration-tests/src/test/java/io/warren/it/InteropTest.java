package io.warren.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A client that is not Java: Node.js with amqplib (installed from npm by this test) calls Warren's RPC server,
 * publishes an order Warren consumes, and consumes what Warren publishes, checking content types and headers.
 */
@QuarkusTest
@QuarkusTestResource(value = WarrenTestResource.class, restrictToAnnotatedClass = true)
class InteropTest {

    static final Path NODE_DIR = Path.of("target", "node-interop");

    @ConfigProperty(name = "warren.it.run")
    String run;

    @BeforeAll
    static void installAmqplib() throws Exception {
        install();
    }

    /** Installs amqplib under target once; for the tests that drive a Node.js client. */
    static synchronized void install() throws Exception {
        if (Files.isDirectory(NODE_DIR.resolve("node_modules").resolve("amqplib"))) {
            return;
        }
        Files.createDirectories(NODE_DIR);
        // No lock file: nothing we commit records where packages come from.
        Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-package-lock", "--no-audit",
                "--no-fund", "--prefix", NODE_DIR.toString(), "amqplib@0.10")
                .redirectErrorStream(true).start();
        String out = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor(180, TimeUnit.SECONDS)).isTrue();
        assertThat(npm.exitValue()).as("npm install amqplib: " + out).isZero();
    }

    @BeforeEach
    void ready() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aNodeClientTalksToWarren() throws IOException, InterruptedException {
        Path script = Path.of("src", "test", "node", "interop.js").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(List.of("node", script.toString(),
                "amqp://guest:guest@" + WarrenTestResource.HOST + ":" + WarrenTestResource.PORT,
                WarrenTestResource.name("it-quotes", run), WarrenTestResource.name("it-orders", run),
                WarrenTestResource.name("it-priced", run)))
                .directory(NODE_DIR.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        // The script lives in src/test/node; its modules were installed under target.
        builder.environment().put("NODE_PATH", NODE_DIR.resolve("node_modules").toAbsolutePath().toString());
        Process node = builder.start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).as(out).contains("INTEROP rpc reply", "INTEROP rpc error unknown product unicorn",
                "INTEROP consumed", "INTEROP OK").doesNotContain("INTEROP FAIL");
        assertThat(node.exitValue()).isZero();
    }
}
