package io.warren.quarkus.deployment.observe;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

/** The application of {@link DevUiTest}: a processor that refuses names starting with "poison". */
@ApplicationScoped
public class DevUiApp {

    @Incoming("devui-in")
    @Outgoing("devui-out")
    String shout(String name) {
        if (name.startsWith("poison")) {
            throw new IllegalArgumentException("refused " + name);
        }
        return name.toUpperCase();
    }
}
