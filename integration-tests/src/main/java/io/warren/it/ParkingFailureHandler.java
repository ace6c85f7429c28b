package io.warren.it;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import io.smallrye.common.annotation.Identifier;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.IncomingRabbitMQMessage;

/** A custom failure strategy: records the failure, then acks the message. */
@ApplicationScoped
@Identifier("park")
public class ParkingFailureHandler implements FailureHandler {

    private final List<String> parked = new CopyOnWriteArrayList<>();

    @Override
    public CompletionStage<Void> handle(IncomingRabbitMQMessage<?> message, Throwable reason, Metadata metadata) {
        parked.add(message.describeId() + ": " + reason.getMessage());
        return message.settleAck();
    }

    public List<String> parked() {
        return parked;
    }

    /** A handler that refuses orders for one customer, so that the strategy has work. */
    @ApplicationScoped
    public static class Picky {
        @Incoming("picky")
        public void take(PricedOrder order) {
            if ("mallory".equals(order.customer())) {
                throw new IllegalStateException("we do not serve " + order.customer());
            }
        }
    }
}
