package io.warren.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.port.AmqpPort;
import org.jboss.logging.Logger;

/**
 * An AMQP 0-9-1 broker inside this JVM: Apache Qpid Broker-J with an in-memory store, listening on 127.0.0.1 only,
 * with one user ({@code guest}/{@code guest} unless told otherwise) and the virtual host {@code /}.
 * <p>
 * It is meant for development and tests on a machine without RabbitMQ. It speaks the protocol amqp-client needs for
 * queues, exchanges, bindings, publisher confirms, manual acks, prefetch and mandatory returns, but it is not RabbitMQ:
 * see {@link #UNSUPPORTED}. Nothing it holds survives {@link #close()}.
 * <p>
 * Its files live in a {@code warren-embedded-broker*} folder of the system temp folder, deleted on every stop: by
 * {@link #close()}, or when the JVM exits, after the broker's clients have closed their connections (see
 * {@link ExitHook}); a folder left by a killed process is deleted by the next start.
 */
public final class EmbeddedBroker implements AutoCloseable {

    /** The only interface the broker listens on. */
    public static final String HOST = "127.0.0.1";
    /** The user the broker accepts by default. */
    public static final String USERNAME = "guest";
    /** The password of {@link #USERNAME}. */
    public static final String PASSWORD = "guest";

    /**
     * What becomes of a message nacked without requeue (a rejected message): RabbitMQ discards or dead-letters it,
     * this broker keeps it (checked by EmbeddedBrokerTest).
     */
    public static final String REJECT_KEEPS = "discarding on reject: a message nacked without requeue stays in its "
            + "queue, held back from the consumer that rejected it";

    /** What RabbitMQ does and this broker does not, one short line each. */
    public static final List<String> UNSUPPORTED = List.of(
            "broker-side dead-lettering and TTLs (x-dead-letter-exchange, x-message-ttl) are accepted and ignored",
            "queue types (x-queue-type quorum or stream) are accepted and ignored: every queue is a classic queue",
            "streams and RabbitMQ's stream protocol: channels with stream.protocol=native cannot connect and stay "
                    + "down",
            "per-message expiration",
            "direct reply-to (amq.rabbitmq.reply-to)",
            "exchange-to-exchange bindings",
            "consumer-cancel notifications",
            "nack with multiple=true",
            REJECT_KEEPS,
            "persistence: every message is lost when the broker stops");

