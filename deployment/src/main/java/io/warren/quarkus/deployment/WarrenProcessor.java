package io.warren.quarkus.deployment;

import java.util.List;

import org.jboss.jandex.MethodInfo;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanDiscoveryFinishedBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorManagedChannelBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.MediatorBuildItem;
import io.warren.connector.WarrenConnector;
import io.warren.quarkus.runtime.CodecMessageConverter;

/** Registers the feature and the Warren connector bean; scans the channels the other processors share. */
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

    /** Scans the channels once; every processor that needs them consumes the result. */
    @BuildStep
    WarrenChannelsBuildItem channels(List<ConnectorManagedChannelBuildItem> managed, List<MediatorBuildItem> mediators,
            BeanDiscoveryFinishedBuildItem beans) {
        List<MethodInfo> methods = mediators.stream().map(MediatorBuildItem::getMethod).toList();
        return new WarrenChannelsBuildItem(WarrenChannelsBuildItem.warrenChannels(managed),
                ChannelUsages.scan(methods, beans.getInjectionPoints()));
    }
}
