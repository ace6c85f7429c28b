package io.warren.connector.config;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration of one channel, as read from MicroProfile Config: the settings that apply to it, wherever they
 * were set (on the channel, on {@code mp.messaging.connector.warren}, or through a global alias).
 *
 * @param channel the channel name; null for the settings shared by every Warren channel
 * @param direction the direction; null for the shared settings
 * @param settings the settings by attribute name
 */
public record ChannelConfig(String channel, ChannelDirection direction, Map<String, Setting> settings) {

    /** The prefix of the properties Warren reads for every channel. */
    public static final String CONNECTOR_PREFIX = "mp.messaging.connector.warren.";

    public ChannelConfig {
        settings = Collections.unmodifiableMap(new TreeMap<>(settings));
    }

    /** Whether this holds the settings shared by every channel rather than one channel's. */
    public boolean shared() {
        return channel == null;
    }

    /** The prefix of this channel's own properties, such as {@code mp.messaging.incoming.orders.}. */
    public String prefix() {
        return shared() ? CONNECTOR_PREFIX : prefix(channel, direction);
    }

    /** The prefix of a channel's properties; a channel name with dots is quoted, as MicroProfile Config wants. */
    public static String prefix(String channel, ChannelDirection direction) {
        String name = channel.contains(".") ? "\"" + channel + "\"" : channel;
        return direction.prefix() + name + ".";
    }

    /** The property that sets an attribute here: the one used, or the channel's own when it is not set. */
    public String property(String attribute) {
        Setting s = settings.get(attribute);
        return s != null ? s.property() : prefix() + attribute;
    }

    /** Whether the setting was made for this channel itself, not inherited. */
    public boolean owns(Setting setting) {
        return setting.property().startsWith(prefix());
    }

    /** A short name for messages: {@code incoming channel 'orders'}. */
    public String describe() {
        return shared() ? "every Warren channel" : direction.label() + " channel '" + channel + "'";
    }
}
