package io.warren.quarkus.deployment.devservices;

import java.util.Optional;
import java.util.function.Function;

/**
 * The user the application connects with: the brokers Dev Services start accept it, and the probe tries it.
 *
 * @param username the user name
 * @param password the password; never printed
 */
record Credentials(String username, String password) {

    /** The connector-wide attribute wins over the global alias, as in the connector; guest/guest by default. */
    static Credentials from(Function<String, Optional<String>> value) {
        return new Credentials(first(value, "username", "guest"), first(value, "password", "guest"));
    }

    private static String first(Function<String, Optional<String>> value, String attribute, String fallback) {
        return value.apply("mp.messaging.connector." + ConfiguredBroker.CONNECTOR + "." + attribute)
                .or(() -> value.apply("rabbitmq-" + attribute)).orElse(fallback);
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
