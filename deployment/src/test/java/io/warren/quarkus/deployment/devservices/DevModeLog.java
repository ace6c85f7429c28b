package io.warren.quarkus.deployment.devservices;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logmanager.ExtLogRecord;

/**
 * Every log record of a dev-mode test, kept past the moment QuarkusDevModeTest clears its own list, so that what
 * is logged while the application stops can be checked; and the embedded broker folders of the temp folder.
 */
final class DevModeLog {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    /** For {@code QuarkusDevModeTest.setLogRecordPredicate}: keeps every record. */
    Predicate<LogRecord> collector() {
        return records::add;
    }

    int size() {
        return records.size();
    }

    /** The formatted messages, from the given logger (all when null), that contain {@code part}. */
    List<String> lines(String logger, String part) {
        return records.stream().filter(r -> logger == null || logger.equals(r.getLoggerName()))
                .map(DevModeLog::message).filter(s -> s.contains(part)).toList();
    }

    /** The records at or above {@code level}, described. */
    List<String> atLeast(Level level) {
        return records.stream().filter(r -> r.getLevel().intValue() >= level.intValue())
                .map(r -> r.getLevel() + " [" + r.getLoggerName() + "] " + message(r)).toList();
    }

    /** The records of a logger, or of the loggers under a category, described. */
    List<String> from(String category) {
        return records.stream().filter(r -> r.getLoggerName() != null && r.getLoggerName().startsWith(category))
                .map(r -> r.getLevel() + " [" + r.getLoggerName() + "] " + message(r)).toList();
    }

    List<LogRecord> records() {
        return List.copyOf(records);
    }

    static String message(LogRecord r) {
        String text = r instanceof ExtLogRecord e ? e.getFormattedMessage() : r.getMessage();
        return text == null ? "" : text;
    }

    /**
     * The work folders of the embedded brokers this JVM runs, in the temp folder now. Other processes on the machine
     * (other builds) have theirs there too: each names its owner process.
     */
    static Set<Path> brokerFolders() {
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
            return null; // gone meanwhile, or a broker of a version that did not record its owner
        }
    }

    static boolean listening(String host, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
