package io.warren.connector.support;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.smallrye.mutiny.Multi;
import io.warren.connector.WarrenConnector;
import io.warren.connector.convert.Codec;
import io.warren.connector.convert.PayloadCodec;
import io.warren.connector.dedup.DeduplicationStore;
import io.warren.connector.fault.FailureHandler;
import io.warren.connector.incoming.IncomingRabbitMQMessage;
import io.warren.testing.FaultProxy;

/**
 * What a connector test against a broker sets up before each test and removes after it: an admin connection, a
 * queue with a name no other run uses, a connector, and optionally a dead-letter queue, a fault proxy and a
 * failure strategy named {@code recording} that keeps every failure it is handed. Register it on a field:
 *
 * <pre>
 * &#64;RegisterExtension
 * final BrokerTestBed bed = BrokerTestBed.queue("orders").deadLettered();
 * </pre>
 *
 * Everything is made new for each test, so tests of one class never see each other's messages.
 */
public final class BrokerTestBed implements BeforeEachCallback, AfterEachCallback {

    private final String prefix;
    private boolean declare = true;
    private boolean deadLettered;
    private boolean withProxy;
    private Supplier<String> host = () -> Broker.HOST;
    private IntSupplier port = () -> Broker.PORT;
    private Function<IncomingRabbitMQMessage<?>, CompletionStage<Void>> recordingSettles;
    private Map<String, DeduplicationStore> stores = Map.of();
    private List<? extends Codec<?>> codecs = List.of();
    private final List<String> exchangesToDelete = new ArrayList<>();
    private final List<String> queuesToDelete = new ArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private Broker broker;
    private WarrenConnector connector;
    private FaultProxy proxy;
    private String queue;

    private BrokerTestBed(String prefix) {
        this.prefix = prefix;
    }

    /** A queue named {@code prefix-xxxxxxxx}, declared durable without arguments before each test. */
    public static BrokerTestBed queue(String prefix) {
        return new BrokerTestBed(prefix);
    }

    /** Only the name: the test or the channel declares the queue itself. */
    public BrokerTestBed undeclared() {
        declare = false;
        return this;
    }

    /** The queue dead-letters rejected messages to {@code <queue>.dlq}, so a test can see what was nacked. */
    public BrokerTestBed deadLettered() {
        deadLettered = true;
        return this;
    }

    /** The broker the test talks to, resolved at each test: an embedded one starts only in {@code @BeforeAll}. */
    public BrokerTestBed at(Supplier<String> host, IntSupplier port) {
        this.host = host;
        this.port = port;
        return this;
    }

    /** A fault proxy to the broker, open for the test. */
    public BrokerTestBed withProxy() {
        withProxy = true;
        return this;
    }

    /** Registers the failure strategy {@code recording}: keeps the reason, then settles as told. */
    public BrokerTestBed recordingFailures(Function<IncomingRabbitMQMessage<?>, CompletionStage<Void>> settle) {
        recordingSettles = settle;
        return this;
    }

    public BrokerTestBed stores(Map<String, DeduplicationStore> stores) {
        this.stores = stores;
        return this;
    }

    public BrokerTestBed codecs(List<? extends Codec<?>> codecs) {
        this.codecs = codecs;
        return this;
    }

    /** Exchanges the test declares (or lets the connector declare) that must go after it; callable in a test too. */
    public BrokerTestBed deletesExchanges(String... names) {
        exchangesToDelete.addAll(List.of(names));
        return this;
    }

    /** Queues besides the test's queue and its {@code .dlq} that must go after the test; callable in a test. */
    public BrokerTestBed deletesQueues(String... names) {
        queuesToDelete.addAll(List.of(names));
        return this;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        broker = new Broker(host.get(), port.getAsInt());
        queue = Broker.unique(prefix);
        if (deadLettered) {
            broker.declareQueue(dlq(), null);
            broker.declareQueue(queue, Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key", dlq()));
        } else if (declare) {
            broker.declareQueue(queue, null);
        }
        connector = newConnector();
        if (withProxy) {
            proxy = new FaultProxy(host.get(), port.getAsInt());
        }
    }

    private WarrenConnector newConnector() {
        Map<String, FailureHandler> strategies = Map.of();
        if (recordingSettles != null) {
            FailureHandler recording = (m, reason, md) -> {
                failures.add(reason);
                return recordingSettles.apply(m);
            };
            strategies = Map.of("recording", recording);
        }
        return new WarrenConnector(PayloadCodec.defaultMapper(), strategies, stores, codecs);
    }

    /** Closes the connector and opens another with these deduplication stores and the same failure strategies. */
    public WarrenConnector replaceConnector(Map<String, DeduplicationStore> stores) {
        connector.close();
        this.stores = stores;
        connector = newConnector();
        return connector;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            connector.close();
            if (proxy != null) {
                proxy.close();
            }
        } finally {
            // Connectors and failure strategies may have made the dead-letter queue; deleting a missing one is a no-op.
            queuesToDelete.add(0, dlq());
            queuesToDelete.add(0, queue);
            broker.deleteQueues(queuesToDelete.toArray(String[]::new));
            broker.deleteExchanges(exchangesToDelete.toArray(String[]::new));
            broker.close();
            failures.clear();
        }
    }

    public Broker broker() {
        return broker;
    }

    public WarrenConnector connector() {
        return connector;
    }

    public String queue() {
        return queue;
    }

    public String dlq() {
        return queue + ".dlq";
    }

    /** A dead-letter exchange named after the queue, deleted after the test. */
    public String dlx() {
        String dlx = queue + "-dlx";
        if (!exchangesToDelete.contains(dlx)) {
            exchangesToDelete.add(dlx);
        }
        return dlx;
    }

    public FaultProxy proxy() {
        return proxy;
    }

    /** What the {@code recording} strategy was handed, in order. */
    public List<Throwable> failures() {
        return failures;
    }

    /** A channel on this test's broker named {@code prefix-xxxxxxxx}, reading or writing the queue by its name. */
    public TestConfig channel(String channelPrefix) {
        return TestConfig.channel(Broker.unique(channelPrefix)).at(host.get(), port.getAsInt())
                .with("queue.name", queue).with("exchange.name", "\"\"");
    }

    /** An outgoing channel named {@code prefix-xxxxxxxx} that publishes to this test's queue by its name. */
    public TestConfig sender(String channelPrefix) {
        return TestConfig.channel(Broker.unique(channelPrefix)).at(host.get(), port.getAsInt())
                .with("exchange.name", "\"\"").with("default-routing-key", queue);
    }

    /** The messages of an incoming channel, as SmallRye would subscribe to them. */
    public Multi<Message<?>> consume(TestConfig config) {
        return Consumers.consume(connector, config);
    }

    /** The subscriber of an outgoing channel, as SmallRye would feed it. */
    @SuppressWarnings("unchecked")
    public Flow.Subscriber<Message<?>> publisher(TestConfig config) {
        return (Flow.Subscriber<Message<?>>) connector.getSubscriber(config.build());
    }

    /** Waits until every incoming channel of the connector consumes. */
    public void awaitReady(Duration atMost) {
        await().atMost(atMost)
                .until(() -> connector.incomingChannels().stream().allMatch(c -> c.health().isReady()));
    }
}
