package io.warren.connector.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LongSummaryStatistics;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.support.TestConfig;

/** The backoff of the {@code retry} strategy: growth, the cap, the attempt count, and the jitter taken off. */
class RetryPolicyTest {

    private static final int SAMPLES = 4000;

    private static LongSummaryStatistics sample(RetryPolicy policy, int retry) {
        return IntStream.range(0, SAMPLES).mapToLong(i -> policy.delay(retry)).summaryStatistics();
    }

    @Test
    void delaysGrowByTheMultiplierUntilTheCap() {
        RetryPolicy policy = new RetryPolicy(10, 100, 2.0, 1000, 0);
        assertThat(IntStream.rangeClosed(1, 6).mapToLong(policy::baseDelay).toArray())
                .containsExactly(100, 200, 400, 800, 1000, 1000);
        // Without jitter every delay is its base delay.
        assertThat(sample(policy, 3).getMin()).isEqualTo(400);
        assertThat(sample(policy, 3).getMax()).isEqualTo(400);
    }

    @Test
    void jitterOnlyShortensADelayByAtMostItsFraction() {
        RetryPolicy policy = new RetryPolicy(10, 100, 2.0, 1000, 0.5);
        LongSummaryStatistics third = sample(policy, 3); // base 400: between 200 and 400
        assertThat(third.getMin()).isGreaterThanOrEqualTo(200);
        assertThat(third.getMax()).isLessThanOrEqualTo(400);
        LongSummaryStatistics capped = sample(policy, 20); // capped at 1000 before the jitter, never above it
        assertThat(capped.getMin()).isGreaterThanOrEqualTo(500);
        assertThat(capped.getMax()).isLessThanOrEqualTo(1000);
    }

    @Test
    void jitterSpreadsDelaysOverItsWholeRange() {
        RetryPolicy policy = new RetryPolicy(10, 1000, 1.0, 60_000, 0.5);
        LongSummaryStatistics s = sample(policy, 1); // uniform over [500, 1000]: mean 750
        // Messages that failed together come back apart: close to both ends of the range, centred in between.
        assertThat(s.getMin()).isLessThan(550);
        assertThat(s.getMax()).isGreaterThan(950);
        assertThat(s.getAverage()).isBetween(720.0, 780.0);
        // A full jitter may take the whole delay off, never more.
        LongSummaryStatistics full = sample(new RetryPolicy(10, 1000, 1.0, 60_000, 1.0), 1);
        assertThat(full.getMin()).isBetween(0L, 100L);
        assertThat(full.getMax()).isLessThanOrEqualTo(1000);
    }

    @Test
    void maxAttemptsCountsTheFirstAttempt() {
        RetryPolicy policy = new RetryPolicy(3, 100, 2.0, 1000, 0);
        assertThat(policy.mayRetry(0)).isTrue();
        assertThat(policy.mayRetry(1)).isTrue();
        assertThat(policy.mayRetry(2)).isFalse();
    }

    @Test
    void outOfRangeAttributesAreClampedWhenRead() {
        RetryPolicy policy = RetryPolicy.from(new WarrenConnectorIncomingConfiguration(TestConfig.channel("retry")
                .with("retry.max-attempts", 0).with("retry.initial-delay", 0).with("retry.multiplier", 0.5)
                .with("retry.max-delay", 0).with("retry.jitter", 1.5).build()));
        assertThat(policy).isEqualTo(new RetryPolicy(1, 1, 1.0, 1, 1.0));
        assertThat(RetryPolicy.from(new WarrenConnectorIncomingConfiguration(TestConfig.channel("retry")
                .with("retry.jitter", -0.2).build())).jitter()).isZero();
        // The defaults: 3 attempts, 1 s growing twofold up to 60 s, a tenth of jitter.
        assertThat(RetryPolicy.from(new WarrenConnectorIncomingConfiguration(TestConfig.channel("retry").build())))
                .isEqualTo(new RetryPolicy(3, 1000, 2.0, 60_000, 0.1));
    }
}
