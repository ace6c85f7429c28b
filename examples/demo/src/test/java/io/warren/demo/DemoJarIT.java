package io.warren.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged demo, run as the README says ({@code java -Ddemo.broker=embedded -jar .../quarkus-run.jar}) and
 * stopped as a user stops it (SIGTERM, what Ctrl+C and {@code kill} send): the application closes its connections
 * before the embedded broker stops, so that nothing is reported lost or unconfirmed, and the broker's work folder is
 * gone.
 */
class DemoJarIT {

    @TempDir
    Path tmp;

    @Test
    void sigtermStopsTheApplicationThenTheBrokerAndLeavesNothingBehind() throws Exception {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path output = tmp.resolve("demo.log");
        Path brokerTmp = Files.createDirectory(tmp.resolve("tmp"));
        Process demo = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Ddemo.broker=embedded", "-Ddemo.order-interval=300ms", "-Djava.io.tmpdir=" + brokerTmp,
                "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            // Orders priced, a shipment retried and mallory's order dead-lettered: every channel has worked.
            await().atMost(Duration.ofSeconds(90)).until(() -> {
                String log = Files.readString(output);
                return log.contains("(after 1 retry)") && log.contains("DEAD  o-3");
            });
            assertThat(folders(brokerTmp)).as("the running broker's folder").hasSize(1);

            demo.destroy(); // SIGTERM
            assertThat(demo.waitFor(60, TimeUnit.SECONDS)).as("the demo exits").isTrue();
        } finally {
            demo.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).anyMatch(l -> l.contains("warren-demo stopped"));
        assertThat(lines).as("lost connections").noneMatch(l -> l.contains("Lost the"));
        assertThat(lines).as("unconfirmed messages").noneMatch(l -> l.contains("not confirmed"));
        assertThat(lines).as("errors other than the demo's dead letters")
                .noneMatch(l -> l.contains("ERROR") && !l.contains("[d.dead-letters]"));
        assertThat(folders(brokerTmp)).as("embedded broker folders left behind").isEmpty();
    }

    private static List<Path> folders(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("warren-embedded-broker")).toList();
        }
    }
}
