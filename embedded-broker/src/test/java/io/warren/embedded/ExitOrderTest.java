package io.warren.embedded;

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

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

/**
 * How an embedded broker stops: after its clients when the JVM exits (SIGTERM), never leaving its work folder
 * behind, and removing the folders of processes that were killed.
 */
class ExitOrderTest {

    @TempDir
    Path tmp;

    @Test
    void onSigtermTheBrokerOutlivesAClientThatClosesInItsOwnHookAndLeavesNoFolder() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = tmp.resolve("output.txt");
        // To a file: Process.destroy() closes the pipes, and what the process prints while it exits matters here.
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Djava.io.tmpdir=" + tmp, ClientAtExit.class.getName()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(output).contains("READY "));
            assertThat(folders()).as("the running broker's folder").hasSize(1);

            process.destroy(); // SIGTERM
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the process exits").isTrue();
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        assertThat(lines).as("what the client saw").contains("CLOSED").noneMatch(l -> l.startsWith("LOST"));
        assertThat(folders()).as("warren-embedded-broker folders left in %s", tmp).isEmpty();
    }

    @Test
    void atExitTheBrokerWaitsForItsClientsThenStops() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        assertThat(broker.qpidHookRemoved()).as("Qpid's own shutdown hook, which closes the broker at once, is gone")
                .isTrue();
        Connection client = connect(broker);
        Thread exit = new Thread(() -> broker.stopAfterClients(Duration.ofSeconds(30)));
        exit.start();
        Thread.sleep(500);
        assertThat(broker.isRunning()).isTrue();
        assertThat(client.isOpen()).isTrue();
        assertThat(broker.openConnections()).isEqualTo(1);

        client.close();
        exit.join(10_000);
        assertThat(exit.isAlive()).isFalse();
        assertThat(broker.isRunning()).isFalse();
        assertThat(broker.workDir()).doesNotExist();
    }

    @Test
    void atExitAClientThatNeverClosesDelaysTheStopByTheGraceOnly() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        Connection client = connect(broker);
        client.addShutdownListener(cause -> { });
        broker.stopAfterClients(Duration.ofMillis(300));
        assertThat(broker.isRunning()).isFalse();
        assertThat(broker.workDir()).doesNotExist();
        await().atMost(Duration.ofSeconds(10)).until(() -> !client.isOpen());
    }

    @Test
    void closeDeletesTheWorkFolderThatNamesItsOwner() throws Exception {
        EmbeddedBroker broker = EmbeddedBroker.start(0);
        Path dir = broker.workDir();
        assertThat(dir.getFileName().toString()).startsWith(WorkDirs.PREFIX);
        assertThat(Files.readString(dir.resolve(WorkDirs.OWNER_FILE)).trim())
                .isEqualTo(String.valueOf(ProcessHandle.current().pid()));
        broker.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void aStartRemovesTheFoldersOfProcessesThatAreGoneAndNoOther() throws Exception {
        Process gone = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-version").start();
        gone.waitFor(30, TimeUnit.SECONDS);
        Path stale = folder("stale", String.valueOf(gone.pid()));
        Path mine = folder("mine", String.valueOf(ProcessHandle.current().pid()));
        Path unknown = folder("unknown", null);
        Path unrelated = Files.createDirectory(tmp.resolve("someone-else"));
        Files.writeString(unrelated.resolve(WorkDirs.OWNER_FILE), String.valueOf(gone.pid()));

        assertThat(WorkDirs.sweepStale(tmp)).isEqualTo(1);
        assertThat(stale).doesNotExist();
        assertThat(mine).exists();
        assertThat(unknown).exists();
        assertThat(unrelated).exists();
    }

    private Path folder(String name, String owner) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(WorkDirs.PREFIX + name));
        Files.writeString(dir.resolve("config.json"), "{}");
        if (owner != null) {
            Files.writeString(dir.resolve(WorkDirs.OWNER_FILE), owner);
        }
        return dir;
    }

    private List<Path> folders() throws Exception {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.filter(p -> p.getFileName().toString().startsWith(WorkDirs.PREFIX)).toList();
        }
    }

    private static Connection connect(EmbeddedBroker broker) throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(broker.host());
        f.setPort(broker.port());
        f.setAutomaticRecoveryEnabled(false);
        return f.newConnection("exit-order-test");
    }
}
