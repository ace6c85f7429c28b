package io.warren.connector;

import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.INCOMING_AND_OUTGOING;
import static io.smallrye.reactive.messaging.annotations.ConnectorAttribute.Direction.OUTGOING;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Flow;

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
import io.warren.connector.config.AttributeTable;
import io.warren.connector.connection.ConnectionManager;
import io.warren.connector.connection.ConnectionResources;
import io.warren.connector.connection.CredentialsSource;
import io.warren.connector.connection.NamedTlsConfigurations;
import io.warren.connector.convert.Codec;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.dedup.DeduplicationStores;
import io.warren.connector.fault.DeadLetterTarget;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.fault.FailureHandlers;
import io.warren.connector.incoming.IncomingChannel;
import io.warren.connector.observe.ObserverFactory;
import io.warren.connector.outgoing.OutgoingChannel;
import io.warren.connector.stream.StreamChannels;

/**
 * The {@code warren} connector: maps MicroProfile Reactive Messaging channels onto RabbitMQ queues and exchanges
 * through the official amqp-client.
 * <p>
 * This class declares the attributes (SmallRye generates the {@code WarrenConnector*Configuration} classes from
 * them) and is the factory SmallRye calls for each channel; {@link OpenChannels} keeps the channels it opens.
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
@ConnectorAttribute(name = "network-recovery-interval", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "5000", description = "Milliseconds between attempts to connect, at start-up and after the connection is lost. A channel the broker refuses (a declaration it rejects, a consumer it cancels) is opened again after 1 s at most, then backing off up to 30 s")
@ConnectorAttribute(name = "health-enabled", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether health reporting is enabled for this channel")
@ConnectorAttribute(name = "health-readiness-enabled", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether readiness reporting is enabled for this channel")
@ConnectorAttribute(name = "health-blocked-unready", direction = OUTGOING, type = "boolean", defaultValue = "false", description = "Report the channel not ready while the broker blocks its connection (a memory or disk alarm). Off by default: the block shows in the health data, but readiness stays UP, because every instance would turn unready at once and a broker slowdown would become an outage behind a load balancer")
@ConnectorAttribute(name = "validation", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether the connector checks the channel's configuration when it creates the channel, and refuses it listing every error. The Quarkus extension runs the same checks at build time and at start-up instead, and turns this one off")
@ConnectorAttribute(name = "shutdown-timeout", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "10000", description = "Milliseconds to wait at shutdown for in-flight messages to be processed (incoming) or confirmed (outgoing). All channels close in parallel, so the connector's shutdown takes about the longest of them, not their sum")
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
@ConnectorAttribute(name = "dead-letter-queue-name", direction = INCOMING, type = "string", description = "The dead-letter queue declared by `auto-bind-dlq`. Defaults to `<queue>" + DeadLetterTarget.QUEUE_SUFFIX + "`")
@ConnectorAttribute(name = "dead-letter-exchange", direction = INCOMING, type = "string", description = "The dead-letter exchange. Defaults to `" + DeadLetterTarget.DEFAULT_EXCHANGE + "` when `auto-bind-dlq` is set")
@ConnectorAttribute(name = "dead-letter-exchange-type", direction = INCOMING, type = "string", defaultValue = "direct", description = "The type of the dead-letter exchange Warren declares")
@ConnectorAttribute(name = "dead-letter-routing-key", direction = INCOMING, type = "string", description = "The routing key of dead-lettered messages. Defaults to the queue name")
@ConnectorAttribute(name = "dead-letter-queue-type", direction = INCOMING, type = "string", description = "The type of the dead-letter queue declared by `auto-bind-dlq`: `classic`, `quorum` or `stream`. Defaults to `quorum` when the queue itself is a quorum queue (so that dead letters are replicated like the messages they come from), and to the broker's default otherwise")
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
@ConnectorAttribute(name = "deduplication.store", direction = INCOMING, type = "string", defaultValue = "memory", description = "Where processed ids are kept: `memory` (one instance), `redis` or `postgresql` (shared by every instance, with their modules), or the `@Identifier` of a `DeduplicationStore` bean")
@ConnectorAttribute(name = "deduplication.max-size", direction = INCOMING, type = "int", defaultValue = "100000", description = "With the `memory` store, how many ids are kept")
@ConnectorAttribute(name = "deduplication.ttl", direction = INCOMING, type = "long", defaultValue = "3600000", description = "Milliseconds a processed id is kept, in every store; a copy arriving later is processed again")
@ConnectorAttribute(name = "stream.offset", direction = INCOMING, type = "string", description = "For a stream queue (`queue.x-queue-type=stream`), where to start reading: `first`, `last`, `next`, an offset, or an ISO-8601 timestamp. With `stream.protocol=native`, where a consumer name with no stored offset starts (default `first` there)")
// Quorum queues
@ConnectorAttribute(name = "queue.x-delivery-limit", direction = INCOMING, type = "long", description = "For a quorum queue (`queue.x-queue-type=quorum`), how many times a message is delivered again after a failed or lost delivery before the broker dead-letters it (with `auto-bind-dlq`) or drops it (`x-delivery-limit`). Bounds a poison message that the `requeue` or `fail` strategy puts back. Deliveries lost with a connection count too; the count is `IncomingRabbitMQMetadata.getDeliveryCount()`")
// Outgoing
@ConnectorAttribute(name = "default-routing-key", direction = OUTGOING, type = "string", defaultValue = "", description = "The routing key used when the message's metadata does not set one")
@ConnectorAttribute(name = "publish-confirms", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "Whether to use publisher confirms: a message is acked only once the broker has confirmed it")
@ConnectorAttribute(name = "max-inflight-messages", direction = OUTGOING, type = "int", defaultValue = "1024", description = "The maximum number of messages published but not yet confirmed. Publishing is pipelined up to this bound")
@ConnectorAttribute(name = "default-ttl", direction = OUTGOING, type = "long", description = "The expiration, in milliseconds, of messages whose metadata does not set one")
@ConnectorAttribute(name = "mandatory", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "Publish with the mandatory flag: a message no queue takes is returned by the broker and nacked with an `unroutable` error naming the exchange and routing key, instead of being dropped silently. Needs `publish-confirms` (without confirms a message is acked before a return could arrive, so the flag is not used; setting both `mandatory=true` and `publish-confirms=false` is refused)")
@ConnectorAttribute(name = "confirm-timeout", direction = OUTGOING, type = "long", defaultValue = "30000", description = "The longest time in milliseconds from a send to its outcome: a message not published (the connection is down, or never came up) or not confirmed by the broker this long after it was sent is nacked with the reason. 0 waits for ever")
@ConnectorAttribute(name = "reply.timeout", direction = OUTGOING, type = "long", defaultValue = "30000", description = "For a `RequestReplyEmitter`, milliseconds to wait for a reply before failing the request with a `TimeoutException`")
@ConnectorAttribute(name = "reply.mode", direction = OUTGOING, type = "string", defaultValue = "auto", description = "For a `RequestReplyEmitter`, where replies arrive: `direct` (RabbitMQ's direct reply-to), `queue` (a private exclusive queue) or `auto` (direct on RabbitMQ, a queue elsewhere)")
@ConnectorAttribute(name = "rpc.reply", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "When a message published here came from an incoming message that has a `reply-to`, publish it to that `reply-to` with the same correlation id, unless its metadata names an exchange or routing key (RPC server)")
// Observability (issue 16): metrics and tracing
@ConnectorAttribute(name = "tracing.enabled", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "Whether the channel is traced when the application has OpenTelemetry: a producer span per published message with the W3C `traceparent` and `tracestate` in the AMQP headers, a consumer span per received message, child of the context found in its headers, ending when the message is settled")
@ConnectorAttribute(name = "persistent", direction = OUTGOING, type = "boolean", defaultValue = "true", description = "Whether messages are published as persistent (delivery mode 2) unless their metadata says otherwise")
// Production wiring: TLS, credentials providers, SmallRye's names, broker arguments
@ConnectorAttribute(name = "tls-configuration-name", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-tls-configuration-name", description = "The name of a TLS configuration of the Quarkus TLS registry (`quarkus.tls.<name>.*`): its trust store, its key store for mutual TLS, trust-all and hostname verification. Turns TLS on. Outside Quarkus, pass a `NamedTlsConfigurations` to the connector")
@ConnectorAttribute(name = "trust-store-path", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-trust-store-path", description = "With `ssl`, the trust store holding the certificates of the CAs that sign the broker's certificate. Without it, the JVM's default trust store is used")
@ConnectorAttribute(name = "trust-store-type", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-trust-store-type", description = "The trust store's type: `PKCS12`, `JKS`, or `PEM` (CA certificates in a PEM file). Defaults to the file name's (`.jks`, `.pem`, `.crt`), else `PKCS12`")
@ConnectorAttribute(name = "trust-store-password", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-trust-store-password", description = "The trust store's password. It is never logged")
@ConnectorAttribute(name = "key-store-path", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-key-store-path", description = "With `ssl`, the key store holding the client's certificate and private key, presented to a broker that asks for one (mutual TLS)")
@ConnectorAttribute(name = "key-store-type", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-key-store-type", description = "The key store's type: `PKCS12` or `JKS`. Defaults to the file name's (`.jks`), else `PKCS12`")
@ConnectorAttribute(name = "key-store-password", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-key-store-password", description = "The key store's password, also used for its private key. It is never logged")
@ConnectorAttribute(name = "ssl.hostname-verification-algorithm", direction = INCOMING_AND_OUTGOING, type = "string", defaultValue = "HTTPS", description = "With `ssl`, `HTTPS` checks that the broker's certificate names the host connected to; `NONE` turns that off. `trust-all` turns it off too")
@ConnectorAttribute(name = "credentials-provider-name", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-credentials-provider-name", description = "Take the user name and password from a credentials provider (a Quarkus `CredentialsProvider` bean, such as a vault), asked under this name on every connection and recovery, instead of `username` and `password`. Credentials that expire (`expires-at`) are refreshed before they do")
@ConnectorAttribute(name = "credentials-provider-bean-name", direction = INCOMING_AND_OUTGOING, type = "string", alias = "rabbitmq-credentials-provider-bean-name", description = "With `credentials-provider-name`, the `@Named` name of the `CredentialsProvider` bean; defaults to the only one")
@ConnectorAttribute(name = "user", direction = INCOMING_AND_OUTGOING, type = "string", description = "SmallRye's name for `username`, read when `username` is not set")
@ConnectorAttribute(name = "reconnect-interval", direction = INCOMING_AND_OUTGOING, type = "int", alias = "rabbitmq-reconnect-interval", description = "SmallRye's reconnection interval, in seconds as in SmallRye: read as `network-recovery-interval` (seconds times 1000) when that is not set")
@ConnectorAttribute(name = "exchange.arguments", direction = INCOMING_AND_OUTGOING, type = "string", description = "Exchange arguments, written `key:value,key:value` (whole numbers and `true`/`false` are typed)")
@ConnectorAttribute(name = "exchange.alternate-exchange", direction = INCOMING_AND_OUTGOING, type = "string", description = "The exchange's alternate exchange (`alternate-exchange`), where it sends messages no binding takes")
@ConnectorAttribute(name = "queue.arguments", direction = INCOMING, type = "string", description = "Queue arguments, written `key:value,key:value` (whole numbers and `true`/`false` are typed), for any `x-` argument that has no attribute of its own")
@ConnectorAttribute(name = "queue.single-active-consumer", direction = INCOMING, type = "boolean", description = "Whether only one consumer of the queue receives messages at a time, the others standing by (`x-single-active-consumer`)")
@ConnectorAttribute(name = "queue.x-max-length", direction = INCOMING, type = "long", description = "The most messages the queue holds (`x-max-length`); `queue.x-overflow` says what happens past it")
@ConnectorAttribute(name = "queue.x-max-length-bytes", direction = INCOMING, type = "long", description = "The most bytes of message bodies the queue holds (`x-max-length-bytes`); for a stream, its retention by size")
@ConnectorAttribute(name = "queue.x-overflow", direction = INCOMING, type = "string", description = "What a full queue does (`x-overflow`): `drop-head` (drops the oldest, the default), `reject-publish` (nacks the new message, so the publisher sees it) or `reject-publish-dlx` (also dead-letters it)")
@ConnectorAttribute(name = "queue.x-max-age", direction = INCOMING, type = "string", description = "For a stream, how long messages are kept (`x-max-age`): a number and a unit, `Y`, `M`, `D`, `h`, `m` or `s`, such as `7D`")
@ConnectorAttribute(name = "queue.x-stream-max-segment-size-bytes", direction = INCOMING, type = "long", description = "For a stream, the size of its segment files (`x-stream-max-segment-size-bytes`); retention removes whole segments")
@ConnectorAttribute(name = "queue.x-queue-leader-locator", direction = INCOMING, type = "string", description = "For a quorum queue or a stream, which node leads it (`x-queue-leader-locator`): `client-local` or `balanced` (`random` and `least-leaders` on RabbitMQ before 3.12)")
@ConnectorAttribute(name = "arguments", direction = INCOMING, type = "string", description = "Binding arguments, written `key:value,key:value`, such as `x-match:all,format:pdf` to bind the queue to a headers exchange")
@ConnectorAttribute(name = "consumer-arguments", direction = INCOMING, type = "string", description = "Consumer arguments, written `key:value,key:value`")
@ConnectorAttribute(name = "consumer-priority", direction = INCOMING, type = "int", description = "The consumer's priority (`x-priority`): the broker delivers to the highest-priority consumers with room in their prefetch first")
@ConnectorAttribute(name = "consumer-exclusive", direction = INCOMING, type = "boolean", defaultValue = "false", description = "Subscribe as the queue's only consumer: the broker refuses other consumers while this one is there")
@ConnectorAttribute(name = "consumer-tag", direction = INCOMING, type = "string", description = "The consumer tag; by default the broker makes one up")
@ConnectorAttribute(name = "consumer-tag-prefix", direction = INCOMING, type = "string", description = "A prefix for the consumer tag, followed by a unique suffix, so that the channel's consumers are easy to find in the broker's lists")
// Streams over RabbitMQ's native stream protocol (stream-client): chosen per channel with stream.protocol=native
@ConnectorAttribute(name = "stream.protocol", direction = INCOMING_AND_OUTGOING, type = "string", defaultValue = "amqp", description = "How a stream channel talks to RabbitMQ: `amqp` (AMQP 0-9-1, the queue and exchange attributes apply) or `native` (RabbitMQ's stream protocol through stream-client, which needs the `rabbitmq_stream` plugin: offsets stored in the broker, super streams, publisher deduplication)")
@ConnectorAttribute(name = "stream.port", direction = INCOMING_AND_OUTGOING, type = "int", alias = "rabbitmq-stream-port", defaultValue = "5552", description = "With `stream.protocol=native`, the broker's stream protocol port. The host, user, password and virtual host are the channel's")
@ConnectorAttribute(name = "stream.name", direction = INCOMING_AND_OUTGOING, type = "string", description = "With `stream.protocol=native`, the stream (or super stream) to consume from or publish to. Defaults to `queue.name` on incoming channels, then to the channel name")
@ConnectorAttribute(name = "stream.super-stream", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "false", description = "With `stream.protocol=native`, whether `stream.name` is a super stream (a stream partitioned into the streams `<name>-0` to `<name>-<n-1>`): publishers route each message by its routing key, consumers read every partition")
@ConnectorAttribute(name = "stream.partitions", direction = INCOMING_AND_OUTGOING, type = "int", defaultValue = "3", description = "With `stream.super-stream`, how many partitions Warren declares")
@ConnectorAttribute(name = "stream.declare", direction = INCOMING_AND_OUTGOING, type = "boolean", defaultValue = "true", description = "With `stream.protocol=native`, whether Warren declares the stream (or the super stream, its partitions and their bindings) with the retention settings. An existing stream is kept as it is")
@ConnectorAttribute(name = "stream.max-age", direction = INCOMING_AND_OUTGOING, type = "string", description = "Retention by age of a stream Warren declares: a number and a unit, `Y`, `M`, `D`, `h`, `m` or `s`, such as `7D` or `12h`. Whole segments older than that are deleted")
@ConnectorAttribute(name = "stream.max-length-bytes", direction = INCOMING_AND_OUTGOING, type = "long", description = "Retention by size of a stream Warren declares, in bytes (of each partition for a super stream): the oldest segments are deleted past it")
@ConnectorAttribute(name = "stream.max-segment-size-bytes", direction = INCOMING_AND_OUTGOING, type = "long", description = "The segment size of a stream Warren declares, in bytes. Retention deletes whole segments, so keep it well below `stream.max-length-bytes`")
@ConnectorAttribute(name = "stream.consumer-name", direction = INCOMING, type = "string", description = "With `stream.protocol=native`, the name under which the broker stores this consumer's offset, so that a restarted application resumes after the last committed message. Defaults to the channel name")
@ConnectorAttribute(name = "stream.single-active-consumer", direction = INCOMING, type = "boolean", defaultValue = "false", description = "With `stream.protocol=native`, let only one application instance at a time consume each stream or partition under `stream.consumer-name`. When it stops or loses its connection, another instance takes over from the committed offset")
@ConnectorAttribute(name = "stream.commit-batch-size", direction = INCOMING, type = "int", defaultValue = "1000", description = "With `stream.protocol=native`, how many consecutive processed messages trigger an offset commit. Only processed messages are ever committed; at most this many (or `stream.commit-interval` worth) are processed again after a crash")
@ConnectorAttribute(name = "stream.commit-interval", direction = INCOMING, type = "int", defaultValue = "1000", description = "With `stream.protocol=native`, milliseconds after which the offset of processed messages is committed even if `stream.commit-batch-size` is not reached")
@ConnectorAttribute(name = "stream.credits", direction = INCOMING, type = "int", defaultValue = "10", description = "With `stream.protocol=native`, how many chunks the broker may send ahead of processing, per stream or partition; more are asked for as half of a chunk's messages are processed. Bounds memory like a prefetch")
@ConnectorAttribute(name = "stream.dead-letter-stream", direction = INCOMING, type = "string", description = "With `stream.protocol=native` and `failure-strategy=dead-letter` (or `retry`, once the attempts are spent), the stream failed messages are copied to, with the failure headers as application properties. Warren declares it. `dead-letter-exchange` sends them to an exchange over AMQP 0-9-1 instead")
@ConnectorAttribute(name = "stream.producer-name", direction = OUTGOING, type = "string", description = "With `stream.protocol=native`, a name that makes the producer deduplicating: the broker keeps its highest publishing id across restarts and drops a message whose id is not higher. Ids come from `OutgoingStreamMetadata`, or count on from the last one. One instance at a time per name")
// Codecs (issue 20): the content type selects the codec
@ConnectorAttribute(name = "content-type", direction = OUTGOING, type = "string", description = "The content type messages are written in, which selects the codec: `application/json`, `application/cbor`, `text/plain`, `application/octet-stream`, or one a `Codec` bean writes. A content type in the message's metadata wins when a codec writes it. Without it, the payload's class decides: `byte[]` as bytes, `String` as text, objects as JSON")
@ConnectorAttribute(name = "content-type-override", direction = INCOMING, type = "string", description = "The content type every message is read as, whatever its `content-type` property says, for producers that set none or a wrong one. Without it the message's content type selects the codec, and a message without one is read as JSON")
// Shared deduplication (issue 20): asynchronous stores
@ConnectorAttribute(name = "deduplication.lease", direction = INCOMING, type = "long", defaultValue = "60000", description = "With `deduplication`, milliseconds a consumer's claim on a message id holds while the message is processed. Another copy arriving meanwhile waits (it is put back after `requeue.delay`); a consumer that dies loses its claim after this. Keep it above the longest processing time")
@ConnectorAttribute(name = "deduplication.timeout", direction = INCOMING, type = "long", defaultValue = "5000", description = "With `deduplication`, milliseconds to wait for the store's answer; without one the message goes to the failure strategy, unprocessed. 0 waits for ever")
public class WarrenConnector implements InboundConnector, OutboundConnector, HealthReporter {

    /** The connector name used in {@code mp.messaging.*.*.connector}. */
    public static final String CONNECTOR_NAME = "warren";

    @Inject @Any Instance<ObjectMapper> objectMappers;
    @Inject @Any Instance<FailureHandler> handlerBeans;
    @Inject @Any Instance<DeduplicationStore> dedupBeans;
    @Inject Instance<NamedTlsConfigurations> tlsBeans;
    @Inject Instance<CredentialsSource> credentialsBeans;
    @Inject @Any Instance<Codec<?>> codecBeans;
    @Inject @Any Instance<ObserverFactory> observerBeans;

    // Set by the plain-Java constructors; in CDI, found among the beans by init().
    private PayloadCodec codec;
    private FailureHandlers failureHandlers;
    private DeduplicationStores dedupStores;
    private ConnectionResources resources;
    private OpenChannels channels;

    /** Warren's attributes, read from the annotations above: what the validator and the reference are built on. */
    public static AttributeTable attributes() {
        return Attributes.TABLE;
    }

    /** Read once, on first use (a holder class, so that no lock is taken on the way). */
    private static final class Attributes {
        static final AttributeTable TABLE = AttributeTable.of(CONNECTOR_NAME, WarrenConnector.class);
    }

    /** Used by CDI. */
    public WarrenConnector() {
    }

    /** A connector outside CDI; see {@link #WarrenConnector(ObjectMapper, Map, Map, List, ConnectionResources)}. */
    public WarrenConnector(ObjectMapper mapper) {
        this(mapper, Map.of());
    }

    /** A connector outside CDI; see {@link #WarrenConnector(ObjectMapper, Map, Map, List, ConnectionResources)}. */
    public WarrenConnector(ObjectMapper mapper, Map<String, FailureHandler> failureStrategies) {
        this(mapper, failureStrategies, Map.of());
    }

    /** A connector outside CDI; see {@link #WarrenConnector(ObjectMapper, Map, Map, List, ConnectionResources)}. */
    public WarrenConnector(ObjectMapper mapper, Map<String, FailureHandler> failureStrategies,
            Map<String, DeduplicationStore> deduplicationStores) {
        this(mapper, failureStrategies, deduplicationStores, List.of(), ConnectionResources.NONE);
    }

    /** A connector outside CDI; see {@link #WarrenConnector(ObjectMapper, Map, Map, List, ConnectionResources)}. */
    public WarrenConnector(ObjectMapper mapper, Map<String, FailureHandler> failureStrategies,
            Map<String, DeduplicationStore> deduplicationStores, List<? extends Codec<?>> codecs) {
        this(mapper, failureStrategies, deduplicationStores, codecs, ConnectionResources.NONE);
    }

    /** A connector outside CDI; see {@link #WarrenConnector(ObjectMapper, Map, Map, List, ConnectionResources)}. */
    public WarrenConnector(ObjectMapper mapper, Map<String, FailureHandler> failureStrategies,
            Map<String, DeduplicationStore> deduplicationStores, ConnectionResources resources) {
        this(mapper, failureStrategies, deduplicationStores, List.of(), resources);
    }

    /**
     * Creates a connector outside CDI, for plain Java use, with everything a CDI application would provide.
     *
     * @param mapper the Jackson mapper used for JSON (and CBOR) payloads
     * @param failureStrategies custom failure strategies by name, selectable with {@code failure-strategy}
     * @param deduplicationStores custom stores by name, selectable with {@code deduplication.store}
     * @param codecs codecs consulted before Warren's own, by priority (see {@link Codec})
     * @param resources what {@code tls-configuration-name} and {@code credentials-provider-name} select
     */
    public WarrenConnector(ObjectMapper mapper, Map<String, FailureHandler> failureStrategies,
            Map<String, DeduplicationStore> deduplicationStores, List<? extends Codec<?>> codecs,
            ConnectionResources resources) {
        this.resources = resources;
        this.codec = new PayloadCodec(mapper, codecs);
        this.failureHandlers = new FailureHandlers(Map.copyOf(failureStrategies)::get);
        this.dedupStores = new DeduplicationStores(Map.copyOf(deduplicationStores)::get);
        init();
    }

    @PostConstruct
    void init() {
        if (codec == null) {
            ObjectMapper mapper = Beans.one(objectMappers);
            codec = new PayloadCodec(mapper != null ? mapper : PayloadCodec.defaultMapper(), Beans.all(codecBeans));
        }
        if (resources == null) {
            resources = new ConnectionResources(Beans.one(tlsBeans), Beans.one(credentialsBeans));
        }
        if (dedupStores == null) {
            dedupStores = new DeduplicationStores(Beans.byIdentifier(dedupBeans));
        }
        if (failureHandlers == null) {
            failureHandlers = new FailureHandlers(Beans.byIdentifier(handlerBeans));
        }
        channels = new OpenChannels(attributes(), new ConnectionManager(resources), codec, failureHandlers,
                dedupStores, ObserverFactory.all(Beans.all(observerBeans)));
    }

    /**
     * Observes the channels created from now on with this factory (metrics, tracing), outside CDI. In CDI, every
     * {@link ObserverFactory} bean is used instead.
     *
     * @return this connector
     */
    public WarrenConnector observeWith(ObserverFactory factory) {
        channels.observeWith(factory);
        return this;
    }

    @Override
    public Flow.Publisher<? extends Message<?>> getPublisher(Config config) {
        return channels.incoming(config);
    }

    @Override
    public Flow.Subscriber<? extends Message<?>> getSubscriber(Config config) {
        return channels.outgoing(config);
    }

    @Override
    public HealthReport getReadiness() {
        return channels.report(true);
    }

    @Override
    public HealthReport getLiveness() {
        return channels.report(false);
    }

    /** The incoming channels opened so far; for tests and tooling. */
    public List<IncomingChannel> incomingChannels() {
        return channels.incomings();
    }

    /** The outgoing channels opened so far; for tests and tooling. */
    public List<OutgoingChannel> outgoingChannels() {
        return channels.outgoings();
    }

    /** The channels on the native stream protocol; for tests and tooling. */
    public StreamChannels streamChannels() {
        return channels.streams();
    }

    /** The codecs of this connector, also used by the Quarkus extension for other connectors' raw payloads. */
    public PayloadCodec codec() {
        return codec;
    }

    /** How many broker connections are open or being opened. */
    public int connectionCount() {
        return channels.connectionCount();
    }

    /**
     * Stops consuming, lets in-flight messages finish, then closes channels and connections.
     * Runs before the application-scoped beans are destroyed, so that handlers can still ack.
     */
    public void terminate(
            @Observes(notifyObserver = Reception.IF_EXISTS) @Priority(50) @BeforeDestroyed(ApplicationScoped.class) Object event) {
        close();
    }

    /** Closes every channel and connection this connector opened (see {@link OpenChannels}). Safe to call twice. */
    public void close() {
        channels.close();
    }
}
