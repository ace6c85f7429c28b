package io.warren.connector.fault;

import java.util.concurrent.ThreadLocalRandom;

import io.warren.connector.WarrenConnectorIncomingConfiguration;

/**
 * Exponential backoff: attempt {@code n} (1 for the first retry) waits
 * {@code min(initial * multiplier^(n-1), max)}, shortened by up to {@code jitter} of itself at random so that
 * messages that failed together do not come back together.
 *
 * @param maxAttempts total processing attempts, the first one included
 * @param initialDelayMs the delay before the first retry
 * @param multiplier the growth factor between retries
 * @param maxDelayMs the cap on a delay
 * @param jitter the random fraction, between 0 and 1, taken off a delay
 */
public record RetryPolicy(int maxAttempts, long initialDelayMs, double multiplier, long maxDelayMs, double jitter) {

    /** Reads the {@code retry.*} attributes. */
    public static RetryPolicy from(WarrenConnectorIncomingConfiguration cfg) {
        return new RetryPolicy(Math.max(1, cfg.getRetryMaxAttempts()), Math.max(1, cfg.getRetryInitialDelay()),
                Math.max(1.0, cfg.getRetryMultiplier()), Math.max(1, cfg.getRetryMaxDelay()),
                Math.min(1.0, Math.max(0.0, cfg.getRetryJitter())));
    }

    /** The delay before retry number {@code retry} (1-based), without jitter. */
    public long baseDelay(int retry) {
        double d = initialDelayMs * Math.pow(multiplier, Math.max(0, retry - 1));
        return (long) Math.min(d, maxDelayMs);
    }

    /** The delay before retry number {@code retry}, with jitter applied. */
    public long delay(int retry) {
        long base = baseDelay(retry);
        return base - (long) (base * jitter * ThreadLocalRandom.current().nextDouble());
    }

    /** Whether a message that has already been retried {@code retries} times may be retried once more. */
    public boolean mayRetry(int retries) {
        return retries + 1 < maxAttempts;
    }
}
