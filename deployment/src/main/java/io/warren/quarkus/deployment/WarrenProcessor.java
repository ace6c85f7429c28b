package io.warren.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.jboss.jandex.MethodInfo;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorManagedChannelBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.MediatorBuildItem;
import io.warren.connector.WarrenConnector;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.quarkus.runtime.CodecMessageConverter;

/** Registers the feature and the Warren connector bean; holds what the other processors share. */
class WarrenProcessor {

    static final String FEATURE = "warren";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem connectorBean() {
        return AdditionalBeanBuildItem.unremovableOf(WarrenConnector.class);
    }

    /** Warren's codecs for the raw payloads of other connectors' channels, so that a channel can move. */
    @BuildStep
    AdditionalBeanBuildItem otherConnectorsConverter() {
        return AdditionalBeanBuildItem.unremovableOf(CodecMessageConverter.class);
    }

    /** The channels managed by Warren that the code uses, sorted. */
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

    /** The methods of the mediators. */
    static List<MethodInfo> methods(List<MediatorBuildItem> mediators) {
        List<MethodInfo> methods = new ArrayList<>();
        mediators.forEach(m -> methods.add(m.getMethod()));
        return methods;
    }
}
