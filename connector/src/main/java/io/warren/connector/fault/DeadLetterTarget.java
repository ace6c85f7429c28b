package io.warren.connector.fault;

import io.warren.connector.WarrenConnectorIncomingConfiguration;

/**
 * Where a channel's dead letters go, with the defaults written once: exchange {@code DLX} (as in smallrye-rabbitmq),
 * routing key the queue name, queue {@code <queue>.dlq}.
 *
 * @param exchange the dead-letter exchange
 * @param routingKey the routing key dead letters are published with
 * @param queue the dead-letter queue {@code auto-bind-dlq} declares
 */
public record DeadLetterTarget(String exchange, String routingKey, String queue) {

    /** The exchange used when {@code dead-letter-exchange} is not set. */
    public static final String DEFAULT_EXCHANGE = "DLX";
    /** The suffix of the default dead-letter queue name. */
    public static final String QUEUE_SUFFIX = ".dlq";

    /** Reads the target of a channel consuming {@code queue}. */
    public static DeadLetterTarget of(WarrenConnectorIncomingConfiguration cfg, String queue) {
        return new DeadLetterTarget(cfg.getDeadLetterExchange().orElse(DEFAULT_EXCHANGE),
                cfg.getDeadLetterRoutingKey().orElse(queue), cfg.getDeadLetterQueueName().orElse(queue + QUEUE_SUFFIX));
    }
}
