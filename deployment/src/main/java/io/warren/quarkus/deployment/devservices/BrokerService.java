package io.warren.quarkus.deployment.devservices;

import io.quarkus.deployment.builditem.Startable;

/** A broker Dev Services start and own: the embedded one or a container. */
interface BrokerService extends Startable {

    /** The host the application connects to. */
    String host();

    /** The port the application connects to. */
    int port();
}
