package io.warren.connector.config;

import java.util.Optional;
import java.util.Set;

/**
 * One attribute of the connector, as declared by its {@code @ConnectorAttribute}.
 *
 * @param name the attribute name, such as {@code queue.name}
 * @param alias the global property that also sets it, such as {@code rabbitmq-host}; null when there is none
 * @param type {@code string}, {@code boolean}, {@code int}, {@code long} or {@code double}
 * @param directions the channel directions it applies to
 * @param defaultValue the default; null when there is none
 * @param description what it does
 */
public record AttributeSpec(String name, String alias, String type, Set<ChannelDirection> directions,
        String defaultValue, String description) {

    public AttributeSpec {
        directions = Set.copyOf(directions);
    }

    /** Whether it applies to channels of this direction; a null direction means either. */
    public boolean appliesTo(ChannelDirection direction) {
        return direction == null || directions.contains(direction);
    }

    /** {@code incoming}, {@code outgoing} or {@code both}. */
    public String directionLabel() {
        return directions.size() == 2 ? "both" : directions.iterator().next().label();
    }

    /** The default, if any. */
    public Optional<String> defaultOptional() {
        return Optional.ofNullable(defaultValue);
    }
}
