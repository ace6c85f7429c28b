package io.warren.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.jboss.logging.Logger;

import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.ConnectorManagedChannelBuildItem;
import io.quarkus.smallrye.reactivemessaging.deployment.items.MediatorBuildItem;
import io.warren.connector.WarrenConnector;
import io.warren.quarkus.runtime.WarrenConfig;

/** Registers the Warren connector and derives each incoming channel's payload type from the code. */
class WarrenProcessor {

    static final String FEATURE = "warren";
    private static final Logger LOG = Logger.getLogger(WarrenProcessor.class);
    private static final DotName INCOMING = DotName
            .createSimple("org.eclipse.microprofile.reactive.messaging.Incoming");
    private static final DotName INCOMINGS = DotName
            .createSimple("io.smallrye.reactive.messaging.annotations.Incomings");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem connectorBean() {
        return AdditionalBeanBuildItem.unremovableOf(WarrenConnector.class);
    }

    /**
     * Sets {@code payload-type} as a default for each Warren incoming channel from the consuming method's
     * signature. A default never overrides a value the user set, at build time or at run time.
     */
    @BuildStep
    void payloadTypes(WarrenConfig config, List<ConnectorManagedChannelBuildItem> channels,
            List<MediatorBuildItem> mediators, BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults,
            BuildProducer<ReflectiveHierarchyBuildItem> reflection) {
        if (!config.detectPayloadTypes()) {
            return;
        }
        Map<String, Type> types = detect(warrenIncomingChannels(channels), mediators);
        Config userConfig = ConfigProvider.getConfig();
        for (Map.Entry<String, Type> e : types.entrySet()) {
            String key = "mp.messaging.incoming." + e.getKey() + ".payload-type";
            String name = PayloadTypes.typeName(e.getValue());
            if (userConfig.getOptionalValue(key, String.class).isEmpty()) {
                defaults.produce(new RunTimeConfigurationDefaultBuildItem(key, name));
                LOG.debugf("Channel '%s': payload type %s", e.getKey(), name);
            }
            reflection.produce(ReflectiveHierarchyBuildItem.builder(e.getValue())
                    .source(WarrenProcessor.class.getSimpleName() + " > " + e.getKey()).build());
        }
    }

    static List<String> warrenIncomingChannels(List<ConnectorManagedChannelBuildItem> channels) {
        List<String> names = new ArrayList<>();
        for (ConnectorManagedChannelBuildItem c : channels) {
            if (c.isIncoming() && WarrenConnector.CONNECTOR_NAME.equals(c.getConnector())) {
                names.add(c.getName());
            }
        }
        return names;
    }

    /** Channel name to payload type, sorted by channel so that the output is reproducible. */
    static Map<String, Type> detect(List<String> channels, List<MediatorBuildItem> mediators) {
        Map<String, Type> result = new TreeMap<>();
        for (MediatorBuildItem m : mediators) {
            for (String channel : incomingChannels(m.getMethod())) {
                if (channels.contains(channel)) {
                    Optional<Type> type = PayloadTypes.incomingPayload(m.getMethod());
                    type.ifPresent(t -> result.putIfAbsent(channel, t));
                }
            }
        }
        return result;
    }

    /** The channels an {@code @Incoming} (or {@code @Incomings}) method consumes, in declaration order. */
    static List<String> incomingChannels(MethodInfo method) {
        List<String> names = new ArrayList<>();
        AnnotationInstance single = method.annotation(INCOMING);
        if (single != null) {
            names.add(single.value().asString());
        }
        AnnotationInstance many = method.annotation(INCOMINGS);
        if (many != null) {
            for (AnnotationInstance a : many.value().asNestedArray()) {
                names.add(a.value().asString());
            }
        }
        return names;
    }
}
