package io.warren.quarkus.runtime;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.PublisherDecorator;
import io.smallrye.reactive.messaging.SubscriberDecorator;
import io.warren.connector.WarrenConnector;

/**
 * Quarkus's connector decorator, minus the per-message context clearing on Warren's incoming channels.
 * <p>
 * For every message of a connector, Quarkus captures and clears the propagated contexts (CDI request context,
 * Vert.x context, ...) of the emitting thread, so that a connector's thread cannot leak them into handlers. A Warren
 * channel emits from a thread of its own that never holds such a context, so the clearing finds nothing to clear; it
 * took about an eighth of that thread's time. Other connectors' channels keep Quarkus's behaviour unchanged: this
 * bean replaces Quarkus's (the build excludes it) and hands those channels to it, at its priority.
 * {@code quarkus.warren.clear-contexts-per-message=true} restores Quarkus's decorator for Warren too.
 */
@Singleton
public class ChannelContextDecorator implements PublisherDecorator, SubscriberDecorator {

    private final PublisherDecorator quarkus;

    @Inject
    public ChannelContextDecorator(
            @ConfigProperty(name = "quarkus.messaging.connector-context-propagation") Optional<List<String>> propagated) {
        this.quarkus = QuarkusInternals.contextDecorator(propagated);
    }

    @Override
    public Multi<? extends Message<?>> decorate(Multi<? extends Message<?>> publisher, List<String> channelName,
            boolean isConnector) {
        if (isConnector && !channelName.isEmpty() && channelName.stream().allMatch(ChannelContextDecorator::warrenOnly)) {
            return publisher;
        }
        return quarkus.decorate(publisher, channelName, isConnector);
    }

    @Override
    public int getPriority() {
        return quarkus.getPriority();
    }

    /**
     * Whether the channel is a Warren incoming channel, and not also an outgoing channel of another connector:
     * publishers and subscribers are decorated through the same method.
     */
    static boolean warrenOnly(String channel) {
        Config config = ConfigProvider.getConfig();
        String incoming = config.getOptionalValue("mp.messaging.incoming." + channel + ".connector", String.class)
                .orElse(null);
        String outgoing = config.getOptionalValue("mp.messaging.outgoing." + channel + ".connector", String.class)
                .orElse(WarrenConnector.CONNECTOR_NAME);
        return WarrenConnector.CONNECTOR_NAME.equals(incoming) && WarrenConnector.CONNECTOR_NAME.equals(outgoing);
    }
}
