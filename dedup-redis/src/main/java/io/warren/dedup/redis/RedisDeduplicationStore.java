package io.warren.dedup.redis;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.quarkus.redis.client.RedisClientName;
import io.smallrye.common.annotation.Identifier;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.warren.connector.dedup.DeduplicationStore;

/**
 * The {@code redis} deduplication store: one key per message id, {@code <key-prefix><group>:<id>}, holding
 * {@code P} while a consumer processes the message and {@code D} once it is done. Redis expires the keys itself: a
 * claim after {@code deduplication.lease}, a processed id after {@code deduplication.ttl}. Each call is one round trip
 * on the Quarkus Redis client (a script, so that claiming is atomic), and never blocks.
 */
@ApplicationScoped
@Identifier(RedisDeduplicationStore.NAME)
public class RedisDeduplicationStore implements DeduplicationStore {

    /** The name to select it with: {@code deduplication.store=redis}. */
    public static final String NAME = "redis";

    /** Sets the claim if there is none and answers C; otherwise answers the state found (P or D). */
    static final String CLAIM = "if redis.call('SET', KEYS[1], 'P', 'NX', 'PX', ARGV[1]) then return 'C' "
            + "else return redis.call('GET', KEYS[1]) or 'P' end";
    /** Deletes a claim, but never a processed id. */
    static final String RELEASE = "if redis.call('GET', KEYS[1]) == 'P' then return redis.call('DEL', KEYS[1]) "
            + "else return 0 end";

    private final Redis redis;
    private final String prefix;

    /** In Quarkus: the client named by {@code quarkus.warren.dedup.redis.client-name}, or the default one. */
    @Inject
    public RedisDeduplicationStore(RedisDeduplicationConfig config, @Any Instance<Redis> clients) {
        this(config.clientName().map(n -> clients.select(RedisClientName.Literal.of(n)).get())
                .orElseGet(() -> clients.select(jakarta.enterprise.inject.Default.Literal.INSTANCE).get()),
                config.keyPrefix());
    }

    /**
     * Outside CDI.
     *
     * @param redis a Redis client
     * @param keyPrefix the prefix of every key, such as {@code warren:dedup:}
     */
    public RedisDeduplicationStore(Redis redis, String keyPrefix) {
        this.redis = redis;
        this.prefix = keyPrefix;
    }

    String key(String group, String messageId) {
        return prefix + group + ":" + messageId;
    }

    @Override
    public CompletionStage<Claim> claim(String group, String messageId, Duration lease) {
        return redis.send(Request.cmd(Command.EVAL).arg(CLAIM).arg(1).arg(key(group, messageId))
                .arg(Math.max(1, lease.toMillis())))
                .map(RedisDeduplicationStore::claimOf).subscribeAsCompletionStage();
    }

    private static Claim claimOf(Response r) {
        String state = r == null ? "C" : r.toString();
        return switch (state) {
            case "C" -> Claim.CLAIMED;
            case "D" -> Claim.PROCESSED;
            default -> Claim.IN_PROGRESS;
        };
    }

    @Override
    public CompletionStage<Void> markProcessed(String group, String messageId, Duration ttl) {
        return redis.send(Request.cmd(Command.SET).arg(key(group, messageId)).arg("D").arg("PX")
                .arg(Math.max(1, ttl.toMillis()))).replaceWithVoid().subscribeAsCompletionStage();
    }

    @Override
    public CompletionStage<Void> release(String group, String messageId) {
        return redis.send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(key(group, messageId)))
                .replaceWithVoid().subscribeAsCompletionStage();
    }
}
