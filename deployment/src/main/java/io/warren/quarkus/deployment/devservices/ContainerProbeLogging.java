package io.warren.quarkus.deployment.devservices;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps Testcontainers' Docker lookup out of the log on a machine that shows no sign of a container runtime.
 * <p>
 * In dev mode, Quarkus's Dev Services step that describes the running services
 * ({@code io.quarkus.devservices.deployment.DevServicesProcessor#config}, in {@code quarkus-devservices-deployment},
 * which Warren's Dev Services need) asks whether a container runtime works for every Dev Services result, even one
 * without a container like Warren's embedded or reused broker, at every start and every live reload. The question
 * goes to Testcontainers, which logs "Could not find a valid Docker environment" at ERROR, and two INFO lines, when
 * there is none. Where {@link ContainerRuntimeHint} finds no sign of one, that answer is known and the ERROR only
 * makes Warren's quiet fall-back look like a failure; the lookup itself still runs, and its answer is unchanged.
 * Categories the application configured keep their level.
 */
final class ContainerProbeLogging {

    /** Logs the ERROR, and the strategies it tried. */
    static final String STRATEGY = "org.testcontainers.dockerclient.DockerClientProviderStrategy";
    /** Logs the Testcontainers version and the strategies it skips, at INFO. */
    static final String TESTCONTAINERS = "org.testcontainers";

    /** Held strongly: java.util.logging forgets the level of a logger nobody references. */
    private static final List<Logger> LOGGERS = List.of(Logger.getLogger(STRATEGY), Logger.getLogger(TESTCONTAINERS));

    private ContainerProbeLogging() {
    }

    /**
     * @param noContainerRuntime whether there is no sign of a container runtime
     * @return whether the levels were set
     */
    static boolean quietWhen(boolean noContainerRuntime) {
        if (!noContainerRuntime) {
            return false;
        }
        setIfUnset(LOGGERS.get(0), Level.OFF);
        setIfUnset(LOGGERS.get(1), Level.WARNING);
        return true;
    }

    private static void setIfUnset(Logger logger, Level level) {
        if (logger.getLevel() == null) {
            logger.setLevel(level);
        }
    }
}
