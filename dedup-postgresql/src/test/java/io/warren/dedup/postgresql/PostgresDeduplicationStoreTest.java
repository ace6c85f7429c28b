package io.warren.dedup.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import io.warren.connector.dedup.DeduplicationStore.Claim;
import io.warren.connector.dedup.SharedDedupHarness;
import io.warren.testing.FaultProxy;

/**
 * The PostgreSQL store on the machine's PostgreSQL (127.0.0.1:5432, database {@code test}, trust authentication;
 * PGHOST / PGPORT) and RabbitMQ, with a table of the test's own: claims are atomic and expire, expired ids are
 * deleted, two application instances consuming one queue skip every duplicate, and a database that is down sends
 * messages to the failure strategy, unprocessed, until it is back.
 */
class PostgresDeduplicationStoreTest {

    static final String HOST = System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    static final int PORT = Integer.parseInt(System.getenv().getOrDefault("PGPORT", "5432"));

    private Vertx vertx;
    private Pool admin;
    private final String table = "warren_test_" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void setUp() {
        vertx = Vertx.vertx();
        admin = pool(HOST, PORT);
    }

    @AfterEach
    void tearDown() {
        admin.query("DROP TABLE IF EXISTS " + table).execute().await().atMost(Duration.ofSeconds(10));
        admin.closeAndAwait();
        vertx.closeAndAwait();
    }

    private Pool pool(String host, int port) {
        return PgPool.pool(vertx, new PgConnectOptions().setHost(host).setPort(port).setDatabase("test")
                .setUser(System.getenv().getOrDefault("PGUSER", "postgres")).setConnectTimeout(2000),
                new PoolOptions().setMaxSize(4));
    }

    private PostgresDeduplicationStore store() {
        return new PostgresDeduplicationStore(pool(HOST, PORT), table);
    }

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void claimsAreAtomicAndExpireAndExpiredIdsAreDeleted() throws Exception {
        PostgresDeduplicationStore a = store();
        PostgresDeduplicationStore b = store();
        assertThat(get(a.claim("g", "1", Duration.ofMillis(1500)))).isEqualTo(Claim.CLAIMED);
        get(b.release("g", "other")); // b ready too, so that its claim below comes within the lease
        assertThat(get(b.claim("g", "1", Duration.ofSeconds(10)))).isEqualTo(Claim.IN_PROGRESS);
        await().atMost(Duration.ofSeconds(10)).until(() -> get(b.claim("g", "1", Duration.ofSeconds(10)))
                == Claim.CLAIMED);
        get(b.markProcessed("g", "1", Duration.ofMillis(500)));
        assertThat(get(a.claim("g", "1", Duration.ofSeconds(10)))).isEqualTo(Claim.PROCESSED);
        get(a.release("g", "1"));
        assertThat(get(a.claim("g", "1", Duration.ofSeconds(10)))).isEqualTo(Claim.PROCESSED);
        assertThat(get(a.claim("g", "2", Duration.ofSeconds(10)))).isEqualTo(Claim.CLAIMED);
        get(a.release("g", "2"));
        assertThat(get(b.claim("g", "2", Duration.ofMillis(100)))).isEqualTo(Claim.CLAIMED);
        // Claims made at once: one wins.
        var results = new java.util.ArrayList<CompletableFuture<Claim>>();
        for (int i = 0; i < 8; i++) {
            results.add((i % 2 == 0 ? a : b).claim("g", "race", Duration.ofSeconds(10)).toCompletableFuture());
        }
        assertThat(results.stream().map(CompletableFuture::join).filter(c -> c == Claim.CLAIMED)).hasSize(1);
        // Expired rows go.
        Thread.sleep(600);
        assertThat(a.deleteExpired().await().atMost(Duration.ofSeconds(10))).isEqualTo(2); // ids 1 and 2
        assertThat(get(a.claim("g", "1", Duration.ofSeconds(10)))).isEqualTo(Claim.CLAIMED);
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
    void aDatabaseThatIsDownSendsMessagesToTheFailureStrategyAndNoneIsLostOrProcessedTwice() throws Exception {
        get(store().release("g", "create-the-table"));
        try (FaultProxy proxy = new FaultProxy(HOST, PORT); SharedDedupHarness apps = new SharedDedupHarness()) {
            apps.aDownStoreLosesNothing(proxy, new PostgresDeduplicationStore(pool("127.0.0.1", proxy.port()), table),
                    2000, 30);
        }
    }
}
