package io.warren.quarkus.deployment.devservices;

import org.testcontainers.rabbitmq.RabbitMQContainer;
import org.testcontainers.utility.DockerImageName;

import io.quarkus.devservices.common.ConfigureUtil;
import io.quarkus.runtime.LaunchMode;
import io.warren.quarkus.deployment.DeploymentLog;

/**
 * A RabbitMQ container as a Dev Service (Testcontainers). Loaded only when a container is chosen, so that nothing
 * of Testcontainers is touched otherwise.
 */
final class ContainerBrokerService extends RabbitMQContainer implements BrokerService {

    private static final DeploymentLog LOG = DeploymentLog.of(ContainerBrokerService.class);
    /** The label other applications find a shared container by. */
    static final String LABEL = "quarkus-dev-service-warren";

    private final WarrenDevServicesConfig config;
    private final Credentials credentials;
    private final int fixedPort;
    private final String reason;

    ContainerBrokerService(WarrenDevServicesConfig config, Credentials credentials, LaunchMode launchMode,
            String reason) {
        super(DockerImageName.parse(config.imageName()).asCompatibleSubstituteFor("rabbitmq"));
        this.config = config;
        this.credentials = credentials;
        this.fixedPort = config.port().orElse(0);
        this.reason = reason;
        withAdminUser(credentials.username());
        withAdminPassword(credentials.password());
        if (config.shared()) {
            ConfigureUtil.configureSharedServiceLabel(this, launchMode, LABEL, config.serviceName());
        }
    }

    @Override
    protected void configure() {
        super.configure();
        if (fixedPort > 0) {
            addFixedExposedPort(fixedPort, BrokerAddress.AMQP_PORT);
        }
    }

    @Override
    public void start() {
        super.start();
        LOG.containerStarted(config.imageName(), host(), port(), reason);
        Topology.declare(config, host(), port(), credentials);
    }

    @Override
    public String host() {
        return getHost();
    }

    @Override
    public int port() {
        return getAmqpPort();
    }

    @Override
    public String getConnectionInfo() {
        return getAmqpUrl();
    }

    @Override
    public void close() {
        super.close();
    }
}
