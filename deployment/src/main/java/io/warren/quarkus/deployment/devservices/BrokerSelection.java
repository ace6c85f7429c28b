package io.warren.quarkus.deployment.devservices;

import java.util.Optional;

import io.warren.quarkus.deployment.devservices.WarrenDevServicesConfig.Mode;

/**
 * Decides where the Dev Services broker comes from, and says why. A plain function of the configuration and of
 * the probes, which run only when the decision needs them, in the order of the modes: a running broker first, then
 * a container runtime.
 */
final class BrokerSelection {

    /** Where the broker comes from. */
    enum Kind {
        /** Dev Services do nothing. */
        NONE,
        /** A broker already running at the local address. */
        LOCAL,
        /** A RabbitMQ container. */
        CONTAINER,
        /** The in-JVM broker. */
        EMBEDDED,
        /** The forced mode cannot be served: the build fails with the reason. */
        FAILED
    }

    /**
     * @param kind where the broker comes from
     * @param reason why, in words for a log line
     */
    record Choice(Kind kind, String reason) {
    }

    /**
     * What a connection to the local address found.
     *
     * @param usable whether a broker answered and accepted the user
     * @param product the broker's product name, when one answered
     * @param ownEmbedded whether it is the embedded broker that this JVM started earlier (a dev-mode restart)
     * @param detail why it is not usable, when it is not
     */
    record LocalBroker(boolean usable, String product, boolean ownEmbedded, String detail) {

        static LocalBroker found(String product, boolean ownEmbedded) {
            return new LocalBroker(true, product, ownEmbedded, null);
        }

        static LocalBroker none(String detail) {
            return new LocalBroker(false, null, false, detail);
        }
    }

    /** The probes, called at most once each, and only when the decision depends on them. */
    interface Probes {
        LocalBroker localBroker();

        boolean containerRuntimeWorks();
    }

    /**
     * @param enabled {@code quarkus.warren.devservices.enabled}
     * @param mode {@code quarkus.warren.devservices.mode}
     * @param notNeeded why no broker is needed (one is configured, or no channel uses Warren), or empty
     * @param localAddress where a running broker is looked for
     */
    record Request(boolean enabled, Mode mode, Optional<String> notNeeded, String localAddress) {
    }

    private BrokerSelection() {
    }

    static Choice select(Request request, Probes probes) {
        if (!request.enabled()) {
            return new Choice(Kind.NONE, "quarkus.warren.devservices.enabled is false");
        }
        if (request.notNeeded().isPresent()) {
            return new Choice(Kind.NONE, request.notNeeded().get());
        }
        String at = request.localAddress();
        return switch (request.mode()) {
            case EMBEDDED -> new Choice(Kind.EMBEDDED, "quarkus.warren.devservices.mode is embedded");
            case CONTAINER -> probes.containerRuntimeWorks()
                    ? new Choice(Kind.CONTAINER, "quarkus.warren.devservices.mode is container")
                    : new Choice(Kind.FAILED, "quarkus.warren.devservices.mode is container, but no container runtime "
                            + "works. Start Docker or Podman, or use mode auto or embedded");
            case LOCAL -> {
                LocalBroker local = probes.localBroker();
                yield local.usable() ? reuse(local, at)
                        : new Choice(Kind.FAILED, "quarkus.warren.devservices.mode is local, but no broker answers at "
                                + at + " (" + local.detail() + "). Start one, or use mode auto or embedded");
            }
            case AUTO -> auto(probes, at);
        };
    }

    private static Choice auto(Probes probes, String at) {
        LocalBroker local = probes.localBroker();
        if (local.usable()) {
            return reuse(local, at);
        }
        if (probes.containerRuntimeWorks()) {
            return new Choice(Kind.CONTAINER, "no broker at " + at + " (" + local.detail() + "); a container runtime "
                    + "works");
        }
        return new Choice(Kind.EMBEDDED, "no broker at " + at + " (" + local.detail() + ") and no working container "
                + "runtime");
    }

    private static Choice reuse(LocalBroker local, String at) {
        if (local.ownEmbedded()) {
            // Our own broker from before a dev-mode restart: keep owning it, or it would be stopped.
            return new Choice(Kind.EMBEDDED, "the embedded broker started earlier by this application listens at " + at);
        }
        return new Choice(Kind.LOCAL, local.product() + " answers at " + at);
    }
}
