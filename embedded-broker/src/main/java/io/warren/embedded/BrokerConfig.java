package io.warren.embedded;

import java.nio.file.Path;
import java.util.Map;

/** The configuration Qpid Broker-J starts from: what an embedded AMQP 0-9-1 broker for Warren needs, no more. */
final class BrokerConfig {

    static final String AMQP_PORT_NAME = "amqp";

    private BrokerConfig() {
    }

    /**
     * The broker's initial configuration. PLAIN must be allowed over plain TCP (amqp-client's default), the port
     * speaks AMQP 0-9-1 only, and the two aliases make the virtual host {@code /} resolve to the memory node.
     */
    static String json(int port, String username, String password) {
        return """
                {
                  "name": "warren-embedded",
                  "modelVersion": "8.0",
                  "authenticationproviders": [ {
                    "name": "plain",
                    "type": "Plain",
                    "secureOnlyMechanisms": [],
                    "users": [ { "name": "%s", "type": "managed", "password": "%s" } ]
                  } ],
                  "ports": [ {
                    "name": "%s",
                    "type": "AMQP",
                    "port": %d,
                    "bindingAddress": "%s",
                    "protocols": [ "AMQP_0_9_1" ],
                    "authenticationProvider": "plain",
                    "virtualhostaliases": [
                      { "name": "nameAlias", "type": "nameAlias" },
                      { "name": "defaultAlias", "type": "defaultAlias" }
                    ]
                  } ],
                  "virtualhostnodes": [ {
                    "name": "default",
                    "type": "Memory",
                    "defaultVirtualHostNode": "true",
                    "virtualHostInitialConfiguration": "{ \\"type\\": \\"Memory\\" }"
                  } ]
                }
                """.formatted(jsonText(username), jsonText(password), AMQP_PORT_NAME, port, EmbeddedBroker.HOST);
    }

    /** Escapes a value for a JSON string. */
    static String jsonText(String value) {
        StringBuilder sb = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * The attributes of Qpid's system configuration: a memory store for the broker's own configuration too, nothing
     * written to standard output, and declare arguments Qpid does not know (RabbitMQ's {@code x-*} queue arguments)
     * logged and ignored instead of refused: a refusal closes the connection. The system properties file is empty.
     */
    static Map<String, Object> systemAttributes(Path config, Path systemProperties, Path workDir) {
        return Map.of(
                "type", "Memory",
                "initialConfigurationLocation", config.toUri().toString(),
                // Without it Qpid reads its defaults from a classpath: URL, whose handler the JVM's system class
                // loader cannot always see (it cannot under Quarkus), and copies them into the system properties.
                "initialSystemPropertiesLocation", systemProperties.toUri().toString(),
                "startupLoggedToSystemOut", false,
                "context", Map.of(
                        "qpid.work_dir", workDir.toString(),
                        "queue.behaviourOnUnknownDeclareArgument", "LOG",
                        "qpid.broker_status_updates", "false"));
    }
}
