package io.warren.dedup.postgresql;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Default;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.reactive.datasource.ReactiveDataSource;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.warren.connector.dedup.DeduplicationStore;

/**
 * The {@code postgresql} deduplication store: one row per message id in a table of its own
 * ({@code quarkus.warren.dedup.postgresql.table}), in state {@code P} while a consumer processes the message and
 * {@code D} once it is done, with the time it expires. Claims are one statement (an insert that takes over only an
 * expired row), so of two consumers claiming at once one wins. Expired rows are ignored at once and deleted every
 * {@code cleanup-interval}. Statements run on the Quarkus reactive datasource and never block.
 */
@ApplicationScoped
@Identifier(PostgresDeduplicationStore.NAME)
public class PostgresDeduplicationStore implements DeduplicationStore {

    /** The name to select it with: {@code deduplication.store=postgresql}. */
    public static final String NAME = "postgresql";

    private static final Logger LOG = Logger.getLogger(PostgresDeduplicationStore.class);
    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?");

    private final Pool pool;
    private final String table;
    private final String claim;
    private final String processed;
    private final String release;
    private final String expired;
    private volatile boolean tableReady;
    private final AtomicReference<CompletableFuture<Void>> creating = new AtomicReference<>();
    private Vertx timerVertx;
    private long timer = -1;

    /** In Quarkus: the datasource named by {@code quarkus.warren.dedup.postgresql.datasource}, or the default. */
    @Inject
    public PostgresDeduplicationStore(PostgresDeduplicationConfig config, @Any Instance<Pool> pools, Vertx vertx) {
        this(config.datasource().map(n -> pools.select(new ReactiveDataSource.ReactiveDataSourceLiteral(n)).get())
                .orElseGet(() -> pools.select(Default.Literal.INSTANCE).get()), config.table());
        this.tableReady = !config.createTable();
        long every = config.cleanupInterval().toMillis();
        if (every > 0) {
            this.timerVertx = vertx;
            this.timer = vertx.setPeriodic(every, id -> deleteExpired().subscribe().with(
                    n -> LOG.debugf("Deduplication store '%s': %d expired ids deleted", NAME, n),
                    t -> LOG.debugf("Deduplication store '%s': could not delete expired ids: %s", NAME, t)));
        }
    }

    /**
     * Outside CDI; the table is created on first use.
     *
     * @param pool a PostgreSQL pool
     * @param table the table, such as {@code warren_processed_ids} or {@code messaging.processed_ids}
     */
    public PostgresDeduplicationStore(Pool pool, String table) {
        if (!TABLE.matcher(table).matches()) {
            throw new IllegalArgumentException("'" + table + "' is not a table name: use letters, digits and _, "
                    + "optionally schema.table");
        }
        this.pool = pool;
        this.table = table;
        this.claim = "WITH ins AS (INSERT INTO " + table + " AS t (grp, id, state, expires_at) "
                + "VALUES ($1, $2, 'P', now() + $3::bigint * interval '1 millisecond') "
                + "ON CONFLICT (grp, id) DO UPDATE SET state = 'P', expires_at = EXCLUDED.expires_at "
                + "WHERE t.expires_at < now() RETURNING 'C'::text AS outcome) "
                + "SELECT outcome FROM ins UNION ALL SELECT state::text FROM " + table
                + " WHERE grp = $1 AND id = $2 AND NOT EXISTS (SELECT 1 FROM ins)";
        this.processed = "INSERT INTO " + table + " AS t (grp, id, state, expires_at) "
                + "VALUES ($1, $2, 'D', now() + $3::bigint * interval '1 millisecond') "
                + "ON CONFLICT (grp, id) DO UPDATE SET state = 'D', expires_at = EXCLUDED.expires_at";
        this.release = "DELETE FROM " + table + " WHERE grp = $1 AND id = $2 AND state = 'P'";
        this.expired = "DELETE FROM " + table + " WHERE expires_at < now()";
    }

    /** Creates the table and its index if they do not exist. */
    public Uni<Void> createTable() {
        String index = table.substring(table.indexOf('.') + 1) + "_expires_at";
        return pool.query("CREATE TABLE IF NOT EXISTS " + table + " (grp VARCHAR(255) NOT NULL, "
                + "id VARCHAR(255) NOT NULL, state CHAR(1) NOT NULL, expires_at TIMESTAMPTZ NOT NULL, "
                + "PRIMARY KEY (grp, id))").execute()
                .chain(() -> pool.query("CREATE INDEX IF NOT EXISTS " + index + " ON " + table + " (expires_at)")
                        .execute())
                .replaceWithVoid()
                .onFailure().retry().withBackOff(Duration.ofMillis(50)).atMost(2) // two instances creating it at once
                .invoke(() -> tableReady = true);
    }

    private Uni<RowSet<Row>> run(String sql, Tuple args) {
        if (tableReady) {
            return pool.preparedQuery(sql).execute(args);
        }
        return Uni.createFrom().completionStage(this::tableCreated).chain(() -> pool.preparedQuery(sql).execute(args));
    }

    /** One creation of the table for every statement waiting for it; a failed one is tried again by the next. */
    private CompletableFuture<Void> tableCreated() {
        while (true) {
            CompletableFuture<Void> current = creating.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<Void> next = new CompletableFuture<>();
            if (creating.compareAndSet(current, next)) {
                createTable().subscribe().with(v -> next.complete(null), next::completeExceptionally);
                return next;
            }
        }
    }

    @Override
    public CompletionStage<Claim> claim(String group, String messageId, Duration lease) {
        return run(claim, Tuple.of(group, messageId, Math.max(1, lease.toMillis()))).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return Claim.IN_PROGRESS; // taken by a claim committed after this statement began: look again
            }
            return switch (rows.iterator().next().getString(0)) {
                case "C" -> Claim.CLAIMED;
                case "D" -> Claim.PROCESSED;
                default -> Claim.IN_PROGRESS;
            };
        }).subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> markProcessed(String group, String messageId, Duration ttl) {
        return run(processed, Tuple.of(group, messageId, Math.max(1, ttl.toMillis()))).replaceWithVoid()
                .subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> release(String group, String messageId) {
        return run(release, Tuple.of(group, messageId)).replaceWithVoid().subscribeAsCompletionStage();
    }

    /** Deletes the expired ids; how many. */
    public Uni<Integer> deleteExpired() {
        return run(expired, Tuple.tuple()).map(RowSet::rowCount);
    }

    @PreDestroy
    void stopCleanup() {
        if (timer >= 0 && timerVertx != null) {
            timerVertx.cancelTimer(timer);
        }
    }
}
