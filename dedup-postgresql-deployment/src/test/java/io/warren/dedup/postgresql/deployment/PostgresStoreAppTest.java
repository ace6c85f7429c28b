package io.warren.dedup.postgresql.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.quarkus.test.QuarkusUnitTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The store in a Quarkus application: the build accepts {@code deduplication.store=postgresql}, the store creates its
 * table on the application's reactive datasource, and duplicates are skipped.
 */
class PostgresStoreAppTest {

    static final String RUN = System.getProperty("warren.pg-app.run",
            "pg_app_" + UUID.randomUUID().toString().substring(0, 8));
    static {
        System.setProperty("warren.pg-app.run", RUN);
    }
    static final String HOST = System.getenv().getOrDefault("RABBITMQ_HOST", "127.0.0.1");
    static final String PORT = System.getenv().getOrDefault("RABBITMQ_PORT", "5672");

    @ApplicationScoped
    public static class Handler {
        final List<String> seen = new CopyOnWriteArrayList<>();

        @Incoming("orders")
        public void take(String body) {
            seen.add(body);
        }

        List<String> seen() {
            return seen;
        }
    }

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Handler.class))
            .overrideConfigKey("rabbitmq-host", HOST)
            .overrideConfigKey("rabbitmq-port", PORT)
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.username", System.getenv().getOrDefault("PGUSER", "postgres"))
            .overrideConfigKey("quarkus.datasource.reactive.url", "postgresql://"
                    + System.getenv().getOrDefault("PGHOST", "127.0.0.1") + ":"
                    + System.getenv().getOrDefault("PGPORT", "5432") + "/test")
            .overrideConfigKey("quarkus.warren.dedup.postgresql.table", RUN)
            .overrideConfigKey("mp.messaging.incoming.orders.queue.name", RUN)
            .overrideConfigKey("mp.messaging.incoming.orders.queue.auto-delete", "true")
            .overrideConfigKey("mp.messaging.incoming.orders.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication", "true")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication.store", "postgresql");

    @Inject
    Handler handler;

    @Inject
    Pool pool;

    @Test
    void duplicatesAreSkippedThroughTheApplicationsDatasource() throws Exception {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(HOST);
        f.setPort(Integer.parseInt(PORT));
        try (Connection c = f.newConnection()) {
            var ch = c.createChannel();
            await().atMost(Duration.ofSeconds(15)).until(() -> {
                try (var probe = c.createChannel()) {
                    probe.queueDeclarePassive(RUN);
                    return true;
                } catch (Exception e) {
                    return false;
                }
            });
            for (String id : List.of("a", "b", "a", "c", "b", "a")) {
                ch.basicPublish("", RUN, new AMQP.BasicProperties.Builder().messageId(id).build(),
                        ("body-" + id).getBytes(StandardCharsets.UTF_8));
            }
            await().atMost(Duration.ofSeconds(15)).until(() -> handler.seen().size() == 3
                    && ch.queueDeclarePassive(RUN).getMessageCount() == 0);
            Thread.sleep(300);
        }
        try {
            // Copies claimed at once race: whichever claims first is processed, so their order may change.
            assertThat(handler.seen()).containsExactlyInAnyOrder("body-a", "body-b", "body-c");
            List<String> rows = pool.query("SELECT grp || '/' || id || '=' || state FROM " + RUN + " ORDER BY id")
                    .execute().await().atMost(Duration.ofSeconds(10)).stream().map(r -> ((Row) r).getString(0))
                    .toList();
            assertThat(rows).containsExactly("orders/a=D", "orders/b=D", "orders/c=D");
        } finally {
            pool.query("DROP TABLE IF EXISTS " + RUN).execute().await().atMost(Duration.ofSeconds(10));
        }
    }
}
