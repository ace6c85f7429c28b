package io.warren.connector.validation;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.warren.connector.config.AttributeSpec;
import io.warren.connector.config.AttributeTable;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.Setting;
import io.warren.connector.config.SmallRyeKeys;

/**
 * Unknown attribute names (those of the application's other connectors are not unknown), attributes of the other
 * direction, and keys SmallRye reserves.
 */
final class AttributeNameRule implements ChannelRule {

    static final String REFERENCE = "docs/attributes.md lists every attribute";

    @Override
    public void check(ChannelView channel, ValidationContext context, List<ConfigProblem> problems) {
        ChannelConfig config = channel.config;
        ChannelDirection direction = config.direction();
        AttributeTable table = context.attributes();
        for (Setting s : config.settings().values()) {
            if (!config.owns(s) || SmallRyeKeys.ALL.contains(s.attribute())) {
                continue;
            }
            String name = s.attribute();
            Optional<AttributeSpec> spec = table.find(name);
            if (name.equals(SmallRyeKeys.CHANNEL_NAME)) {
                problems.add(ConfigProblem.error(s.property(), s.value(),
                        "'channel-name' is reserved: SmallRye sets it on the configuration it hands to the connector",
                        "remove it; the channel name is the part of the property between '" + direction.prefix()
                                + "' and the attribute"));
            } else if (spec.isPresent() && !spec.get().appliesTo(direction)) {
                ChannelDirection other = direction.opposite();
                problems.add(ConfigProblem.error(s.property(), s.value(),
                        "'" + name + "' is an " + other.label() + " attribute, and " + direction.label()
                                + " channels ignore it",
                        "remove it, or set it on the " + other.label() + " channel ("
                                + ChannelConfig.prefix(config.channel(), other) + name + ")"));
            } else if (spec.isEmpty() && !context.otherConnectors().containsKey(name)) {
                // An attribute another connector of the application declares is left alone: the channel moves
                // between connectors by its connector key, with both sets of attributes kept side by side.
                problems.add(unknown(s, config, table));
            }
        }
    }

    private static ConfigProblem unknown(Setting s, ChannelConfig config, AttributeTable table) {
        String name = s.attribute();
        String what = "unknown attribute '" + name + "'";
        Optional<AttributeSpec> aliased = table.byAlias(name);
        if (aliased.isPresent()) {
            return ConfigProblem.error(s.property(), s.value(), what + ": '" + name
                    + "' is a global property, read only on its own", "write '" + config.prefix()
                            + aliased.get().name() + "' for this channel only, or '" + name
                            + "' (without prefix) for every channel");
        }
        List<String> candidates = new ArrayList<>(table.names(config.direction()));
        candidates.addAll(SmallRyeKeys.ALL);
        Optional<String> closest = NameDistance.closest(name, candidates);
        if (closest.isPresent()) {
            return ConfigProblem.error(s.property(), s.value(), what,
                    "did you mean '" + closest.get() + "'? Rename it to " + config.prefix() + closest.get());
        }
        return ConfigProblem.error(s.property(), s.value(), what + " for the warren connector",
                "remove it or correct its name; " + REFERENCE
                        + " (docs/migration-from-smallrye-rabbitmq.md maps those of smallrye-rabbitmq)");
    }
}