    private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class);
    private static final String STATUS_UPDATES = "qpid.broker_status_updates";

    private final SystemLauncher launcher;
    private final BoundPort bound;
    private final Path workDir;
    private final int port;
    private final boolean qpidHookRemoved;
    private volatile boolean running;
    private volatile Thread exitHook;

    private EmbeddedBroker(SystemLauncher launcher, BoundPort bound, Path workDir, int port) {
        this.launcher = launcher;
        this.bound = bound;
        this.workDir = workDir;
        this.port = port;
        this.running = true;
        this.qpidHookRemoved = ExitHook.removeQpidHook(bound.broker());
    }

    /**
     * Starts a broker on 127.0.0.1.
     *
     * @param port the port to listen on, or 0 for a free one (see {@link #port()})
     * @return the running broker; close it to stop it
     * @throws IllegalStateException when the broker cannot start, for example because the port is taken
     */
    public static EmbeddedBroker start(int port) {
        return start(port, USERNAME, PASSWORD);
    }

    /**
     * Starts a broker on 127.0.0.1 that accepts one given user.
     *
     * @param port the port to listen on, or 0 for a free one (see {@link #port()})
     * @param username the user the broker accepts
     * @param password that user's password
     * @return the running broker; close it to stop it
     * @throws IllegalStateException when the broker cannot start, for example because the port is taken
     */
    public static synchronized EmbeddedBroker start(int port, String username, String password) {
        if (port != 0) {
            ensureFree(port); // Qpid would start anyway, with its port in error and a long stack trace in the log
        }
        Path workDir = WorkDirs.create();
        QuietLogging.apply();
        BoundPort bound = new BoundPort();
        SystemLauncher launcher = new SystemLauncher(bound);
        // Qpid finds its plugins through the context class loader; the threads it starts keep that loader.
        Thread current = Thread.currentThread();
        ClassLoader previousLoader = current.getContextClassLoader();
        current.setContextClassLoader(EmbeddedBroker.class.getClassLoader());
        String previousStatus = System.getProperty(STATUS_UPDATES);
        if (previousStatus == null) {
            // Qpid reads this once, at start-up: without it every connection and channel is logged at INFO.
            System.setProperty(STATUS_UPDATES, "false");
        }
        long start = System.nanoTime();
        try {
            Path config = workDir.resolve("config.json");
            Files.writeString(config, BrokerConfig.json(port, username, password), StandardCharsets.UTF_8);
            Path systemProperties = Files.writeString(workDir.resolve("system.properties"), "");
            launcher.startup(BrokerConfig.systemAttributes(config, systemProperties, workDir));
            int actual = bound.port();
            if (actual <= 0) {
                throw new IllegalStateException("its AMQP port did not open");
            }
            LOG.debugf("Embedded AMQP broker started on %s:%d in %d ms", HOST, actual,
                    (System.nanoTime() - start) / 1_000_000);
            EmbeddedBroker broker = new EmbeddedBroker(launcher, bound, workDir, actual);
            broker.exitHook = ExitHook.register(broker);
            return broker;
        } catch (Exception e) {
            shutdownQuietly(launcher);
            WorkDirs.delete(workDir);
            throw new IllegalStateException(cannotStart(port) + rootMessage(e), e);
        } finally {
            if (previousStatus == null) {
                System.clearProperty(STATUS_UPDATES);
            }
            current.setContextClassLoader(previousLoader);
        }
    }

    private static String cannotStart(int port) {
        return "Cannot start the embedded AMQP broker on " + HOST + ":" + (port == 0 ? "a free port" : port) + ": ";
    }

    private static void ensureFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(HOST, port));
        } catch (IOException e) {
            throw new IllegalStateException(cannotStart(port) + "the port is in use (" + e.getMessage() + ")", e);
        }
    }

    /** The host to connect to: always {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The port the broker listens on. */
    public int port() {
        return port;
    }

    /** Whether the broker has been started and not yet closed. */
    public boolean isRunning() {
        return running;
    }

    /** The list of {@link #UNSUPPORTED} features as one sentence, for a log line. */
    public static String unsupportedSummary() {
        return String.join("; ", UNSUPPORTED);
    }

    /** The folder holding the broker's files while it runs. */
    public Path workDir() {
        return workDir;
    }

    /** How many client connections are open. */
    public long openConnections() {
        return running ? bound.openConnections() : 0;
    }

    /** Whether Qpid's own shutdown hook, which would close the broker before its clients, was removed. */
    boolean qpidHookRemoved() {
        return qpidHookRemoved;
    }

    /**
     * Waits until no client is connected, for at most {@code grace}, then stops the broker: what the JVM does at
     * exit, so that applications closing their connections in their own shutdown hook find the broker still there.
     */
    void stopAfterClients(Duration grace) {
        long deadline = System.nanoTime() + grace.toNanos();
        while (running && openConnections() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        long left = openConnections();
        if (left > 0) {
            LOG.debugf("Stopping the embedded broker with %d client connections still open", left);
        }
        close();
    }

    /** Stops the broker and deletes its files. Safe to call more than once. */
    @Override
    public synchronized void close() {
        if (!running) {
            return;
        }
        running = false;
        ExitHook.unregister(exitHook);
        shutdownQuietly(launcher);
        WorkDirs.delete(workDir);
        LOG.debugf("Embedded AMQP broker on %s:%d stopped", HOST, port);
    }

    @Override
    public String toString() {
        return "EmbeddedBroker[" + HOST + ":" + port + (running ? "" : ", stopped") + "]";
    }

    private static void shutdownQuietly(SystemLauncher launcher) {
        try {
            launcher.shutdown();
        } catch (RuntimeException e) {
            LOG.debugf(e, "Error while stopping the embedded broker");
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** Learns which port the AMQP listener bound, which matters when it was asked for port 0. */
    private static final class BoundPort extends SystemLauncherListener.DefaultSystemLauncherListener {
        private volatile SystemConfig<?> system;

        @Override
        public void onContainerResolve(SystemConfig<?> systemConfig) {
            this.system = systemConfig;
        }

        Broker<?> broker() {
            SystemConfig<?> s = system;
            return s == null ? null : (Broker<?>) s.getContainer(Broker.class);
        }

        private Port<?> amqpPort() {
            Broker<?> broker = broker();
            if (broker == null) {
                return null;
            }
            for (Port<?> p : broker.getPorts()) {
                if (BrokerConfig.AMQP_PORT_NAME.equals(p.getName())) {
                    return p;
                }
            }
            return null;
        }

        int port() {
            Port<?> p = amqpPort();
            return p == null ? -1 : p.getBoundPort();
        }

        long openConnections() {
            return amqpPort() instanceof AmqpPort<?> amqp ? amqp.getConnectionCount() : 0;
        }
    }
}
