package io.warren.quarkus.runtime.health;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Startup;

import io.warren.connector.observe.ChannelStatus;
import io.warren.quarkus.runtime.observe.WarrenChannels;

/**
 * {@code /q/health/started}: DOWN until every Warren channel the application uses has connected once, then UP for
 * good (readiness and liveness take over from there). Each channel is listed with its state.
 */
@Startup
@ApplicationScoped
public class WarrenStartupCheck implements HealthCheck {

    static final String NAME = "Warren channels started";

    @Inject
    WarrenChannels channels;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME);
        boolean all = true;
        for (Map.Entry<String, List<ChannelStatus>> e : channels.expected().entrySet()) {
            List<ChannelStatus> copies = e.getValue();
            boolean started = !copies.isEmpty() && copies.stream().allMatch(ChannelStatus::everConnected);
            all &= started;
            response.withData(e.getKey(), started ? "started" : describe(copies));
        }
        return response.status(all).build();
    }

    private static String describe(List<ChannelStatus> copies) {
        if (copies.isEmpty()) {
            return "not created yet";
        }
        for (ChannelStatus s : copies) {
            if (!s.everConnected()) {
                return "not connected yet" + (s.problem() == null ? "" : ": " + s.problem());
            }
        }
        return "not connected yet";
    }
}
