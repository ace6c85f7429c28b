package io.warren.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A RabbitMQ node of the tests' own, beside the machine's broker: its own node name, Erlang cookie, ports (all on
 * 127.0.0.1, chosen free at start), configuration file, enabled-plugins file and data folder. It never reads the
 * machine's {@code /etc/rabbitmq} files, so the machine's broker and its plugins are left as they are.
 * <p>
 * Use it for a broker with other settings (a TLS listener, the stream plugin, management) or as one node of a
 * {@link RabbitCluster}. {@link #close()} stops the node and deletes its folder; nodes still running when the JVM
 * exits are stopped by a shutdown hook, so a failed test leaves nothing behind.
 */
public final class RabbitNode implements AutoCloseable {

    /** The real scripts: the ones in /usr/sbin switch to the rabbitmq user and use its cookie. */
    private static final Path BIN = Path.of(System.getProperty("warren.rabbitmq.bin", "/usr/lib/rabbitmq/bin"));
    private static final Set<RabbitNode> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RabbitNode::close), "rabbit-node-stop"));
    }

    private final String name;
    private final Path base;
    private final Path home;
    private final Map<String, Integer> ports;
    private final int distPort;
    private final int ctlDistMin;

    RabbitNode(String name, Path base, Path home, Map<String, Integer> ports, int distPort, int ctlDistMin) {
        this.name = name;
        this.base = base;
        this.home = home;
        this.ports = ports;
        this.distPort = distPort;
        this.ctlDistMin = ctlDistMin;
    }

    /** Whether this machine can start nodes of its own (RabbitMQ's scripts are installed). */
    public static boolean available() {
        return Files.isExecutable(BIN.resolve("rabbitmq-server"));
    }

    /** A node named after its purpose (letters, digits and dashes), for example {@code tls} or {@code stream}. */
    public static RabbitNodeBuilder builder(String purpose) {
        return new RabbitNodeBuilder(purpose);
    }

    /** The Erlang node name, {@code <purpose>-<random>@localhost}. */
    public String nodeName() {
        return name;
    }

    /** The AMQP 0-9-1 port on 127.0.0.1. */
    public int amqpPort() {
        return ports.get("amqp");
    }

    /** A port reserved with {@link RabbitNodeBuilder#port(String)}. */
    public int port(String purpose) {
        Integer p = ports.get(purpose);
        if (p == null) {
            throw new IllegalArgumentException("No port named " + purpose + " on " + name);
        }
        return p;
    }

    /** The node's own folder: configuration, data and logs. Deleted by {@link #close()}. */
    public Path folder() {
        return base;
    }

    /** Runs {@code rabbitmqctl} against this node and returns its output; fails on a non-zero exit. */
    public String ctl(String... args) {
        return tool("rabbitmqctl", args);
    }

    /** Runs {@code rabbitmq-queues} against this node. */
    public String queues(String... args) {
        return tool("rabbitmq-queues", args);
    }

    /** Runs {@code rabbitmq-diagnostics} against this node. */
    public String diagnostics(String... args) {
        return tool("rabbitmq-diagnostics", args);
    }

    /** Whether the node was started and not stopped or killed since. */
    public boolean isRunning() {
        return RUNNING.contains(this);
    }

    /** Runs {@code rabbitmq-plugins} against this node. */
    public String plugins(String... args) {
        return tool("rabbitmq-plugins", args);
    }

    /** Starts the (stopped) node again with the same name, ports and data, and waits until it runs. */
    public RabbitNode start() {
        try {
            Files.deleteIfExists(base.resolve("node.pid"));
            ProcessBuilder pb = new ProcessBuilder(BIN.resolve("rabbitmq-server").toString(), "-detached");
            environment(pb.environment(), true);
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(base.resolve("startup.out").toFile()));
            int code = pb.start().waitFor();
            if (code != 0) {
                throw new IllegalStateException("rabbitmq-server -detached exited with " + code + ": "
                        + Files.readString(base.resolve("startup.out")));
            }
            RUNNING.add(this);
            // 'wait' polls until the node has written its pid file and the rabbit application runs.
            ctl("-q", "wait", "--timeout", "120", base.resolve("node.pid").toString());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the whole node (Erlang VM included); {@link #start()} brings it back. */
    public void stop() {
        try {
            ctl("-q", "shutdown");
        } catch (RuntimeException e) {
            kill();
        }
        RUNNING.remove(this);
    }

    /** Kills the node's Erlang VM at once, as a crash would. */
    public void kill() {
        try {
            String pid = Files.readString(base.resolve("node.pid")).trim();
            new ProcessBuilder("kill", "-9", pid).start().waitFor(10, TimeUnit.SECONDS);
        } catch (IOException e) {
            // no pid file: not running
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        RUNNING.remove(this);
    }

    /** Stops the node and deletes its folder. */
    @Override
    public void close() {
        if (RUNNING.contains(this)) {
            stop();
        }
        deleteTree(base);
    }

    private String tool(String tool, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(BIN.resolve(tool).toString());
        cmd.add("-n");
        cmd.add(name);
        cmd.addAll(List.of(args));
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
            environment(pb.environment(), false);
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(180, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(tool + " " + args[0] + " on " + name + " did not finish in 180 s");
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(tool + " " + String.join(" ", args) + " on " + name + " exited with "
                        + p.exitValue() + ": " + out.trim());
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void environment(Map<String, String> env, boolean server) {
        env.put("HOME", home.toString()); // the Erlang cookie lives in $HOME
        env.put("RABBITMQ_CONF_ENV_FILE", base.resolve("rabbitmq-env.conf").toString());
        env.put("RABBITMQ_ENABLED_PLUGINS_FILE", base.resolve("enabled_plugins").toString());
        env.put("RABBITMQ_ADVANCED_CONFIG_FILE", base.resolve("advanced.config").toString());
        env.put("RABBITMQ_CONFIG_FILE", base.resolve("rabbitmq.conf").toString());
        env.put("RABBITMQ_NODENAME", name);
        env.put("RABBITMQ_CTL_DIST_PORT_MIN", String.valueOf(ctlDistMin));
        env.put("RABBITMQ_CTL_DIST_PORT_MAX", String.valueOf(ctlDistMin + 19));
        env.put("RABBITMQ_CTL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        if (server) {
            env.put("RABBITMQ_NODE_IP_ADDRESS", "127.0.0.1");
            env.put("RABBITMQ_NODE_PORT", String.valueOf(amqpPort()));
            env.put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
            env.put("RABBITMQ_MNESIA_BASE", base.resolve("mnesia").toString());
            env.put("RABBITMQ_LOG_BASE", base.resolve("log").toString());
            env.put("RABBITMQ_PID_FILE", base.resolve("node.pid").toString());
            env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // best effort: a folder in the temp directory
        }
    }

    /** A free TCP port on 127.0.0.1 at this moment. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
