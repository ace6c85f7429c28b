package io.warren.quarkus.deployment.devservices;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** The application of {@link DevServicesDevModeTest}; the test edits its greeting in dev mode. */
@ApplicationScoped
public class DevModeGreeter {

    @Incoming("names")
    @Outgoing("greetings")
    String greet(String name) {
        if (name.equals("?shutdown-timeout")) { // lets the test see the dev-mode default Warren sets
            return "timeout " + ConfigProvider.getConfig()
                    .getValue("mp.messaging.connector.warren.shutdown-timeout", String.class);
        }
        return "hello " + name;
    }
}
