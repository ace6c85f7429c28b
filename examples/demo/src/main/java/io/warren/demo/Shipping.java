package io.warren.demo;

import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.warren.connector.IncomingRabbitMQMetadata;

/**
 * Books a courier for each confirmation. The courier times out on the first try of every fourth order (Warren
 * retries it after a backoff), and mallory's address is always refused (after the last retry Warren dead-letters
 * the message).
 */
@ApplicationScoped
public class Shipping {

    private static final Logger LOG = Logger.getLogger("demo.shipping");

    @Inject
    Stats stats;

    @Incoming("shipping")
    public CompletionStage<Void> ship(Message<Confirmation> message) {
        Confirmation c = message.getPayload();
        int attempt = message.getMetadata(IncomingRabbitMQMetadata.class).map(IncomingRabbitMQMetadata::getRetryAttempt)
                .orElse(0);
        if (c.customer().equals("mallory")) {
            LOG.warnf("SHIP  %s failed (attempt %d): address of mallory refused by the courier", c.orderId(),
                    attempt + 1);
            return message.nack(new IllegalStateException("address of " + c.customer() + " refused by the courier"));
        }
        if (number(c.orderId()) % 4 == 0 && attempt == 0) {
            LOG.warnf("SHIP  %s failed (attempt 1): courier timed out; Warren retries it", c.orderId());
            return message.nack(new IllegalStateException("courier timed out"));
        }
        stats.countShipped(attempt > 0);
        LOG.infof("SHIP  %s %d x %s to %s%s", c.orderId(), c.quantity(), c.sku(), c.customer(),
                attempt > 0 ? " (after " + attempt + " retry)" : "");
        return message.ack();
    }

    static int number(String orderId) {
        return Integer.parseInt(orderId.substring(orderId.indexOf('-') + 1));
    }
}
