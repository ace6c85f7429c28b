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

    /**
     * The exchange a channel uses: the configured name, the default exchange when the configured value is
     * {@code ""} (two double quotes, since an empty value means "not set" in MicroProfile Config), or the channel
     * name when nothing is configured.
     */
    public static String exchange(java.util.Optional<String> configured, String channel) {
        if (configured.isEmpty()) {
            return base(channel);
        }
        String value = configured.get().trim();
        return value.equals("\"\"") ? "" : value;
    }
}
