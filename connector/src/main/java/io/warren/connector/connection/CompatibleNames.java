package io.warren.connector.connection;

import io.warren.connector.WarrenConnectorCommonConfiguration;

/**
 * SmallRye's names for connection attributes that Warren names otherwise, read so that a migrated configuration
 * keeps working: {@code user} for {@code username}, and {@code reconnect-interval} (in seconds, SmallRye's unit)
 * for {@code network-recovery-interval} (in milliseconds). Warren's own name wins when both are set; the validator
 * warns about each.
 */
final class CompatibleNames {

    private CompatibleNames() {
    }

    static String username(WarrenConnectorCommonConfiguration c) {
        if (c.config().getOptionalValue("username", String.class).isPresent() || org.eclipse.microprofile.config
                .ConfigProvider.getConfig().getOptionalValue("rabbitmq-username", String.class).isPresent()) {
            return c.getUsername();
        }
        return c.getUser().orElseGet(c::getUsername);
    }

    static int recoveryIntervalMs(WarrenConnectorCommonConfiguration c) {
        if (c.config().getOptionalValue("network-recovery-interval", String.class).isPresent()) {
            return c.getNetworkRecoveryInterval();
        }
        return c.getReconnectInterval().map(s -> (int) Math.min(Integer.MAX_VALUE, s * 1000L))
                .orElseGet(c::getNetworkRecoveryInterval);
    }
}
