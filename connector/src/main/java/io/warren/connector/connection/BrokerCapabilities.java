package io.warren.connector.connection;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.util.Locale;

import com.rabbitmq.client.Connection;

/**
 * What the broker at the other end of a connection can do. Warren uses RabbitMQ's extensions (direct reply-to,
 * queue TTLs and dead-lettering, queue types) on RabbitMQ, and falls back to plain AMQP 0-9-1 elsewhere, such as on
 * the embedded Qpid Broker-J of Dev Services; where there is no fallback, the error says that RabbitMQ is needed.
 *
 * @param product the broker's product name, as it announces itself
 * @param rabbitMq whether the broker is RabbitMQ
 */
public record BrokerCapabilities(String product, boolean rabbitMq) {

    /** Reads the product the broker announced when the connection opened. */
    public static BrokerCapabilities of(Connection connection) {
        Object product = connection.getServerProperties().get("product");
        String name = product == null ? "an unknown broker" : product.toString();
        return new BrokerCapabilities(name, name.toLowerCase(Locale.ROOT).contains("rabbitmq"));
    }

    /** The message for a feature this broker lacks: {@code "<feature> needs RabbitMQ; the broker is <product>"}. */
    public String needsRabbitMq(String feature) {
        return MSG.needsRabbitMq(feature, product);
    }

    /** Thrown when a channel asks for something only RabbitMQ does; its message says so. */
    public static final class UnsupportedFeatureException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public UnsupportedFeatureException(String message) {
            super(message);
        }
    }
}
