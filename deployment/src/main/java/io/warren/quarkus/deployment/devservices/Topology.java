package io.warren.quarkus.deployment.devservices;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import io.warren.quarkus.deployment.DeploymentLog;
import io.warren.quarkus.deployment.DeploymentMessages;


/** Declares the exchanges, queues and bindings of {@code quarkus.warren.devservices.*} on a broker Warren started. */
final class Topology {

    private static final DeploymentLog LOG = DeploymentLog.of(Topology.class);

    private Topology() {
    }

    static boolean isEmpty(WarrenDevServicesConfig config) {
        return config.exchanges().isEmpty() && config.queues().isEmpty() && config.bindings().isEmpty();
    }

    /** A stable text of the topology, so that a change of it starts a new broker in dev mode. */
    static String describe(WarrenDevServicesConfig config) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(config.exchanges()).forEach((n, x) -> sb.append("x:").append(n).append('/').append(x.type())
                .append('/').append(x.durable()).append('/').append(x.autoDelete()).append(';'));
        new TreeMap<>(config.queues()).forEach((n, q) -> sb.append("q:").append(n).append('/').append(q.durable())
                .append('/').append(q.autoDelete()).append('/').append(new TreeMap<>(q.arguments())).append(';'));
        new TreeMap<>(config.bindings()).forEach((n, b) -> sb.append("b:").append(b.source()).append('>')
                .append(b.destinationType()).append(':').append(b.destination()).append('/').append(b.routingKey())
                .append(';'));
        return sb.toString();
    }

    static void declare(WarrenDevServicesConfig config, String host, int port, Credentials credentials) {
        if (isEmpty(config)) {
            return;
        }
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(host);
        f.setPort(port);
        f.setUsername(credentials.username());
        f.setPassword(credentials.password());
        f.setAutomaticRecoveryEnabled(false);
        try (Connection c = f.newConnection("warren-devservices-topology")) {
            Channel ch = c.createChannel();
            for (var e : new TreeMap<>(config.exchanges()).entrySet()) {
                ch.exchangeDeclare(e.getKey(), e.getValue().type(), e.getValue().durable(), e.getValue().autoDelete(),
                        null);
            }
            for (var e : new TreeMap<>(config.queues()).entrySet()) {
                ch.queueDeclare(e.getKey(), e.getValue().durable(), false, e.getValue().autoDelete(),
                        arguments(e.getValue().arguments()));
            }
            for (var b : new TreeMap<>(config.bindings()).values()) {
                if ("exchange".equals(b.destinationType())) {
                    ch.exchangeBind(b.destination(), b.source(), b.routingKey());
                } else {
                    ch.queueBind(b.destination(), b.source(), b.routingKey());
                }
            }
            LOG.topologyDeclared(config.exchanges().size(), config.queues().size(), config.bindings().size());
        } catch (Exception e) {
            throw DeploymentMessages.MSG.topologyFailed(host, port, e.getMessage(), e);
        }
    }

    static Map<String, Object> arguments(Map<String, String> raw) {
        if (raw.isEmpty()) {
            return null;
        }
        Map<String, Object> args = new HashMap<>();
        raw.forEach((k, v) -> {
            try {
                args.put(k, Long.parseLong(v));
            } catch (NumberFormatException e) {
                args.put(k, v);
            }
        });
        return args;
    }
}
