package io.warren.dedup.redis.deployment;

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

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The store in a Quarkus application: the build accepts {@code deduplication.store=redis} (the bean is there), the
 * store uses the application's Redis client and key prefix, and duplicates are skipped.
 */
class RedisStoreAppTest {

    static final String RUN = System.getProperty("warren.redis-app.run",
            "redis-app-" + UUID.randomUUID().toString().substring(0, 8));
    static {
        System.setProperty("warren.redis-app.run", RUN);
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
            .overrideConfigKey("quarkus.redis.hosts", "redis://" + System.getenv().getOrDefault("REDIS_HOST",
                    "127.0.0.1") + ":" + System.getenv().getOrDefault("REDIS_PORT", "6379"))
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.warren.dedup.redis.key-prefix", RUN + ":")
            .overrideConfigKey("mp.messaging.incoming.orders.queue.name", RUN)
            .overrideConfigKey("mp.messaging.incoming.orders.queue.auto-delete", "true")
            .overrideConfigKey("mp.messaging.incoming.orders.exchange.name", "\"\"")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication", "true")
            .overrideConfigKey("mp.messaging.incoming.orders.deduplication.store", "redis");

    @Inject
    Handler handler;

    @Inject
    RedisDataSource redis;

    @Test
    void duplicatesAreSkippedThroughTheApplicationsRedis() throws Exception {
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
        // Copies claimed at once race: whichever claims first is processed, so their order may change.
        assertThat(handler.seen()).containsExactlyInAnyOrder("body-a", "body-b", "body-c");
        String key = RUN + ":orders:a";
        assertThat(redis.value(String.class).get(key)).isEqualTo("D");
        assertThat(redis.key().pttl(key)).isPositive();
        redis.key().del(RUN + ":orders:a", RUN + ":orders:b", RUN + ":orders:c");
    }
}
