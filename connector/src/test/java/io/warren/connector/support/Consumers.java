package io.warren.connector.support;

import java.util.concurrent.Flow;

import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.warren.connector.WarrenConnector;

/** Opens a channel of a connector as a Multi, as SmallRye would. */
public final class Consumers {

    private Consumers() {
    }

    @SuppressWarnings("unchecked")
    public static Multi<Message<?>> consume(WarrenConnector connector, TestConfig config) {
        return Multi.createFrom().publisher((Flow.Publisher<Message<?>>) connector.getPublisher(config.build()));
    }
}
