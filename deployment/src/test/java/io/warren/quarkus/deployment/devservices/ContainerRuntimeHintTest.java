package io.warren.quarkus.deployment.devservices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** When Warren asks Testcontainers for a container runtime at all. */
class ContainerRuntimeHintTest {

    private static boolean present(Map<String, String> env, String os, Set<String> files) {
        return present(env, os, files, "");
    }

    private static boolean present(Map<String, String> env, String os, Set<String> files, String tcConfig) {
        return ContainerRuntimeHint.present(env, os, "/home/ada", p -> files.contains(p.toString()),
                p -> p.toString().equals("/home/ada/.testcontainers.properties") ? tcConfig : "");
    }

    @Test
    void noSocketNoVariableNoConfigurationMeansDoNotAsk() {
        assertThat(present(Map.of(), "Linux", Set.of())).isFalse();
        // The file Testcontainers writes for itself names no Docker host.
        assertThat(present(Map.of(), "Linux", Set.of(), "#Modified by Testcontainers\ntestcontainers.reuse.enable=false\n"))
                .isFalse();
    }

    @Test
    void anySignOfARuntimeMeansAsk() {
        assertThat(present(Map.of(), "Linux", Set.of("/var/run/docker.sock"))).isTrue();
        assertThat(present(Map.of("XDG_RUNTIME_DIR", "/run/user/1000"), "Linux",
                Set.of("/run/user/1000/podman/podman.sock"))).isTrue();
        assertThat(present(Map.of(), "Mac OS X", Set.of("/home/ada/.docker/run/docker.sock"))).isTrue();
        assertThat(present(Map.of(), "Linux", Set.of(), "docker.host=tcp://10.0.0.5:2375\n")).isTrue();
        // Testcontainers Desktop and Cloud point Testcontainers at their runtime with tc.host.
        assertThat(present(Map.of(), "Linux", Set.of(), "tc.host=tcp://127.0.0.1:41921\n")).isTrue();
        assertThat(present(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2375"), "Linux", Set.of())).isTrue();
        assertThat(present(Map.of(), "Windows 11", Set.of())).isTrue();
    }

    @Test
    void onAMachineWithoutDockerTheProbeDoesNotAsk() {
        assumeTrue(System.getenv("DOCKER_HOST") == null && !Path.of("/var/run/docker.sock").toFile().exists()
                && !Path.of("/run/docker.sock").toFile().exists(), "this machine has a container runtime");
        assertThat(ContainerRuntimeHint.present()).isFalse();
    }
}
