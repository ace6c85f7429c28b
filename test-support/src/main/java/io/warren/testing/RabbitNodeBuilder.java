package io.warren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/** How a {@link RabbitNode} is set up before it starts: its plugins, ports and configuration lines. */
public final class RabbitNodeBuilder {
    private final String purpose;
    private final List<String> plugins = new ArrayList<>();
    private final List<Function<RabbitNode, String>> config = new ArrayList<>();
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private String advancedConfig = "[].";
    private Path home;

    RabbitNodeBuilder(String purpose) {
        if (!purpose.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("purpose: letters, digits and dashes only");
        }
        this.purpose = purpose;
        ports.put("amqp", RabbitNode.freePort());
    }

    /** Enables a plugin on this node only, for example {@code rabbitmq_stream}. */
    public RabbitNodeBuilder plugin(String plugin) {
        plugins.add(plugin);
        return this;
    }

    /** Reserves a free port under a name, readable as {@link RabbitNode#port(String)}, for the config to use. */
    public RabbitNodeBuilder port(String purpose) {
        ports.put(purpose, RabbitNode.freePort());
        return this;
    }

    /** A fixed port under a name (a cluster member that must come back on the same one, for example). */
    public RabbitNodeBuilder port(String purpose, int port) {
        ports.put(purpose, port);
        return this;
    }

    /** One more line of {@code rabbitmq.conf}. */
    public RabbitNodeBuilder config(String line) {
        config.add(n -> line);
        return this;
    }

    /** One more line of {@code rabbitmq.conf}, written once the ports are known. */
    public RabbitNodeBuilder config(Function<RabbitNode, String> line) {
        config.add(line);
        return this;
    }

    /** The content of {@code advanced.config} (Erlang terms). */
    public RabbitNodeBuilder advancedConfig(String terms) {
        this.advancedConfig = terms;
        return this;
    }

    /** Shares the Erlang cookie folder with other nodes: members of one cluster need the same cookie. */
    RabbitNodeBuilder home(Path home) {
        this.home = home;
        return this;
    }

    /** Writes the node's files and starts it; returns once the node runs. */
    public RabbitNode start() {
        return create().start();
    }

    /** Writes the node's files without starting it. */
    RabbitNode create() {
        String id = UUID.randomUUID().toString().substring(0, 8);
        try {
            Path base = Files.createTempDirectory("warren-rabbit-" + purpose + "-" + id + "-");
            Path cookieHome = home != null ? home : base;
            writeCookie(cookieHome);
            Files.createDirectories(base.resolve("mnesia"));
            Files.createDirectories(base.resolve("log"));
            int dist = RabbitNode.freePort();
            // The CLI tools take a distribution port of their own from a range; keep it clear of the others.
            int ctlMin = 36000 + new SecureRandom().nextInt(1400) * 20;
            RabbitNode node = new RabbitNode(purpose + "-" + id + "@localhost", base, cookieHome, Map.copyOf(ports),
                    dist, ctlMin);
            List<String> lines = new ArrayList<>();
            lines.add("listeners.tcp.1 = 127.0.0.1:" + node.amqpPort());
            lines.add("disk_free_limit.absolute = 50MB");
            lines.add("log.file.level = info");
            lines.add("log.console = false");
            for (Function<RabbitNode, String> line : config) {
                lines.add(line.apply(node));
            }
            Files.write(base.resolve("rabbitmq.conf"), lines);
            Files.writeString(base.resolve("rabbitmq-env.conf"), "");
            Files.writeString(base.resolve("advanced.config"), advancedConfig);
            Files.writeString(base.resolve("enabled_plugins"), "[" + String.join(",", plugins) + "].");
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeCookie(Path home) throws IOException {
        Path cookie = home.resolve(".erlang.cookie");
        if (Files.exists(cookie)) {
            return;
        }
        byte[] random = new byte[20];
        new SecureRandom().nextBytes(random);
        Files.writeString(cookie, HexFormat.of().formatHex(random));
        // Erlang refuses a cookie that others can read.
        Files.setPosixFilePermissions(cookie, PosixFilePermissions.fromString("r--------"));
    }
}
