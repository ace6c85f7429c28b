package io.warren.quarkus.deployment.devservices;

import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.warren.quarkus.deployment.devservices.BrokerSelection.LocalBroker;

/**
 * Looks for a broker at an address by opening, then closing, an AMQP connection with the application's user: a
 * port that accepts TCP but not that user is no use to the application.
 */
final class LocalBrokerProbe {

    private static final int TIMEOUT_MS = 1500;

    private LocalBrokerProbe() {
    }

    static LocalBroker probe(BrokerAddress address, Credentials credentials) {
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(address.host());
        f.setPort(address.port());
        f.setUsername(credentials.username());
        f.setPassword(credentials.password());
        f.setConnectionTimeout(TIMEOUT_MS);
        f.setHandshakeTimeout(TIMEOUT_MS);
        f.setShutdownTimeout(0);
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection("warren-devservices-probe")) {
            Object product = c.getServerProperties().get("product");
            return LocalBroker.found(product == null ? "a broker" : product.toString(),
                    EmbeddedBrokerService.isOwnPort(address));
        } catch (PossibleAuthenticationFailureException e) {
            return LocalBroker.none("it refused the user '" + credentials.username() + "'");
        } catch (Exception e) {
            String message = e.getMessage();
            return LocalBroker.none(message == null ? e.getClass().getSimpleName() : message);
        }
    }
}
