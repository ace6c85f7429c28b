package io.warren.quarkus.deployment;

import java.util.List;

import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorManagedChannelBuildItem;
import io.warren.connector.config.ChannelRef;

/** Access for tests in other packages to the build's choice of Warren channels. */
public final class Channels {

    private Channels() {
    }

    /** The channels the build decides for: {@link WarrenChannelsBuildItem#warrenChannels}. */
    public static List<ChannelRef> warren(List<ConnectorManagedChannelBuildItem> managed) {
        return WarrenChannelsBuildItem.warrenChannels(managed);
    }
}
