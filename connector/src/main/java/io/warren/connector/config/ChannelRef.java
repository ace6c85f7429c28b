package io.warren.connector.config;

/**
 * A channel by name and direction.
 *
 * @param channel the channel name
 * @param direction the direction
 */
public record ChannelRef(String channel, ChannelDirection direction) implements Comparable<ChannelRef> {

    @Override
    public int compareTo(ChannelRef o) {
        int c = channel.compareTo(o.channel);
        return c != 0 ? c : direction.compareTo(o.direction);
    }
}
