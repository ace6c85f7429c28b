package io.warren.connector.incoming;

import java.util.List;

import io.warren.connector.IncomingRabbitMQMetadata;

/**
 * The metadata of each delivery in a batch, in delivery order.
 *
 * @param messages one entry per delivery
 */
public record IncomingRabbitMQBatchMetadata(List<IncomingRabbitMQMetadata> messages) {
}
