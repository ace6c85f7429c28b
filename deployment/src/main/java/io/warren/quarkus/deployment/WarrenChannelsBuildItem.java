package io.warren.quarkus.deployment;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.builder.item.SimpleBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorManagedChannelBuildItem;
import io.warren.connector.WarrenConnector;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;

/**
 * The application's channels as the build sees them, scanned once for every processor: the channels Quarkus attached
 * to Warren, and where the code uses each channel (of any connector) with what payload type. Both are sorted, so
 * that what the build steps produce from them does not depend on discovery order.
 */
public final class WarrenChannelsBuildItem extends SimpleBuildItem {

    private final List<ChannelRef> warren;
    private final ChannelUsages usages;

    WarrenChannelsBuildItem(List<ChannelRef> warren, ChannelUsages usages) {
        this.warren = List.copyOf(warren);
        this.usages = usages;
    }

    /** The channels managed by Warren that the code uses, sorted. */
    public List<ChannelRef> warren() {
        return warren;
    }

    /** The names of Warren's incoming channels, sorted. */
    public Set<String> warrenIncoming() {
        TreeSet<String> names = new TreeSet<>();
        warren.stream().filter(c -> c.direction() == ChannelDirection.INCOMING).forEach(c -> names.add(c.channel()));
        return names;
    }

    /** Every use of every channel in the code, by channel. */
    ChannelUsages usages() {
        return usages;
    }

    /** Of the channels Quarkus attached to a connector, those on Warren, sorted. */
    static List<ChannelRef> warrenChannels(List<ConnectorManagedChannelBuildItem> channels) {
        TreeSet<ChannelRef> refs = new TreeSet<>();
        for (ConnectorManagedChannelBuildItem c : channels) {
            if (WarrenConnector.CONNECTOR_NAME.equals(c.getConnector())) {
                refs.add(new ChannelRef(c.getName(),
                        c.isIncoming() ? ChannelDirection.INCOMING : ChannelDirection.OUTGOING));
            }
        }
        return List.copyOf(refs);
    }
}
