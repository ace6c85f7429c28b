package io.warren.connector;

/** Channel name helpers. */
public final class ChannelNames {

    private ChannelNames() {
    }

    /**
     * The configured channel name without the {@code $N} suffix SmallRye adds to each copy of a channel with
     * {@code concurrency=N}, so that every copy defaults to the same queue and exchange.
     */
    public static String base(String channel) {
        int i = channel.lastIndexOf('$');
        if (i > 0 && i < channel.length() - 1 && channel.substring(i + 1).chars().allMatch(Character::isDigit)) {
            return channel.substring(0, i);
        }
        return channel;
    }
}
