package io.warren.connector.stream;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import com.rabbitmq.stream.BackOffDelayPolicy;
import com.rabbitmq.stream.Environment;

/**
 * Hands out stream-client environments: one per broker, user and virtual host, shared by the channels that use it
 * (an environment pools its connections), and closed with its last channel.
 */
final class StreamEnvironments implements AutoCloseable {

    /**
     * Where and as whom an environment connects.
     *
     * @param password never printed by {@link #toString()}
     */
    record Key(String host, int port, String username, String password, String virtualHost, int recoveryMs) {
        @Override
        public String toString() {
            return username + "@" + host + ":" + port + " vhost=" + virtualHost;
        }
    }

    private final Map<Key, Environment> environments = new HashMap<>();
    private final Map<Key, Integer> users = new HashMap<>();

    /** The environment for these settings, built on first use. It connects lazily, on the first stream operation. */
    synchronized Environment acquire(Key key) {
        Environment env = environments.computeIfAbsent(key, StreamEnvironments::build);
        users.merge(key, 1, Integer::sum);
        return env;
    }

    /** Closes the environment when its last user is gone. */
    synchronized void release(Key key) {
        Integer left = users.computeIfPresent(key, (k, n) -> n - 1);
        if (left != null && left <= 0) {
            users.remove(key);
            Environment env = environments.remove(key);
            if (env != null) {
                env.close();
            }
        }
    }

    private static final long FIRST_RETRY_MS = 200;

    /**
     * The first try comes after {@link #FIRST_RETRY_MS}, the next ones every {@code network-recovery-interval}.
     * stream-client also uses this policy when an operation finds the environment's first connection not yet made:
     * with a flat interval, of two channels opening together the second slept a whole interval (5 s by default, at
     * every start-up; seen in W5 as the producer's first 5 s) while the first one was connecting.
     */
    private static BackOffDelayPolicy recovery(Duration retry) {
        return BackOffDelayPolicy.fixedWithInitialDelay(Duration.ofMillis(Math.min(FIRST_RETRY_MS, retry.toMillis())),
                retry);
    }

    private static Environment build(Key key) {
        Duration retry = Duration.ofMillis(Math.max(100, key.recoveryMs()));
        return Environment.builder()
                .host(key.host()).port(key.port())
                .username(key.username()).password(key.password()).virtualHost(key.virtualHost())
                .compressionCodecFactory(new GzipOnlyCodecs())
                // Connect on first use, so that an application starts while the broker is away; channels retry.
                .lazyInitialization(true)
                .recoveryBackOffDelayPolicy(recovery(retry))
                .topologyUpdateBackOffDelayPolicy(BackOffDelayPolicy.fixed(retry))
                .clientProperty("connection_name", "warren-stream")
                .build();
    }

    @Override
    public synchronized void close() {
        environments.values().forEach(Environment::close);
        environments.clear();
        users.clear();
    }
}
