package io.warren.connector.incoming;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import io.warren.connector.WarrenConnectorIncomingConfiguration;

/** The deduplication attributes of a channel, read once. */
final class DedupSettings {

    /** A completed stage, for channels without deduplication. */
    static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private DedupSettings() {
    }

    static DedupGate.Settings of(WarrenConnectorIncomingConfiguration cfg) {
        return new DedupGate.Settings(cfg.getDeduplicationStore(), Duration.ofMillis(cfg.getDeduplicationLease()),
                Duration.ofMillis(cfg.getDeduplicationTtl()), cfg.getDeduplicationTimeout(),
                Math.max(1, cfg.getRequeueDelay()));
    }
}
