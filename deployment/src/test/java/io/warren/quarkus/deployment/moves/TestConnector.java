package io.warren.quarkus.deployment.moves;

import java.util.concurrent.Flow;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.reactive.messaging.connector.InboundConnector;

/**
 * Another connector, to move a channel to. A test-local one rather than SmallRye's in-memory connector: as a second
 * connector on the module's class path, that one would stop Quarkus from attaching the other tests' channels to
 * Warren. {@link #send} emits on the caller's thread, as the in-memory connector does.
 */
@ApplicationScoped
@Connector(TestConnector.NAME)
public class TestConnector implements InboundConnector {

    public static final String NAME = "test-connector";

    private final UnicastProcessor<Message<?>> source = UnicastProcessor.create();

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        return source;
    }

    /** Emits a payload into the channel, on this thread. */
    public void send(Object payload) {
        source.onNext(Message.of(payload));
    }
}
