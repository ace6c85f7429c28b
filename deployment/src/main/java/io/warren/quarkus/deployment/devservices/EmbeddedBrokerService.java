package io.warren.quarkus.deployment.devservices;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.warren.embedded.EmbeddedBroker;
import io.warren.quarkus.deployment.DeploymentLog;

/**
 * The embedded broker as a Dev Service. Quarkus starts it before the application and keeps it across dev-mode
 * restarts while its configuration stays the same; it closes it when the application stops.
 */
final class EmbeddedBrokerService implements BrokerService {

    private static final DeploymentLog LOG = DeploymentLog.of(EmbeddedBrokerService.class);
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
        LOG.embeddedBrokerStarted(broker.host(), broker.port(), reason);
        LOG.embeddedBrokerIsNotRabbitMQ(EmbeddedBroker.unsupportedSummary());
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
            LOG.embeddedBrokerStopped(broker.port());
        }
    }
}
