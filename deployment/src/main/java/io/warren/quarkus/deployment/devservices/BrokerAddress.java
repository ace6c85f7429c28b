package io.warren.quarkus.deployment.devservices;

import io.warren.quarkus.deployment.DeploymentMessages;

/**
 * A {@code host:port} pair, as in {@code quarkus.warren.devservices.local-address}.
 *
 * @param host the host name or address
 * @param port the port
 */
record BrokerAddress(String host, int port) {

    static final int AMQP_PORT = 5672;

    /** Parses {@code host:port}, {@code host} (port 5672) or {@code :port} (localhost). */
    static BrokerAddress parse(String text) {
        String t = text.trim();
        int colon = t.lastIndexOf(':');
        if (colon < 0) {
            return new BrokerAddress(t.isEmpty() ? "localhost" : t, AMQP_PORT);
        }
        String host = colon == 0 ? "localhost" : t.substring(0, colon);
        try {
            return new BrokerAddress(host, Integer.parseInt(t.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw DeploymentMessages.MSG.badLocalAddress(text, e);
        }
    }

    /** Whether the host is this machine's loopback, where the embedded broker can listen. */
    boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1");
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
