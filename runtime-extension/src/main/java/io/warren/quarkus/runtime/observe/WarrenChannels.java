package io.warren.quarkus.runtime.observe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.warren.connector.ChannelNames;
import io.warren.connector.observe.ChannelCounters;
import io.warren.connector.observe.ChannelObserver;
import io.warren.connector.observe.ChannelStatus;
import io.warren.connector.observe.ObservedChannel;
import io.warren.connector.observe.ObserverFactory;

/**
 * Every Warren channel of the application with its state and counters: what the startup health check, the Dev UI
 * and the metrics read. Each channel gets the least that is needed: its Micrometer meters when metrics are on; plain
 * counters in dev mode (for the Dev UI); only its connection state when a health check needs it; otherwise nothing
 * at all ({@link ChannelObserver#NONE}).
 */
@Singleton
public class WarrenChannels implements ObserverFactory {

    private final ObservationSetup setup;
    private final ChannelMeters meters;
    private final Map<String, ChannelStatus> channels = new ConcurrentHashMap<>();

    @Inject
    public WarrenChannels(ObservationSetup setup, Instance<ChannelMeters> meters) {
        this.setup = setup;
        this.meters = meters.isResolvable() && meters.get().enabled() ? meters.get() : null;
    }

    @Override
    public ChannelObserver observe(ObservedChannel channel) {
        ChannelStatus status;
        if (meters != null) {
            status = meters.register(channel);
        } else if (setup.countAlways()) {
            status = new ChannelCounters(channel);
        } else if (setup.statusNeeded()) {
            status = new ChannelStatus(channel);
        } else {
            return ChannelObserver.NONE;
        }
        channels.put(key(channel.incoming(), channel.name()), status);
        return status;
    }

    /** The channels created so far, incoming first, by name. */
    public List<ChannelStatus> all() {
        List<ChannelStatus> all = new ArrayList<>(channels.values());
        all.sort(Comparator.comparing((ChannelStatus s) -> !s.channel().incoming()).thenComparing(s -> s.channel().name()));
        return all;
    }

    /**
     * The channels the build found, each with the copies created for it ({@code concurrency=N} makes N copies named
     * {@code name$1...}); a channel not created yet has none.
     */
    public Map<String, List<ChannelStatus>> expected() {
        Map<String, List<ChannelStatus>> byKey = new java.util.TreeMap<>();
        for (String key : setup.channels()) {
            byKey.put(key, new ArrayList<>());
        }
        for (ChannelStatus s : channels.values()) {
            String key = key(s.channel().incoming(), ChannelNames.base(s.channel().name()));
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
        }
        return byKey;
    }

    /** {@code incoming:name} or {@code outgoing:name}. */
    public static String key(boolean incoming, String channel) {
        return (incoming ? "incoming:" : "outgoing:") + channel;
    }
}
