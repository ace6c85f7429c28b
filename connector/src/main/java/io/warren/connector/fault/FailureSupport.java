package io.warren.connector.fault;

import java.util.Optional;

import io.warren.connector.WarrenConnectorIncomingConfiguration;
import io.warren.connector.connection.ConfinedExecutor;

/**
 * What the built-in failure strategies need from their channel: its queue, its settings, its thread and a
 * {@link Republisher} for copies.
 *
 * @param channel the channel name
 * @param queue the queue the channel consumes from
 * @param config the channel configuration
 * @param owner the thread owning the channel
 * @param republisher publishes dead-letter and retry copies with confirms
 */
public record FailureSupport(String channel, String queue, WarrenConnectorIncomingConfiguration config,
        ConfinedExecutor owner, Republisher republisher) {

    /** Whether dead-lettering has somewhere to send: {@code auto-bind-dlq} or an explicit exchange. */
    public boolean hasDeadLetterTarget() {
        return config.getAutoBindDlq() || config.getDeadLetterExchange().isPresent();
    }

    /** The dead-letter exchange: the configured one, or {@link DeadLetterTarget#DEFAULT_EXCHANGE}. */
    public String deadLetterExchange() {
        return DeadLetterTarget.of(config, queue).exchange();
    }

    /** The dead-letter routing key: the configured one, or the queue name. */
    public String deadLetterRoutingKey() {
        return DeadLetterTarget.of(config, queue).routingKey();
    }

    /** The dead-letter queue: the configured one, or the queue name and {@link DeadLetterTarget#QUEUE_SUFFIX}. */
    public String deadLetterQueue() {
        return DeadLetterTarget.of(config, queue).queue();
    }

    /**
     * A configured value, for strategies that read attributes of their own ({@code park.queue}, say): the channel's
     * setting, or the connector-wide one. Empty when neither is set; attribute defaults are not applied here.
     */
    public Optional<String> value(String attribute) {
        return config.config().getOptionalValue(attribute, String.class);
    }
}
