package io.warren.quarkus.deployment.devservices;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.deployment.IsDevServicesSupportedByLaunchMode;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.BuildSteps;
import io.quarkus.deployment.builditem.DevServicesResultBuildItem;
import io.quarkus.deployment.builditem.DockerStatusBuildItem;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.dev.devservices.DevServicesConfig;
import io.quarkus.devservices.common.ContainerAddress;
import io.quarkus.devservices.common.ContainerLocator;
import io.quarkus.runtime.LaunchMode;
import io.warren.quarkus.deployment.DeploymentLog;
import io.warren.quarkus.deployment.DeploymentMessages;
import io.warren.quarkus.deployment.devservices.BrokerSelection.Choice;
import io.warren.quarkus.deployment.devservices.BrokerSelection.LocalBroker;
import io.warren.quarkus.deployment.WarrenConfig;

/**
 * Dev Services for Warren: in dev and test mode, when the application names no broker, reuses a running one, or
 * starts a RabbitMQ container, or the embedded broker ({@link BrokerSelection} decides), and gives the application
 * the connection settings the connector reads.
 */
@BuildSteps(onlyIf = { IsDevServicesSupportedByLaunchMode.class, DevServicesConfig.Enabled.class })
class WarrenDevServicesProcessor {

    static final String FEATURE = "warren";
    static final String HOST = "rabbitmq-host";
    static final String PORT = "rabbitmq-port";
    static final String USERNAME = "rabbitmq-username";
    static final String PASSWORD = "rabbitmq-password";

    private static final DeploymentLog LOG = DeploymentLog.of(WarrenDevServicesProcessor.class);
    /** How a user gets another broker, said where an automatic choice is logged. */
    static final String FORCE_ANOTHER = "; quarkus.warren.devservices.mode=local, container or embedded forces one";

    /**
     * What identifies a broker Warren owns: while it stays equal, a dev-mode restart keeps the running broker.
     */
    private record ServiceKey(BrokerSelection.Kind kind, String image, int port, boolean portFixed,
            Credentials credentials, String topology, boolean shared, String serviceName) {
    }

    @BuildStep
    DevServicesResultBuildItem devServices(WarrenConfig warren, LaunchModeBuildItem launchModeItem,
            DockerStatusBuildItem docker) {
        WarrenDevServicesConfig cfg = warren.devservices();
        Config config = ConfigProvider.getConfig();
        Function<String, Optional<String>> value = key -> read(config, key);
        BrokerAddress local = BrokerAddress.parse(cfg.localAddress());
        Credentials credentials = Credentials.from(value);
        LaunchMode launchMode = launchModeItem.getLaunchMode();
        Choice choice = BrokerSelection.select(
                new BrokerSelection.Request(cfg.enabled(), cfg.mode(),
                        ConfiguredBroker.notNeeded(value, config.getPropertyNames()), local.toString()),
                new BrokerSelection.Probes() {
                    @Override
                    public LocalBroker localBroker() {
                        return LocalBrokerProbe.probe(local, credentials);
                    }

                    @Override
                    public boolean containerRuntimeWorks() {
                        return ContainerRuntimeHint.present() && docker.isContainerRuntimeAvailable();
                    }
                });
        if (choice.kind() != BrokerSelection.Kind.NONE && choice.kind() != BrokerSelection.Kind.FAILED) {
            // Warren's result makes Quarkus ask Testcontainers whether Docker works (in dev mode, for every Dev
            // Service); without any sign of a container runtime the answer is known, and its ERROR only misleads.
            ContainerProbeLogging.quietWhen(!ContainerRuntimeHint.present());
        }
        return switch (choice.kind()) {
            case NONE -> {
                LOG.notStarted(choice.reason());
                yield null;
            }
            case FAILED -> throw DeploymentMessages.MSG.devServicesFailed(choice.reason());
            case LOCAL -> {
                LOG.reusingBroker(local, why(cfg, choice));
                yield DevServicesResultBuildItem.discovered().feature(FEATURE)
                        .description("Broker at " + local)
                        .config(Map.of(HOST, local.host(), PORT, String.valueOf(local.port()))).build();
            }
            case CONTAINER -> container(cfg, credentials, launchMode, choice);
            case EMBEDDED -> {
                NativeStreams.warnOnEmbeddedBroker(config);
                yield embedded(cfg, credentials, choice);
            }
        };
    }

    private static DevServicesResultBuildItem container(WarrenDevServicesConfig cfg, Credentials credentials,
            LaunchMode launchMode, Choice choice) {
        ContainerLocator locator = ContainerLocator.locateContainerWithLabels(BrokerAddress.AMQP_PORT,
                ContainerBrokerService.LABEL);
        Optional<ContainerAddress> shared = locator.locateContainer(cfg.serviceName(), cfg.shared(), launchMode);
        if (shared.isPresent()) {
            ContainerAddress a = shared.get();
            LOG.reusingSharedContainer(a.getId(), a.getHost(), a.getPort());
            return DevServicesResultBuildItem.discovered().feature(FEATURE).containerId(a.getId())
                    .description("Shared RabbitMQ container")
                    .config(Map.of(HOST, a.getHost(), PORT, String.valueOf(a.getPort()), USERNAME,
                            credentials.username(), PASSWORD, credentials.password()))
                    .build();
        }
        LOG.choseContainer(choice.reason());
        ServiceKey key = new ServiceKey(BrokerSelection.Kind.CONTAINER, cfg.imageName(), cfg.port().orElse(0),
                cfg.port().isPresent(), credentials, Topology.describe(cfg), cfg.shared(), cfg.serviceName());
        return owned(key, cfg, "RabbitMQ container (" + cfg.imageName() + ")",
                () -> new ContainerBrokerService(cfg, credentials, launchMode, why(cfg, choice)), credentials);
    }

    private static DevServicesResultBuildItem embedded(WarrenDevServicesConfig cfg, Credentials credentials,
            Choice choice) {
        // A free port unless one is configured: the port of local-address is RabbitMQ's, which may start later.
        int port = cfg.port().orElse(0);
        LOG.choseEmbeddedBroker(choice.reason());
        ServiceKey key = new ServiceKey(BrokerSelection.Kind.EMBEDDED, null, port, cfg.port().isPresent(),
                credentials, Topology.describe(cfg), false, cfg.serviceName());
        return owned(key, cfg, "Embedded broker (Apache Qpid Broker-J, in memory)",
                () -> new EmbeddedBrokerService(cfg, credentials, port, why(cfg, choice)), credentials);
    }

    private static DevServicesResultBuildItem owned(ServiceKey key, WarrenDevServicesConfig cfg, String description,
            java.util.function.Supplier<BrokerService> service, Credentials credentials) {
        return DevServicesResultBuildItem.<BrokerService> owned().feature(FEATURE).serviceName(cfg.serviceName())
                .description(description).serviceConfig(key).startable(service)
                .configProvider(Map.of(HOST, BrokerService::host, PORT, s -> String.valueOf(s.port()),
                        USERNAME, s -> credentials.username(), PASSWORD, s -> credentials.password()))
                .build();
    }

    /** Why this broker, for the INFO line that names it; an automatic choice says how to force another. */
    static String why(WarrenDevServicesConfig cfg, Choice choice) {
        return choice.reason() + (cfg.mode() == WarrenDevServicesConfig.Mode.AUTO ? FORCE_ANOTHER : "");
    }

    private static Optional<String> read(Config config, String key) {
        try {
            return config.getOptionalValue(key, String.class).filter(v -> !v.isBlank());
        } catch (RuntimeException e) {
            return Optional.empty(); // an unresolvable expression names nothing we can use
        }
    }
}
