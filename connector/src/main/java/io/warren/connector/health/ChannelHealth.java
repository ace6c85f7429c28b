package io.warren.connector.health;

import io.smallrye.reactive.messaging.health.HealthReport;

/**
 * The health of one channel, kept up to date by the channel from connection and AMQP channel events.
 * Readiness is true while the channel can consume or publish; liveness turns false only when the channel has
 * failed for good.
 */
public final class ChannelHealth {

    private final String channel;
    private final boolean enabled;
    private final boolean readinessEnabled;
    private volatile boolean ready;
    private volatile String problem = "starting";
    private volatile String note;
    private volatile Throwable failure;

    /**
     * @param channel the channel name
     * @param enabled whether health is reported at all
     * @param readinessEnabled whether readiness is reported
     */
    public ChannelHealth(String channel, boolean enabled, boolean readinessEnabled) {
        this.channel = channel;
        this.enabled = enabled;
        this.readinessEnabled = readinessEnabled;
    }

    /** The channel is consuming or able to publish. */
    public void up() {
        ready = true;
        problem = null;
    }

    /** The channel cannot work right now, for this reason; it is trying to recover. */
    public void down(String reason) {
        ready = false;
        problem = reason;
    }

    /**
     * A problem that does not stop the channel (a dead-letter queue not declared yet, publishing paused by the
     * broker), shown in the health data while the channel is ready; null clears it.
     */
    public void note(String note) {
        this.note = note;
    }

    /** The current note, or null. */
    public String note() {
        return note;
    }

    /** The channel failed for good. */
    public void failed(Throwable reason) {
        ready = false;
        failure = reason;
        problem = "failed: " + reason;
    }

    public String channel() {
        return channel;
    }

    public boolean isReady() {
        return ready && failure == null;
    }

    public boolean isAlive() {
        return failure == null;
    }

    /** Why the channel is not ready, or null. */
    public String problem() {
        return problem;
    }

    /** Adds this channel to a health report. */
    public void report(HealthReport.HealthReportBuilder builder, boolean readiness) {
        if (!enabled || (readiness && !readinessEnabled)) {
            return;
        }
        boolean ok = readiness ? isReady() : isAlive();
        builder.add(channel, ok, ok ? note : problem);
    }
}
