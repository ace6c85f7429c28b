package io.warren.demo;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.warren.connector.IncomingRabbitMQMetadata;

/** Watches the dead-letter queue of shipping: what kept failing, with the reason Warren put in the headers. */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger("demo.dead-letters");

    private final List<String> orders = new CopyOnWriteArrayList<>();

    @Inject
    Stats stats;

    @Incoming("shipping-dead-letters")
    public CompletionStage<Void> watch(Message<Confirmation> message) {
        IncomingRabbitMQMetadata md = message.getMetadata(IncomingRabbitMQMetadata.class).orElseThrow();
        Object reason = md.getHeaders().get("x-exception-message");
        LOG.errorf("DEAD  %s after %d attempts: %s", message.getPayload().orderId(), md.getRetryAttempt() + 1, reason);
        orders.add(message.getPayload().orderId());
        stats.countDeadLettered();
        return message.ack();
    }

    /** The orders dead-lettered so far. */
    public List<String> orders() {
        return List.copyOf(orders);
    }
}
