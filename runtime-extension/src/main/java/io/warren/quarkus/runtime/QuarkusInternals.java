package io.warren.quarkus.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.smallrye.reactivemessaging.runtime.ConnectorContextPropagationDecorator;
import io.quarkus.smallrye.reactivemessaging.runtime.QuarkusMediatorConfiguration;
import io.quarkus.smallrye.reactivemessaging.runtime.SmallRyeReactiveMessagingRecorder.SmallRyeReactiveMessagingContext;
import io.smallrye.reactive.messaging.PublisherDecorator;

/**
 * Every use Warren makes of Quarkus messaging classes that are not a public API, in one place. Neither Quarkus
 * messaging (its build items) nor SmallRye (its decorator and interceptor SPI) offers an extension point for these:
 * <ul>
 * <li><b>Which thread runs a synchronous {@code @Incoming} method.</b> Quarkus decides it per method at build time
 * and records it in {@link QuarkusMediatorConfiguration}, which SmallRye reads at start-up; no build item changes
 * it per method. An annotation transformer adding {@code @NonBlocking} would, but only at build time, and the
 * choice must follow a channel that the run-time configuration moves to another connector. So
 * {@link ChannelThreadSwitch} changes the recorded configuration, reached through Quarkus's messaging context bean,
 * before SmallRye creates the mediators.</li>
 * <li><b>Quarkus's connector decorator</b> ({@link ConnectorContextPropagationDecorator}), which clears the
 * propagated contexts around every message of every connector. {@link ChannelContextDecorator} replaces its bean
 * through SmallRye's public {@code PublisherDecorator}/{@code SubscriberDecorator} SPI and hands it every channel that
 * is not Warren's only; doing its clearing itself would copy Quarkus's code.</li>
 * </ul>
 * {@code QuarkusInternalsTest} checks each assumption by reflection and names the one a Quarkus upgrade broke; it
 * also fails on any Quarkus version other than {@link #CHECKED_AGAINST}, so that an upgrade re-reads this list.
 */
public final class QuarkusInternals {

    /** The Quarkus version these uses were last checked against. */
    public static final String CHECKED_AGAINST = "3.34.1";

    /** Quarkus's connector decorator, whose bean the build excludes in favour of {@link ChannelContextDecorator}. */
    public static final String CONTEXT_DECORATOR = ConnectorContextPropagationDecorator.class.getName();

    private QuarkusInternals() {
    }

    /** Quarkus's connector decorator, for the channels Warren leaves to it. */
    static PublisherDecorator contextDecorator(Optional<List<String>> propagated) {
        return new ConnectorContextPropagationDecorator(propagated);
    }

    /** The application's mediators as the build recorded them, before SmallRye creates them at start-up. */
    static List<Mediator> mediators() {
        try (InstanceHandle<SmallRyeReactiveMessagingContext> context = Arc.container()
                .instance(SmallRyeReactiveMessagingContext.class)) {
            List<Mediator> mediators = new ArrayList<>();
            for (QuarkusMediatorConfiguration c : context.get().getMediatorConfigurations()) {
                mediators.add(new Mediator(c));
            }
            return mediators;
        }
    }

    /** One mediator (a method with {@code @Incoming} or {@code @Outgoing}) as Quarkus configured it. */
    static final class Mediator {

        private final QuarkusMediatorConfiguration configuration;

        private Mediator(QuarkusMediatorConfiguration configuration) {
            this.configuration = configuration;
        }

        String beanId() {
            return configuration.getBeanId();
        }

        String methodName() {
            return configuration.getMethodName();
        }

        List<String> incoming() {
            return configuration.getIncoming();
        }

        /** Whether Quarkus runs the method on a worker thread. */
        boolean blocking() {
            return configuration.isBlocking();
        }

        /** The method, as Quarkus names it in its own messages. */
        String describe() {
            return configuration.methodAsString();
        }

        /** Runs the method on the thread that delivers its messages instead. */
        void runOnCallerThread() {
            configuration.setBlocking(false);
        }
    }
}
