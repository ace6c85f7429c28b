package io.warren.dedup.redis;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code redis} deduplication store. How long ids are kept is per channel: {@code deduplication.ttl}. */
@ConfigMapping(prefix = "quarkus.warren.dedup.redis")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface RedisDeduplicationConfig {

    /**
     * The Redis client to use, by its name in {@code quarkus.redis."name".hosts}; the default client when unset.
     */
    Optional<String> clientName();

    /** The prefix of every key the store writes, followed by the channel group and the message id. */
    @WithDefault("warren:dedup:")
    String keyPrefix();
}
