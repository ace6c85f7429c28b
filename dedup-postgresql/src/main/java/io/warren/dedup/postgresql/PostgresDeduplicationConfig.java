package io.warren.dedup.postgresql;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code postgresql} deduplication store. How long ids are kept is per channel: {@code deduplication.ttl}. */
@ConfigMapping(prefix = "quarkus.warren.dedup.postgresql")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface PostgresDeduplicationConfig {

    /** The reactive datasource to use, by its name in {@code quarkus.datasource."name".*}; the default one when unset. */
    Optional<String> datasource();

    /** The table of processed ids, optionally with its schema ({@code schema.table}). */
    @WithDefault("warren_processed_ids")
    String table();

    /** Whether the store creates the table and its index when they do not exist. */
    @WithDefault("true")
    boolean createTable();

    /** How often expired ids are deleted; 0 never (they are ignored once expired either way). */
    @WithDefault("60s")
    Duration cleanupInterval();
}
