package io.warren.quarkus.deployment.devservices;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** The application of {@link DevServicesDevModeTest}; the test edits its greeting in dev mode. */
@ApplicationScoped
public class DevModeGreeter {

    @Incoming("names")
    @Outgoing("greetings")
    String greet(String name) {
        return "hello " + name;
    }
}
