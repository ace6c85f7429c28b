package io.warren.connector;

import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING_AND_OUTGOING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.OUTGOING;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.reactive.messaging.annotations.ConnectorAttribute;
import io.smallrye.reactive.messaging.connector.InboundConnector;
import io.smallrye.reactive.messaging.connector.OutboundConnector;
import io.smallrye.reactive.messaging.health.HealthReport;
import io.smallrye.reactive.messaging.health.HealthReporter;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.convert.PayloadCodec;
import io.smallrye.common.annotation.Identifier;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.CreationCheck;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.dedup.DeduplicationStores;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureHandlers;
import io.warren.connector.incoming.IncomingChannel;
import io.warren.connector.incoming.IncomingServices;
import io.warren.connector.observe.ObserverFactory;
import io.warren.connector.outgoing.OutgoingChannel;

/**
 * The {@code warren} connector: maps MicroProfile Reactive Messaging channels onto RabbitMQ queues and exchanges
 * through the official amqp-client.
 * <p>
 * This class only declares the attributes and creates one {@link IncomingChannel} or {@link OutgoingChannel} per
 * configured channel; the work lives in those classes.
 */
@ApplicationScoped
@Connector(WarrenConnector.CONNECTOR_NAME)
// Connection
@ConnectorAttribute(name = "host", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-host", defaultValue = "localhost", description = "The broker host name, used when `addresses` is not set")
@ConnectorAttribute(name = "port", direction = INCOMING_AND_OUTGOING, type = "int", alias = "rabbitmq-port", defaultValue = "5672", description = "The broker port, used when `addresses` is not set")
@ConnectorAttribute(name = "addresses", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-addresses", description = "Comma-separated `host:port` list of cluster nodes. When set, it takes precedence over `host` and `port`; the client tries them in turn when it connects or recovers")
@ConnectorAttribute(name = "username", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-username", defaultValue = "guest", description = "The user name to authenticate with")
@ConnectorAttribute(name = "password", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-password", defaultValue = "guest", description = "The password to authenticate with. It is never logged")
@ConnectorAttribute(name = "virtual-host", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-virtual-host", defaultValue = "/", description = "The virtual host to connect to")
@ConnectorAttribute(name = "connection-name", direction = INCOMING_AND_OUTGOING, type = "string", description = "The client-provided connection name shown in the management UI. Defaults to `warren-consumer` or `warren-publisher`")
@ConnectorAttribute(name = "ssl", direction = INCOMING_AND_OUTGOING, type = "boolean", alias = "rabbitmq-ssl", defaultValue = "false", description = "Whether to connect over TLS")
@ConnectorAttribute(name = "trust-all", direction = INCOMING_AND_OUTGOING, type = "boolean", alias = "rabbitmq-trust-all", defaultValue = "false", description = "With `ssl`, trust every server certificate. For development only")
@ConnectorAttribute(name = "connection-timeout", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "60000", description = "TCP connection timeout in milliseconds")
@ConnectorAttribute(name = "handshake-timeout", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "10000", description = "AMQP handshake timeout in milliseconds")
@ConnectorAttribute(name = "requested-heartbeat", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "60", description = "The requested heartbeat interval in seconds; 0 disables heartbeats")
@ConnectorAttribute(name = "network-recovery-interval", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "5000", description = "Milliseconds between attempts to connect, at start-up and after the connection is lost")
@ConnectorAttribute(name = "health-enabled", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether health reporting is enabled for this channel")
@ConnectorAttribute(name = "health-readiness-enabled", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether readiness reporting is enabled for this channel")
@ConnectorAttribute(name = "validation", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether the connector checks the channel's configuration when it creates the channel, and refuses it listing every error. The Quarkus extension runs the same checks at build time and at start-up instead, and turns this one off")
@ConnectorAttribute(name = "shutdown-timeout", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "10000", description = "Milliseconds to wait at shutdown for in-flight messages to be processed (incoming) or confirmed (outgoing)")
// Exchange
@ConnectorAttribute(name = "exchange.name", direction = INCOMING_AND_OUTGOING, type = "string", description = "The exchange to publish to (outgoing) or to bind the queue to (incoming). Defaults to the channel name. Set it to `\"\"` to use the default exchange")
@ConnectorAttribute(name = "exchange.type", direction = INCOMING_AND_OUTGOING, type = "string", defaultValue = "topic", description = "The exchange type: `direct`, `fanout`, `headers` or `topic`")
@ConnectorAttribute(name = "exchange.durable", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether the declared exchange is durable")
@ConnectorAttribute(name = "exchange.auto-delete", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "false", description = "Whether the declared exchange is deleted when its last binding is removed")
@ConnectorAttribute(name = "exchange.declare", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether to declare the exchange. Set it to false when the exchange is managed elsewhere")
// Queue (incoming)
@ConnectorAttribute(name = "queue.name", direction = INCOMING, type = "string", description = "The queue to consume from. Defaults to the channel name")
@ConnectorAttribute(name = "queue.durable", direction = INCOMING, type = "boolean", defaultValue = "true", description = "Whether the declared queue is durable")
@ConnectorAttribute(name = "queue.exclusive", direction = INCOMING, type = "boolean", defaultValue = "false", description = "Whether the declared queue is exclusive to this connection")
@ConnectorAttribute(name = "queue.auto-delete", direction = INCOMING, type = "boolean", defaultValue = "false", description = "Whether the declared queue is deleted when its last consumer goes away")
@ConnectorAttribute(name = "queue.declare", direction = INCOMING, type = "boolean", defaultValue = "true", description = "Whether to declare the queue and its bindings. Set it to false when they are managed elsewhere")
@ConnectorAttribute(name = "queue.x-queue-type", direction = INCOMING, type = "string", description = "The queue type argument: `classic`, `quorum` or `stream`")
@ConnectorAttribute(name = "queue.ttl", direction = INCOMING, type = "long", description = "The queue's message TTL in milliseconds (`x-message-ttl`)")
@ConnectorAttribute(name = "queue.x-max-priority", direction = INCOMING, type = "int", description = "The queue's maximum priority (`x-max-priority`)")
@ConnectorAttribute(name = "routing-keys", direction = INCOMING, type = "string", defaultValue = "#", description = "Comma-separated routing keys that bind the queue to the exchange")
@ConnectorAttribute(name = "max-outstanding-messages", direction = INCOMING, type = "int", defaultValue = "256", description = "The prefetch count (`basic.qos`): how many unacknowledged messages the broker sends to this consumer. Bounded by default so that memory stays flat whatever the backlog")
@ConnectorAttribute(name = "ack-batch-size", direction = INCOMING, type = "int", defaultValue = "32", description = "How many consecutive processed deliveries are acknowledged with one `basic.ack(multiple=true)`, at most half the prefetch. 1 acknowledges each message on its own")
@ConnectorAttribute(name = "ack-flush-interval", direction = INCOMING, type = "int", defaultValue = "10", description = "Milliseconds after which pending acknowledgements are sent even if `ack-batch-size` is not reached")
@ConnectorAttribute(name = "payload-type", direction = INCOMING, type = "string", description = "The Java type the message body is converted to, such as `com.acme.Order` or `java.util.List<com.acme.Order>`. The Quarkus extension sets it from the method signature; without it the payload is a `String` for `text/*` content and a `byte[]` otherwise")
@ConnectorAttribute(name = "failure-strategy", direction = INCOMING, type = "string", defaultValue = "reject", description = "What to do when a message is nacked (its method threw, or its body did not convert): `reject`, `accept`, `requeue`, `fail`, `dead-letter`, `retry`, or the `@Identifier` of a `FailureHandler` bean")
@ConnectorAttribute(name = "requeue.delay", direction = INCOMING, type = "long", defaultValue = "1000", description = "With `requeue` (and when a dead-letter or retry copy cannot be published), milliseconds to hold a failed message before requeueing it, so that a message that always fails cannot spin")
@ConnectorAttribute(name = "auto-bind-dlq", direction = INCOMING, type = "boolean", defaultValue = "false", description = "Declare the dead-letter exchange and queue, bind them, and make the queue dead-letter to them (`x-dead-letter-exchange`)")
@ConnectorAttribute(name = "dead-letter-queue-name", direction = INCOMING, type = "string", description = "The dead-letter queue declared by `auto-bind-dlq`. Defaults to `<queue>.dlq`")
@ConnectorAttribute(name = "dead-letter-exchange", direction = INCOMING, type = "string", description = "The dead-letter exchange. Defaults to `DLX` when `auto-bind-dlq` is set")
@ConnectorAttribute(name = "dead-letter-exchange-type", direction = INCOMING, type = "string", defaultValue = "direct", description = "The type of the dead-letter exchange Warren declares")
@ConnectorAttribute(name = "dead-letter-routing-key", direction = INCOMING, type = "string", description = "The routing key of dead-lettered messages. Defaults to the queue name")
@ConnectorAttribute(name = "dlx.declare", direction = INCOMING, type = "boolean", defaultValue = "false", description = "Declare the dead-letter exchange even without `auto-bind-dlq`")
@ConnectorAttribute(name = "dead-letter.include-stacktrace", direction = INCOMING, type = "boolean", defaultValue = "false", description = "With `dead-letter`, add the failure's stack trace (cut to 8,000 characters) in the `x-exception-stacktrace` header")
@ConnectorAttribute(name = "retry.max-attempts", direction = INCOMING, type = "int", defaultValue = "3", description = "With `retry`, how many times a message is processed in all, the first attempt included, before it is dead-lettered or rejected")
@ConnectorAttribute(name = "retry.initial-delay", direction = INCOMING, type = "long", defaultValue = "1000", description = "With `retry`, milliseconds before the first retry")
@ConnectorAttribute(name = "retry.multiplier", direction = INCOMING, type = "double", defaultValue = "2.0", description = "With `retry`, how much each delay grows over the previous one")
@ConnectorAttribute(name = "retry.max-delay", direction = INCOMING, type = "long", defaultValue = "60000", description = "With `retry`, the longest delay in milliseconds")
@ConnectorAttribute(name = "retry.jitter", direction = INCOMING, type = "double", defaultValue = "0.1", description = "With `retry`, the random fraction (0 to 1) taken off each delay, so that messages that failed together come back apart")
@ConnectorAttribute(name = "batch", direction = INCOMING, type = "boolean", defaultValue = "false", description = "Deliver messages in batches, to a method taking `List<T>` or `Message<List<T>>`")
@ConnectorAttribute(name = "batch.size", direction = INCOMING, type = "int", defaultValue = "100", description = "With `batch`, the most messages in one batch. Keep it at or below `max-outstanding-messages`")
@ConnectorAttribute(name = "batch.timeout", direction = INCOMING, type = "long", defaultValue = "200", description = "With `batch`, milliseconds to wait for a batch to fill before delivering what is there")
@ConnectorAttribute(name = "deduplication", direction = INCOMING, type = "boolean", defaultValue = "false", description = "Drop, and ack, a message whose `message-id` this channel already processed successfully")
@ConnectorAttribute(name = "deduplication.store", direction = INCOMING, type = "string", defaultValue = "memory", description = "Where processed ids are kept: `memory`, or the `@Identifier` of a `DeduplicationStore` bean")
@ConnectorAttribute(name = "deduplication.max-size", direction = INCOMING, type = "int", defaultValue = "100000", description = "With the `memory` store, how many ids are kept")
@ConnectorAttribute(name = "deduplication.ttl", direction = INCOMING, type = "long", defaultValue = "3600000", description = "With the `memory` store, milliseconds an id is kept")
@ConnectorAttribute(name = "stream.offset", direction = INCOMING, type = "string", description = "For a stream queue (`queue.x-queue-type=stream`), where to start reading: `first`, `last`, `next`, an offset, or an ISO-8601 timestamp")
// Outgoing
@ConnectorAttribute(name = "default-routing-key", direction = OUTGOING, type = "string", defaultValue = "", description = "The routing key used when the message's metadata does not set one")
@ConnectorAttribute(name = "publish-confirms", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "Whether to use publisher confirms: a message is acked only once the broker has confirmed it")
@ConnectorAttribute(name = "max-inflight-messages", direction = OUTGOING, type = "int", defaultValue = "1024", description = "The maximum number of messages published but not yet confirmed. Publishing is pipelined up to this bound")
@ConnectorAttribute(name = "default-ttl", direction = OUTGOING, type = "long", description = "The expiration, in milliseconds, of messages whose metadata does not set one")
@ConnectorAttribute(name = "mandatory", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "Publish with the mandatory flag: a message no queue takes is returned by the broker and nacked with an `unroutable` error naming the exchange and routing key, instead of being dropped silently")
@ConnectorAttribute(name = "confirm-timeout", direction = OUTGOING, type = "long", defaultValue = "30000", description = "Milliseconds after which a published message the broker has not confirmed is nacked. 0 waits for ever")
@ConnectorAttribute(name = "reply.timeout", direction = OUTGOING, type = "long", defaultValue = "30000", description = "For a `RequestReplyEmitter`, milliseconds to wait for a reply before failing the request with a `TimeoutException`")
@ConnectorAttribute(name = "reply.mode", direction = OUTGOING, type = "string", defaultValue = "auto", description = "For a `RequestReplyEmitter`, where replies arrive: `direct` (RabbitMQ's direct reply-to), `queue` (a private exclusive queue) or `auto` (direct on RabbitMQ, a queue elsewhere)")
@ConnectorAttribute(name = "rpc.reply", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "When a message published here came from an incoming message that has a `reply-to`, publish it to that `reply-to` with the same correlation id, unless its metadata names an exchange or routing key (RPC server)")
// Observability (issue 16): metrics and tracing
@ConnectorAttribute(name = "tracing.enabled", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether the channel is traced when the application has OpenTelemetry: a producer span per published message with the W3C `traceparent` and `tracestate` in the AMQP headers, a consumer span per received message, child of the context found in its headers, ending when the message is settled")
@ConnectorAttribute(name = "persistent", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "Whether messages are published as persistent (delivery mode 2) unless their metadata says otherwise")
public class WarrenConnector implements InboundConnector, OutboundConnector, HealthReporter {

    /** The connector name used in {@code mp.messaging.*.*.connector}. */
    public static final String CONNECTOR_NAME = "warren";

    @Inject
    @Any
    Instance<ObjectMapper> objectMappers;

    @Inject
    @Any
    Instance<FailureHandler> handlerBeans;

    @Inject
    @Any
    Instance<DeduplicationStore> dedupBeans;

    @Inject
    @Any
    Instance<ObserverFactory> observerBeans;

    private final List<IncomingChannel> incomings = new CopyOnWriteArrayList<>();
    private final List<OutgoingChannel> outgoings = new CopyOnWriteArrayList<>();
    private ConnectionManager connections;
    private PayloadCodec codec;
    private FailureHandlers failureHandlers;
    private DeduplicationStores dedupStores;
    private volatile ObserverFactory observers;

    /** Used by CDI. */
    public WarrenConnector() {
    }

    /**
     * Creates a connector outside CDI, for plain Java use.
     *
     * @param mapper the Jackson mapper used for JSON payloads
     */
    public WarrenConnector(ObjectMapper mapper) {
        this(mapper, Map.of());
    }

    /**
     * Creates a connector outside CDI, for plain Java use, with custom failure strategies.
     *
     * @param mapper the Jackson mapper used for JSON payloads
     * @param failureStrategies custom failure strategies by name, selectable with {@code failure-strategy}
     */
    public WarrenConnector(ObjectMapper mapper, Map<String, FailureHandler> failureStrategies) {
        this(mapper, failureStrategies, Map.of());
    }

    /**
     * Creates a connector outside CDI, for plain Java use, with custom failure strategies and deduplication stores.
     *
     * @param mapper the Jackson mapper used for JSON payloads
     * @param failureStrategies custom failure strategies by name, selectable with {@code failure-strategy}
     * @param deduplicationStores custom stores by name, selectable with {@code deduplication.store}
     */
    public WarrenConnector(ObjectMapper mapper, Map<String, FailureHandler> failureStrategies,
            Map<String, DeduplicationStore> deduplicationStores) {
        this.codec = new PayloadCodec(mapper);
        this.failureHandlers = new FailureHandlers(Map.copyOf(failureStrategies)::get);
        this.dedupStores = new DeduplicationStores(Map.copyOf(deduplicationStores)::get);
        init();
    }

    @PostConstruct
    void init() {
        if (codec == null) {
            codec = new PayloadCodec(objectMappers != null && objectMappers.isResolvable() ? objectMappers.get()
                    : PayloadCodec.defaultMapper());
        }
        connections = new ConnectionManager();
        if (dedupStores == null) {
            dedupStores = new DeduplicationStores(byIdentifier(dedupBeans));
        }
        if (failureHandlers == null) {
            failureHandlers = new FailureHandlers(byIdentifier(handlerBeans));
        }
        if (observers == null) {
            List<ObserverFactory> beans = new java.util.ArrayList<>();
            if (observerBeans != null) {
                observerBeans.forEach(beans::add);
            }
            observers = ObserverFactory.all(beans);
        }
    }

    /**
     * Observes the channels created from now on with this factory (metrics, tracing), outside CDI. In CDI, every
     * {@link ObserverFactory} bean is used instead.
     *
     * @return this connector
     */
    public WarrenConnector observeWith(ObserverFactory factory) {
        this.observers = factory;
        return this;
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        CreationCheck.check(config, ChannelDirection.INCOMING, failureHandlers::exists, dedupStores::exists);
        IncomingChannel channel = new IncomingChannel(new WarrenConnectorIncomingConfiguration(config),
                new IncomingServices(connections, codec, failureHandlers, dedupStores, observers));
        incomings.add(channel);
        return channel.publisher();
    }

    /** Finds a CDI bean by its {@code @Identifier}; null when there is none or outside CDI. */
    private static <T> Function<String, T> byIdentifier(Instance<T> beans) {
        return name -> {
            if (beans == null) {
                return null;
            }
            Instance<T> selected = beans.select(Identifier.Literal.of(name));
            return selected.isResolvable() ? selected.get() : null;
        };
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        CreationCheck.check(config, ChannelDirection.OUTGOING, failureHandlers::exists, dedupStores::exists);
        OutgoingChannel channel = new OutgoingChannel(new WarrenConnectorOutgoingConfiguration(config), connections, codec,
                observers);
        outgoings.add(channel);
        return channel;
    }

    @Override
    public HealthReport getReadiness() {
        return report(true);
    }

    @Override
    public HealthReport getLiveness() {
        return report(false);
    }

    private HealthReport report(boolean readiness) {
        HealthReport.HealthReportBuilder builder = HealthReport.builder();
        for (IncomingChannel in : incomings) {
            in.health().report(builder, readiness);
        }
        for (OutgoingChannel out : outgoings) {
            out.health().report(builder, readiness);
        }
        return builder.build();
    }

    /** The incoming channels opened so far; for tests and tooling. */
    public List<IncomingChannel> incomingChannels() {
        return List.copyOf(incomings);
    }

    /** The outgoing channels opened so far; for tests and tooling. */
    public List<OutgoingChannel> outgoingChannels() {
        return List.copyOf(outgoings);
    }

    /** How many broker connections are open or being opened. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Stops consuming, lets in-flight messages finish, then closes channels and connections.
     * Runs before the application-scoped beans are destroyed, so that handlers can still ack.
     */
    public void terminate(
            @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(50) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        close();
    }

    /** Closes every channel and connection this connector opened. Safe to call more than once. */
    public void close() {
        incomings.forEach(IncomingChannel::stopConsuming);
        incomings.forEach(IncomingChannel::close);
        outgoings.forEach(OutgoingChannel::close);
        incomings.clear();
        outgoings.clear();
        if (connections != null) {
            connections.close();
        }
    }
}
