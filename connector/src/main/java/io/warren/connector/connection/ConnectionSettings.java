package io.warren.connector.connection;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.rabbitmq.client.Address;

import io.warren.connector.WarrenConnectorCommonConfiguration;

/**
 * The settings that identify a broker connection. Channels whose settings are equal share one connection.
 *
 * @param addresses the broker nodes, tried in turn
 * @param username the user name
 * @param password the password; never printed by {@link #toString()}
 * @param virtualHost the virtual host
 * @param connectionName the client-provided name, or {@code null} for the default
 * @param ssl whether to use TLS
 * @param trustAll whether to trust every certificate (with TLS)
 * @param connectionTimeoutMs the TCP connect timeout
 * @param handshakeTimeoutMs the AMQP handshake timeout
 * @param heartbeatSeconds the requested heartbeat
 * @param recoveryIntervalMs the delay between connection attempts
 * @param security TLS stores and credentials provider (issue 15)
 */
public record ConnectionSettings(List<Address> addresses, String username, String password, String virtualHost,
        String connectionName, boolean ssl, boolean trustAll, int connectionTimeoutMs, int handshakeTimeoutMs,
        int heartbeatSeconds, int recoveryIntervalMs, ConnectionSecurity security) {

    /** Reads the connection attributes of a channel. */
    public static ConnectionSettings from(WarrenConnectorCommonConfiguration c) {
        return new ConnectionSettings(parseAddresses(c.getAddresses(), c.getHost(), c.getPort()),
                CompatibleNames.username(c), c.getPassword(), c.getVirtualHost(), c.getConnectionName().orElse(null),
                c.getSsl(), c.getTrustAll(), c.getConnectionTimeout(), c.getHandshakeTimeout(),
                c.getRequestedHeartbeat(), CompatibleNames.recoveryIntervalMs(c), ConnectionSecurity.from(c));
    }

    static List<Address> parseAddresses(Optional<String> addresses, String host, int port) {
        List<Address> result = new ArrayList<>();
        if (addresses.isPresent() && !addresses.get().isBlank()) {
            for (String part : addresses.get().split(",")) {
                String trimmed = part.trim();
                if (!trimmed.isEmpty()) {
                    result.add(SafeAddress.parse(trimmed));
                }
            }
        }
        if (result.isEmpty()) {
            result.add(new Address(host, port));
        }
        return List.copyOf(result);
    }

    /** Whether the connection uses TLS: {@code ssl=true}, or a TLS configuration named. */
    public boolean tls() {
        return ssl || security.impliesTls();
    }

    /** {@code host:port,host:port}, for messages. */
    public String hosts() {
        StringBuilder sb = new StringBuilder();
        for (Address a : addresses) {
            sb.append(sb.length() > 0 ? "," : "").append(a.getHost()).append(':')
                    .append(a.getPort() < 0 ? (tls() ? 5671 : 5672) : a.getPort());
        }
        return sb.toString();
    }

    /** A printable description of where this connects to, without credentials. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (Address a : addresses) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(a.getHost()).append(':').append(a.getPort() < 0 ? 5672 : a.getPort());
        }
        return username + "@" + sb + " vhost=" + virtualHost;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + describe() + "]";
    }
}
