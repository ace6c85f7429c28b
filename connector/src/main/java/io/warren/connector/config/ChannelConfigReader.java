package io.warren.connector.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;

import io.warren.connector.ChannelNames;

/** Reads the configuration of Warren's channels from MicroProfile Config, at build time or at run time. */
public final class ChannelConfigReader {

    private ChannelConfigReader() {
    }

    /**
     * The shared settings ({@code mp.messaging.connector.warren.*} and global aliases), then every Warren channel:
     * those whose {@code connector} is the table's connector ({@code warren}), and the {@code attached} ones (Quarkus attaches channels to
     * the only connector present without a {@code connector} key) unless their {@code connector} key now names another
     * connector. Sorted by channel.
     */
    public static List<ChannelConfig> read(Config config, AttributeTable table, Collection<ChannelRef> attached) {
        Map<String, Setting> shared = new TreeMap<>();
        Map<ChannelRef, Map<String, Setting>> channels = new TreeMap<>();
        for (String name : names(config)) {
            if (name.startsWith(ChannelConfig.CONNECTOR_PREFIX)) {
                String attribute = name.substring(ChannelConfig.CONNECTOR_PREFIX.length());
                value(config, name).ifPresent(v -> shared.put(attribute, new Setting(attribute, name, v.orElse(null))));
                continue;
            }
            for (ChannelDirection direction : ChannelDirection.values()) {
                if (name.startsWith(direction.prefix())) {
                    String[] parts = split(name.substring(direction.prefix().length()));
                    if (parts != null) {
                        value(config, name).ifPresent(v -> channels
                                .computeIfAbsent(new ChannelRef(parts[0], direction), k -> new TreeMap<>())
                                .put(parts[1], new Setting(parts[1], name, v.orElse(null))));
                    }
                }
            }
        }
        Map<String, Setting> aliases = new TreeMap<>();
        for (AttributeSpec spec : table.all()) {
            if (spec.alias() != null) {
                value(config, spec.alias()).ifPresent(
                        v -> aliases.put(spec.name(), new Setting(spec.name(), spec.alias(), v.orElse(null))));
            }
        }
        Map<String, Setting> sharedAll = new TreeMap<>(aliases);
        sharedAll.putAll(shared);
        List<ChannelConfig> result = new ArrayList<>();
        result.add(new ChannelConfig(null, null, sharedAll));
        Set<ChannelRef> warren = new TreeSet<>(attached);
        channels.forEach((ref, settings) -> {
            Setting connector = settings.getOrDefault(SmallRyeKeys.CONNECTOR, settings.get(SmallRyeKeys.TYPE));
            if (connector != null && table.connector().equals(connector.value())) {
                warren.add(ref);
            } else if (connector != null && connector.resolved()) {
                // Moved to another connector since the build attached it to Warren (a profile, a run-time
                // override, a test switching it to the in-memory connector): Warren's rules are not for it.
                warren.remove(ref);
            }
        });
        for (ChannelRef ref : warren) {
            Map<String, Setting> merged = new HashMap<>(sharedAll);
            merged.putAll(channels.getOrDefault(ref, Map.of()));
            result.add(new ChannelConfig(ref.channel(), ref.direction(), merged));
        }
        return result;
    }

    /**
     * The configuration SmallRye hands to the connector for one channel: its own keys and the connector-level ones,
     * without the keys SmallRye adds itself.
     */
    public static ChannelConfig fromConnectorConfig(Config channelConfig, ChannelDirection direction) {
        String channel = ChannelNames.base(channelConfig.getOptionalValue(SmallRyeKeys.CHANNEL_NAME, String.class)
                .orElse("?"));
        String prefix = ChannelConfig.prefix(channel, direction);
        Map<String, Setting> settings = new TreeMap<>();
        for (String name : names(channelConfig)) {
            // SmallRye adds channel-name itself, and the upper-case environment-variable forms of each key.
            if (name.equals(SmallRyeKeys.CHANNEL_NAME) || name.equals(SmallRyeKeys.CONNECTOR)
                    || name.chars().noneMatch(Character::isLowerCase)) {
                continue;
            }
            value(channelConfig, name).ifPresent(v -> settings.put(name, new Setting(name, prefix + name, v.orElse(null))));
        }
        return new ChannelConfig(channel, direction, settings);
    }

    private static List<String> names(Config config) {
        List<String> names = new ArrayList<>();
        for (String name : config.getPropertyNames()) {
            if (!name.startsWith("%")) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    /** {@code channel} and {@code attribute} of {@code orders.queue.name} or {@code "my.channel".queue.name}. */
    static String[] split(String rest) {
        String channel;
        String attribute;
        if (rest.startsWith("\"")) {
            int end = rest.indexOf('"', 1);
            if (end < 0 || end + 2 > rest.length() || rest.charAt(end + 1) != '.') {
                return null;
            }
            channel = rest.substring(1, end);
            attribute = rest.substring(end + 2);
        } else {
            int dot = rest.indexOf('.');
            if (dot <= 0) {
                return null;
            }
            channel = rest.substring(0, dot);
            attribute = rest.substring(dot + 1);
        }
        return attribute.isEmpty() ? null : new String[] { channel, attribute };
    }

    /**
     * The value of a property: empty when it is not set (or set to an empty value, which MicroProfile Config reads
     * as not set); an empty inner Optional when it is set but cannot be resolved yet, such as an expression whose
     * variable only exists at run time.
     */
    private static Optional<Optional<String>> value(Config config, String name) {
        Optional<Optional<String>> unresolved = Optional.of(Optional.empty());
        try {
            Optional<String> v = config.getOptionalValue(name, String.class);
            if (v.isPresent()) {
                return Optional.of(v);
            }
            // Not set, set to "", or an expression that cannot be expanded yet: only the raw value tells.
            ConfigValue raw = config.getConfigValue(name);
            return raw.getRawValue() != null && raw.getRawValue().contains("${") ? unresolved : Optional.empty();
        } catch (RuntimeException e) {
            return unresolved;
        }
    }
}
