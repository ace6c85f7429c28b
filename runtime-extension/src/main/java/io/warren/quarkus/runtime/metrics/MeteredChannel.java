package io.warren.quarkus.runtime.metrics;

import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.connector.observe.ChannelCounters;
import io.warren.connector.observe.ConnectionState;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.PublishOutcome;

/**
 * One channel's counters as Micrometer meters, all registered when the channel is created: counters and gauges are
 * functions of the {@link ChannelCounters} (nothing more per message than the counting), and the two timers are
 * recorded directly. The names follow Micrometer's conventions (lower-case, dot-separated, base units), so that
 * Prometheus shows {@code warren_incoming_delivered_total}, {@code warren_outgoing_confirm_latency_seconds} and so on.
 */
final class MeteredChannel extends ChannelCounters {

    /** Prometheus wants one set of tag keys per meter name; the default exchange has no name, so it gets RabbitMQ's. */
    static final String DEFAULT_EXCHANGE = "amq.default";

    private final Timer processing;
    private final Timer confirmLatency;

    MeteredChannel(ObservedChannel channel, MeterRegistry registry) {
        super(channel);
        String exchange = channel.exchange().isEmpty() ? DEFAULT_EXCHANGE : channel.exchange();
        Tags connectionTags = Tags.of("channel", channel.name(), "direction", channel.direction());
        if (channel.incoming()) {
            Tags tags = Tags.of("channel", channel.name(), "queue", channel.queue());
            counter(registry, "warren.incoming.delivered", "Deliveries received, duplicates included", tags,
                    ChannelCounters::delivered);
            counter(registry, "warren.incoming.acked", "Messages processed successfully and acked", tags,
                    ChannelCounters::acked);
            counter(registry, "warren.incoming.failed",
                    "Messages nacked by the application, handed to the failure strategy",
                    tags.and("strategy", channel.failureStrategy()), ChannelCounters::failed);
            counter(registry, "warren.incoming.redelivered", "Deliveries flagged as redelivered by the broker", tags,
                    ChannelCounters::redelivered);
            counter(registry, "warren.incoming.deduplicated", "Duplicates dropped (and acked) by deduplication", tags,
                    ChannelCounters::deduplicated);
            gauge(registry, "warren.incoming.in.flight", "Messages handed to the application, not yet acked or nacked",
                    tags, ChannelCounters::inFlight);
            gauge(registry, "warren.incoming.prefetch.used", "Deliveries not yet settled on the broker", tags,
                    ChannelCounters::unsettled);
            gauge(registry, "warren.incoming.prefetch.limit", "The prefetch (max-outstanding-messages)", tags,
                    c -> c.channel().prefetch());
            this.processing = Timer.builder("warren.incoming.processing")
                    .description("Time from delivery to the application's ack or nack").tags(tags).register(registry);
            this.confirmLatency = null;
        } else {
            Tags tags = Tags.of("channel", channel.name(), "exchange", exchange);
            counter(registry, "warren.outgoing.sent", "Messages handed to the broker (again after a recovery)", tags,
                    ChannelCounters::sent);
            counter(registry, "warren.outgoing.confirmed", "Messages confirmed by the broker", tags,
                    ChannelCounters::confirmed);
            counter(registry, "warren.outgoing.nacked", "Messages nacked by the broker", tags, ChannelCounters::nacked);
            counter(registry, "warren.outgoing.returned", "Messages returned as unroutable", tags,
                    ChannelCounters::returned);
            counter(registry, "warren.outgoing.timed.out", "Messages not confirmed within confirm-timeout", tags,
                    ChannelCounters::timedOut);
            gauge(registry, "warren.outgoing.awaiting.confirm", "Messages published and awaiting their confirm", tags,
                    ChannelCounters::awaitingConfirm);
            gauge(registry, "warren.outgoing.buffered", "Messages waiting for the channel to be connected", tags,
                    ChannelCounters::buffered);
            this.confirmLatency = Timer.builder("warren.outgoing.confirm.latency")
                    .description("Time from publish to the broker's confirm").tags(tags).register(registry);
            this.processing = null;
        }
        for (ConnectionState state : ConnectionState.values()) {
            gauge(registry, "warren.connection.state", "1 for the channel's connection state, 0 for the others",
                    connectionTags.and("state", state.label()), c -> c.state() == state ? 1 : 0);
        }
        counter(registry, "warren.connection.recoveries", "Times the client recovered the connection", connectionTags,
                ChannelCounters::recoveries);
        FunctionCounter.builder("warren.connection.blocked.time", this, c -> c.blockedNanos() / 1e9)
                .description("Time the broker blocked the connection (resource alarm)").baseUnit("seconds")
                .tags(connectionTags).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, Tags tags,
            ToDoubleFunction<ChannelCounters> f) {
        FunctionCounter.builder(name, this, f).description(description).tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, Tags tags,
            ToDoubleFunction<ChannelCounters> f) {
        Gauge.builder(name, this, f).description(description).tags(tags).register(registry);
    }

    @Override
    public void delivered(IncomingRabbitMQMessage<?> message) {
        message.observedAt(System.nanoTime());
        super.delivered(message);
    }

    @Override
    public void handled(IncomingRabbitMQMessage<?> message, Throwable failure) {
        super.handled(message, failure);
        long start = message.observedAt();
        if (start != 0) {
            processing.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void publishSettled(PublishOutcome outcome, long publishedAtNanos) {
        super.publishSettled(outcome, publishedAtNanos);
        if (outcome != PublishOutcome.TIMED_OUT) {
            confirmLatency.record(System.nanoTime() - publishedAtNanos, TimeUnit.NANOSECONDS);
        }
    }
}
