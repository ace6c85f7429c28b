package io.warren.connector.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.warren.connector.WarrenConnector;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.Setting;

/** Builds channel configurations for the validator tests, and runs the validator on them. */
public final class Channels {

    private Channels() {
    }

    public static ChannelConfig incoming(String channel, String... keyValues) {
        return channel(channel, ChannelDirection.INCOMING, keyValues);
    }

    public static ChannelConfig outgoing(String channel, String... keyValues) {
        return channel(channel, ChannelDirection.OUTGOING, keyValues);
    }

    public static ChannelConfig channel(String channel, ChannelDirection direction, String... keyValues) {
        Map<String, Setting> settings = new TreeMap<>();
        String prefix = ChannelConfig.prefix(channel, direction);
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], new Setting(keyValues[i], prefix + keyValues[i], keyValues[i + 1]));
        }
        return new ChannelConfig(channel, direction, settings);
    }

    /** The same channel, with one setting whose value is only known at run time. */
    public static ChannelConfig withUnresolved(ChannelConfig c, String attribute) {
        Map<String, Setting> settings = new TreeMap<>(c.settings());
        settings.put(attribute, new Setting(attribute, c.prefix() + attribute, null));
        return new ChannelConfig(c.channel(), c.direction(), settings);
    }

    public static List<ConfigProblem> validate(ValidationContext context, ChannelConfig... channels) {
        return ChannelConfigValidator.validate(List.of(channels), context);
    }

    public static List<ConfigProblem> validate(ChannelConfig... channels) {
        return validate(ValidationContext.of(WarrenConnector.attributes()), channels);
    }

    /** The single problem reported for a property. */
    public static ConfigProblem only(List<ConfigProblem> problems, String property) {
        List<ConfigProblem> matching = problems.stream().filter(p -> p.property().equals(property)).toList();
        assertThat(matching).as("problems for %s in %s", property, problems).hasSize(1);
        return matching.get(0);
    }
}
