package io.warren.connector.validation;

import java.util.List;
import java.util.function.Predicate;

import org.eclipse.microprofile.config.Config;

import io.warren.connector.config.AttributeTable;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelConfigReader;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.validation.ValidationContext.NamedBeans;

/**
 * The check the connector runs when it creates a channel, so that plain-Java users get the same errors as the
 * Quarkus build (all but those that need the code). In Quarkus the start-up check has already run by then.
 */
public final class CreationCheck {

    /** The attribute that turns this check off; the Quarkus extension does, since it checks at start-up. */
    public static final String ATTRIBUTE = "validation";

    private CreationCheck() {
    }

    /**
     * @param channelConfig the configuration SmallRye hands to the connector
     * @param attributes the connector's attributes
     * @param failureStrategies whether a custom failure strategy of that name exists
     * @param stores whether a custom deduplication store of that name exists
     * @throws ChannelConfigException listing every error of the channel
     */
    public static void check(Config channelConfig, ChannelDirection direction, AttributeTable attributes,
            Predicate<String> failureStrategies, Predicate<String> stores) {
        if (!channelConfig.getOptionalValue(ATTRIBUTE, Boolean.class).orElse(true)) {
            return;
        }
        ValidationContext context = ValidationContext.of(attributes)
                .withBeans(NamedBeans.lookup(failureStrategies), NamedBeans.lookup(stores))
                .withClasses(ValidationContext::loadable);
        ChannelConfig channel = ChannelConfigReader.fromConnectorConfig(channelConfig, direction);
        ChannelConfigValidator.requireValid(ChannelConfigValidator.validate(List.of(channel), context));
    }
}
