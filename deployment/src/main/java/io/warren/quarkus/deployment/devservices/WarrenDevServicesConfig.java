package io.warren.quarkus.deployment.devservices;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;

/**
 * Dev Services for Warren: in dev and test mode, when no broker address is configured, Warren finds or starts a
 * broker and points the application at it.
 */
@ConfigGroup
public interface WarrenDevServicesConfig {

    /** Where Dev Services take the broker from. */
    enum Mode {
        /** The first that works: a broker answering at {@code local-address}, a container, the embedded broker. */
        AUTO,
        /** Only a broker already answering at {@code local-address}; fails when there is none. */
        LOCAL,
        /** Only a RabbitMQ container (Testcontainers); fails when no container runtime works. */
        CONTAINER,
        /** Only the in-JVM broker (Apache Qpid Broker-J, in memory); needs neither RabbitMQ nor a container runtime. */
        EMBEDDED
    }

    /**
     * Whether Dev Services provide a broker. They never run in production mode, nor when a broker is configured:
     * {@code rabbitmq-host}, {@code rabbitmq-addresses} or {@code rabbitmq-port}, the same attributes under
     * {@code mp.messaging.connector.warren.}, or on every Warren channel.
     */
    @WithDefault("true")
    boolean enabled();

    /** Where the broker comes from: {@code auto}, {@code local}, {@code container} or {@code embedded}. */
    @WithDefault("auto")
    Mode mode();

    /**
     * Where a running broker is looked for first (modes {@code auto} and {@code local}), as {@code host:port}. A broker
     * that accepts the configured user there is reused, and the reuse is logged.
     */
    @WithDefault("localhost:5672")
    String localAddress();

    /** The container image of the RabbitMQ container. */
    @WithDefault("rabbitmq:4.1-management")
    String imageName();

    /**
     * A fixed port for the broker Warren starts (container or embedded). Without it both take a free port of their
     * own. Give the embedded broker the port of another application's {@code local-address} (5672 by default) to let
     * that application find it there and reuse it.
     */
    Optional<Integer> port();

    /**
     * Whether a container is shared between applications in dev mode: it is labelled
     * {@code quarkus-dev-service-warren} with {@code service-name} and reused by applications that find that label.
     * The one that started it stops it when it stops.
     */
    @WithDefault("true")
    boolean shared();

    /** The name under which a shared container is found. */
    @WithDefault("warren")
    String serviceName();

    /** Exchanges to declare on the broker Warren starts, by name. */
    @ConfigDocMapKey("exchange-name")
    Map<String, Exchange> exchanges();

    /** Queues to declare on the broker Warren starts, by name. */
    @ConfigDocMapKey("queue-name")
    Map<String, Queue> queues();

    /** Bindings to declare on the broker Warren starts, by any name. */
    @ConfigDocMapKey("binding-name")
    Map<String, Binding> bindings();

    /** An exchange to pre-create. */
    @ConfigGroup
    interface Exchange {
        /** The exchange type: {@code direct}, {@code fanout}, {@code headers} or {@code topic}. */
        @WithDefault("topic")
        String type();

        /** Whether the exchange is durable. */
        @WithDefault("true")
        boolean durable();

        /** Whether the exchange is deleted when its last binding goes. */
        @WithDefault("false")
        boolean autoDelete();
    }

    /** A queue to pre-create. */
    @ConfigGroup
    interface Queue {
        /** Whether the queue is durable. */
        @WithDefault("true")
        boolean durable();

        /** Whether the queue is deleted when its last consumer goes. */
        @WithDefault("false")
        boolean autoDelete();

        /** Queue arguments, such as {@code x-max-length}; whole numbers are sent as numbers. */
        @ConfigDocMapKey("argument-name")
        Map<String, String> arguments();
    }

    /** A binding to pre-create. */
    @ConfigGroup
    interface Binding {
        /** The exchange messages come from. */
        String source();

        /** The queue (or, on RabbitMQ, the exchange) messages go to. */
        String destination();

        /** Whether {@code destination} is a {@code queue} or an {@code exchange}. */
        @WithDefault("queue")
        String destinationType();

        /** The routing key of the binding. */
        @WithDefault("#")
        String routingKey();
    }
}
