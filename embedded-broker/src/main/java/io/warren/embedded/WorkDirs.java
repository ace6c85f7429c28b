package io.warren.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The embedded brokers' work folders in the system temp folder. Each records the process that owns it, so that a
 * later start can remove the folders of processes that died without cleaning up (SIGKILL, a crash): every other
 * stop path deletes the folder itself.
 */
final class WorkDirs {

    static final String PREFIX = "warren-embedded-broker";
    static final String OWNER_FILE = "owner.pid";

    private static final Logger LOG = Logger.getLogger(WorkDirs.class);

    private WorkDirs() {
    }

    /** Creates a work folder owned by this process, after removing those whose process is gone. */
    static Path create() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        sweepStale(tmp);
        try {
            Path dir = Files.createTempDirectory(tmp, PREFIX);
            Files.writeString(dir.resolve(OWNER_FILE), String.valueOf(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the work directory of the embedded broker", e);
        }
    }

    /**
     * Deletes the work folders in {@code tmp} whose owner process no longer runs. Folders without an owner file, or
     * owned by a live process, are left alone.
     *
     * @return how many were deleted
     */
    static int sweepStale(Path tmp) {
        int deleted = 0;
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, PREFIX + "*")) {
            for (Path dir : dirs) {
                Optional<Long> owner = owner(dir);
                if (owner.isPresent() && !alive(owner.get())) {
                    delete(dir);
                    deleted++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debugf(e, "Cannot look for stale embedded broker folders in %s", tmp);
        }
        return deleted;
    }

    private static Optional<Long> owner(Path dir) {
        try {
            return Optional.of(Long.parseLong(Files.readString(dir.resolve(OWNER_FILE), StandardCharsets.UTF_8)
                    .trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Deletes a folder and everything in it; what cannot be deleted is logged at DEBUG and left. */
    static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            LOG.debugf(e, "Cannot delete %s", dir);
        }
    }
}
