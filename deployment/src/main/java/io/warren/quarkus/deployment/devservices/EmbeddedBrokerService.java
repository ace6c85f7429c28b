package io.warren.quarkus.deployment.devservices;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.warren.embedded.EmbeddedBroker;

/**
 * The embedded broker as a Dev Service. Quarkus starts it before the application and keeps it across dev-mode
 * restarts while its configuration stays the same; it closes it when the application stops.
 */
final class EmbeddedBrokerService implements BrokerService {

    private static final Logger LOG = Logger.getLogger(EmbeddedBrokerService.class);
    /** Ports of embedded brokers this JVM runs, so that a restart does not mistake its own broker for a local one. */
    private static final Set<Integer> OWN_PORTS = ConcurrentHashMap.newKeySet();

    private final WarrenDevServicesConfig config;
    private final Credentials credentials;
    private final int port;
    private final String reason;
    private EmbeddedBroker broker;

    /**
     * @param port the configured port to listen on (a taken port is an error), or 0 for a free one
     * @param reason why the embedded broker was chosen, for the log
     */
    EmbeddedBrokerService(WarrenDevServicesConfig config, Credentials credentials, int port, String reason) {
        this.config = config;
        this.credentials = credentials;
        this.port = port;
        this.reason = reason;
    }

    static boolean isOwnPort(BrokerAddress address) {
        return address.isLoopback() && OWN_PORTS.contains(address.port());
    }

    @Override
    public void start() {
        broker = EmbeddedBroker.start(port, credentials.username(), credentials.password());
        OWN_PORTS.add(broker.port());
        LOG.infof("Dev Services for Warren started the embedded broker (Apache Qpid Broker-J, in memory) on %s:%d, "
                + "because %s", broker.host(), broker.port(), reason);
        LOG.warnf("The embedded broker is not RabbitMQ. Warren's dead-letter and retry strategies and its private "
                + "reply queues work on it; it does not support: %s. Use RabbitMQ (local or in a container) to try "
                + "those", EmbeddedBroker.unsupportedSummary());
        Topology.declare(config, broker.host(), broker.port(), credentials);
    }

    @Override
    public String host() {
        return EmbeddedBroker.HOST;
    }

    @Override
    public int port() {
        return broker.port();
    }

    @Override
    public String getConnectionInfo() {
        return broker == null ? "embedded broker (not started)" : "amqp://" + broker.host() + ":" + broker.port();
    }

    @Override
    public String getContainerId() {
        return null;
    }

    @Override
    public void close() {
        if (broker != null) {
            OWN_PORTS.remove(broker.port());
            broker.close();
            LOG.debugf("Dev Services for Warren stopped the embedded broker on port %d", broker.port());
        }
    }
}
