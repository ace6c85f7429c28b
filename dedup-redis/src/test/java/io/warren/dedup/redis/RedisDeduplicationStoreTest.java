package io.warren.dedup.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.warren.connector.dedup.DeduplicationStore.Claim;
import io.warren.connector.dedup.SharedDedupHarness;
import io.warren.testing.FaultProxy;

/**
 * The Redis store on the machine's Redis (127.0.0.1:6379, REDIS_HOST / REDIS_PORT) and RabbitMQ: claims are atomic
 * and expire, two application instances consuming one queue skip every duplicate, and a Redis that is down sends
 * messages to the failure strategy, unprocessed, until it is back.
 */
class RedisDeduplicationStoreTest {

    static final String HOST = System.getenv().getOrDefault("REDIS_HOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("REDIS_PORT", "6379"));

    private Vertx vertx;
    private final String prefix = "warren-test:" + UUID.randomUUID().toString().substring(0, 8) + ":";

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void tearDown() {
        // The test's keys only, found by its own prefix.
        Redis redis = client(HOST, PORT);
        var keys = redis.send(Request.cmd(Command.KEYS).arg(prefix + "*")).await().atMost(Duration.ofSeconds(5));
        for (var k : keys) {
            redis.send(Request.cmd(Command.DEL).arg(k.toString())).await().atMost(Duration.ofSeconds(5));
        }
        redis.close();
        vertx.closeAndAwait();
    }

    private Redis client(String host, int port) {
        return Redis.createClient(vertx, "redis://" + host + ":" + port);
    }

    private RedisDeduplicationStore store() {
        return new RedisDeduplicationStore(client(HOST, PORT), prefix);
    }

    @Test
    void claimsAreAtomicAndExpire() throws Exception {
        RedisDeduplicationStore a = store();
        RedisDeduplicationStore b = store();
        assertThat(a.claim("g", "1", Duration.ofMillis(1000)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Claim.CLAIMED);
        assertThat(b.claim("g", "1", Duration.ofSeconds(10)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Claim.IN_PROGRESS);
        // The claim lapses: a consumer that died does not hold the id for ever.
        await().atMost(Duration.ofSeconds(5)).until(() -> b.claim("g", "1", Duration.ofSeconds(10))
                .toCompletableFuture().get(5, TimeUnit.SECONDS) == Claim.CLAIMED);
        b.markProcessed("g", "1", Duration.ofMillis(400)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(a.claim("g", "1", Duration.ofSeconds(10)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Claim.PROCESSED);
        // A release gives back a claim, never a processed id.
        a.release("g", "1").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(a.claim("g", "1", Duration.ofSeconds(10)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Claim.PROCESSED);
        assertThat(a.claim("g", "2", Duration.ofSeconds(10)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Claim.CLAIMED);
        a.release("g", "2").toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(b.claim("g", "2", Duration.ofSeconds(10)).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Claim.CLAIMED);
        // Processed ids expire after their time to live.
        await().atMost(Duration.ofSeconds(5)).until(() -> a.claim("g", "1", Duration.ofSeconds(10))
                .toCompletableFuture().get(5, TimeUnit.SECONDS) == Claim.CLAIMED);
    }

    @Test
    void twoInstancesOnOneQueueSkipEveryDuplicate() throws Exception {
        try (SharedDedupHarness apps = new SharedDedupHarness()) {
            apps.start(store(), 3, apps.recording(), Map.of());
            apps.start(store(), 3, apps.recording(), Map.of());
            apps.duplicatesAreSkipped(150, 3);
        }
    }

    @Test
    void aStoreThatIsDownSendsMessagesToTheFailureStrategyAndNoneIsLostOrProcessedTwice() throws Exception {
        try (FaultProxy proxy = new FaultProxy(HOST, PORT); SharedDedupHarness apps = new SharedDedupHarness()) {
            apps.aDownStoreLosesNothing(proxy, new RedisDeduplicationStore(client("127.0.0.1", proxy.port()), prefix), 1000, 20);
        }
    }
}
