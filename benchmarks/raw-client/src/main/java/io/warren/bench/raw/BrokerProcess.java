package io.warren.bench.raw;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.warren.bench.Meter;

/**
 * The CPU time of the broker a workload uses: the Erlang VM that listens on its AMQP port. Other nodes may run on the
 * machine (W5's, other builds' test nodes), so the first {@code beam.smp} found is not necessarily it.
 */
final class BrokerProcess {

    private BrokerProcess() {
    }

    /** The process listening on {@code port} on this machine, or -1 if none is found (or /proc is not readable). */
    static long listening(int port) {
        Set<String> sockets = new HashSet<>();
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    // local_address, then state 0A (LISTEN); the inode is the tenth field.
                    if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        sockets.add("socket:[" + f[9] + "]");
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table
            }
        }
        if (sockets.isEmpty()) {
            return -1;
        }
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path dir : (Iterable<Path>) procs::iterator) {
                if (dir.getFileName().toString().matches("\\d+") && isBeam(dir) && holdsAny(dir, sockets)) {
                    return Long.parseLong(dir.getFileName().toString());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** CPU time of a process in clock ticks (10 ms), or -1. */
    static long cpuTicks(long pid) {
        try {
            return pid < 0 ? -1 : Meter.cpuTicks(Path.of("/proc/" + pid));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static boolean isBeam(Path dir) {
        try {
            return Files.readString(dir.resolve("cmdline")).contains("beam.smp");
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static boolean holdsAny(Path dir, Set<String> sockets) {
        try (var fds = Files.list(dir.resolve("fd"))) {
            for (Path fd : (Iterable<Path>) fds::iterator) {
                try {
                    if (sockets.contains(Files.readSymbolicLink(fd).toString())) {
                        return true;
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }
}
