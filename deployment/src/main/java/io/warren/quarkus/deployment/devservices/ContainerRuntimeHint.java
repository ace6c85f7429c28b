package io.warren.quarkus.deployment.devservices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A cheap look for signs of a container runtime before asking Testcontainers, whose search logs an ERROR when there
 * is none: on a machine without Docker, Warren's fallback to the embedded broker should not look like a failure.
 * Any sign (a socket, {@code DOCKER_HOST}, a Docker host or {@code tc.host} in the Testcontainers configuration)
 * means "ask"; so does Windows, whose named pipes are not files. (Testcontainers writes its configuration file itself,
 * so the file alone is no sign.) Where there is no sign, {@link ContainerProbeLogging} also keeps Quarkus's own
 * lookup out of the log.
 */
final class ContainerRuntimeHint {

    private ContainerRuntimeHint() {
    }

    static boolean present() {
        return present(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home", ""),
                Files::exists, ContainerRuntimeHint::read);
    }

    static boolean present(Map<String, String> env, String osName, String home, Predicate<Path> exists,
            Function<Path, String> read) {
        if (osName.toLowerCase(Locale.ROOT).contains("win")) {
            return true;
        }
        if (env.containsKey("DOCKER_HOST") || env.containsKey("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE")) {
            return true;
        }
        String runtimeDir = env.getOrDefault("XDG_RUNTIME_DIR", "/run/user/0");
        List<Path> candidates = List.of(Path.of("/var/run/docker.sock"), Path.of("/run/docker.sock"),
                Path.of("/run/podman/podman.sock"), Path.of(runtimeDir, "docker.sock"),
                Path.of(runtimeDir, "podman", "podman.sock"), Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"), Path.of(home, ".rd", "docker.sock"));
        if (candidates.stream().anyMatch(exists)) {
            return true;
        }
        String tc = read.apply(Path.of(home, ".testcontainers.properties"));
        return tc.contains("docker.host") || tc.contains("tc.host") || tc.contains("docker.client.strategy");
    }

    private static String read(Path file) {
        try {
            return Files.isReadable(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
