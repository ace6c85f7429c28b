package io.warren.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.Type;

import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.warren.connector.config.ChannelConfig;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;

/**
 * Derives each Warren channel's payload type from the code: sets {@code payload-type} on incoming channels the user
 * left it unset on, and registers the payload classes, and the classes Jackson reaches from them, for reflection in
 * native images.
 */
class PayloadTypeProcessor {

    private static final DeploymentLog LOG = DeploymentLog.of(PayloadTypeProcessor.class);
    /** Types Jackson handles without reflection on them, or that are not payload classes of the application. */
    private static final List<String> NOT_REGISTERED = List.of("java.", "javax.", "jakarta.", "io.vertx.core.json.",
            "com.fasterxml.jackson.");

    @BuildStep
    void payloadTypes(WarrenConfig config, WarrenChannelsBuildItem channels, CombinedIndexBuildItem index,
            BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults,
            BuildProducer<ReflectiveHierarchyBuildItem> reflection) {
        ChannelUsages usages = channels.usages();
        Config userConfig = ConfigProvider.getConfig();
        TreeMap<String, Type> toRegister = new TreeMap<>();
        for (ChannelRef ref : channels.warren()) {
            Optional<Type> payload = usages.payload(ref);
            if (ref.direction() == ChannelDirection.INCOMING) {
                String key = ChannelConfig.prefix(ref.channel(), ref.direction()) + "payload-type";
                Optional<String> userSet = userValue(userConfig, key)
                        .or(() -> userValue(userConfig, ChannelConfig.CONNECTOR_PREFIX + "payload-type"));
                if (userSet.isPresent()) {
                    named(userSet.get(), index.getIndex()).forEach(t -> toRegister.putIfAbsent(t.name().toString(), t));
                } else if (payload.isPresent() && config.detectPayloadTypes()) {
                    String name = PayloadTypes.typeName(payload.get());
                    defaults.produce(new RunTimeConfigurationDefaultBuildItem(key, name));
                    LOG.payloadType(ref.channel(), name);
                }
            }
            for (ChannelUsages.Usage u : usages.all().getOrDefault(ref, List.of())) {
                u.payload().ifPresent(t -> register(t, toRegister));
                u.reply().ifPresent(t -> register(t, toRegister));
            }
        }
        toRegister.forEach((name, type) -> reflection.produce(ReflectiveHierarchyBuildItem.builder(type)
                .index(index.getIndex()).source(PayloadTypeProcessor.class.getSimpleName()).build()));
    }

    private static void register(Type type, TreeMap<String, Type> toRegister) {
        for (Type t : PayloadTypes.classesToRegister(type)) {
            String name = t.name().toString();
            if (NOT_REGISTERED.stream().noneMatch(name::startsWith)) {
                toRegister.putIfAbsent(name, t);
            }
        }
    }

    /** The application classes a configured {@code payload-type} names. */
    private static List<Type> named(String typeName, IndexView index) {
        List<Type> types = new ArrayList<>();
        for (String part : typeName.split("[<>,\\s]+")) {
            if (!part.isBlank() && index.getClassByName(DotName.createSimple(part.trim())) != null
                    && NOT_REGISTERED.stream().noneMatch(part.trim()::startsWith)) {
                types.add(Type.create(DotName.createSimple(part.trim()), Type.Kind.CLASS));
            }
        }
        return types;
    }

    /** The value the user set, if any; a value that cannot be resolved yet counts as set. */
    private static Optional<String> userValue(Config config, String key) {
        try {
            return config.getOptionalValue(key, String.class);
        } catch (RuntimeException e) {
            return Optional.of("");
        }
    }
}
