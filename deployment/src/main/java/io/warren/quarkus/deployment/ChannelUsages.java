package io.warren.quarkus.deployment;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import io.quarkus.arc.processor.InjectionPointInfo;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.connector.validation.CodeFacts;

/**
 * Where the application code uses each channel, and with what payload type: {@code @Incoming} and
 * {@code @Outgoing} methods, and {@code @Channel} injection points (emitters, request-reply emitters, streams).
 */
final class ChannelUsages {

    static final DotName INCOMING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Incoming");
    static final DotName INCOMINGS = DotName.createSimple("io.smallrye.reactive.messaging.annotations.Incomings");
    static final DotName OUTGOING = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Outgoing");
    static final DotName OUTGOINGS = DotName.createSimple("io.smallrye.reactive.messaging.annotations.Outgoings");
    static final DotName CHANNEL = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Channel");
    static final DotName LEGACY_CHANNEL = DotName.createSimple("io.smallrye.reactive.messaging.annotations.Channel");

    /**
     * One use of a channel.
     *
     * @param usedBy the method ({@code com.acme.Pricing#price}) or injection point
     * @param payload the payload type, if the signature tells
     * @param reply the reply type of a request-reply emitter, if any
     */
    record Usage(String usedBy, Optional<Type> payload, Optional<Type> reply) {
    }

    private final Map<ChannelRef, List<Usage>> usages = new TreeMap<>();

    /** Scans methods (given as the method and its channels) and injection points. */
    static ChannelUsages scan(Collection<MethodInfo> methods, Collection<InjectionPointInfo> injectionPoints) {
        ChannelUsages result = new ChannelUsages();
        List<MethodInfo> sorted = new ArrayList<>(methods);
        sorted.sort(Comparator.comparing(ChannelUsages::describe));
        for (MethodInfo m : sorted) {
            for (String channel : channels(m, INCOMING, INCOMINGS)) {
                result.add(channel, ChannelDirection.INCOMING,
                        new Usage(describe(m), PayloadTypes.incomingPayload(m), Optional.empty()));
            }
            for (String channel : channels(m, OUTGOING, OUTGOINGS)) {
                result.add(channel, ChannelDirection.OUTGOING,
                        new Usage(describe(m), PayloadTypes.outgoingPayload(m), Optional.empty()));
            }
        }
        List<InjectionPointInfo> points = new ArrayList<>(injectionPoints);
        points.sort(Comparator.comparing(InjectionPointInfo::getTargetInfo));
        for (InjectionPointInfo ip : points) {
            AnnotationInstance qualifier = ip.getRequiredQualifier(CHANNEL);
            if (qualifier == null) {
                qualifier = ip.getRequiredQualifier(LEGACY_CHANNEL);
            }
            if (qualifier == null || qualifier.value() == null || qualifier.value().asString().isEmpty()) {
                continue;
            }
            Type type = ip.getRequiredType();
            String channel = qualifier.value().asString();
            if (PayloadTypes.isEmitter(type)) {
                result.add(channel, ChannelDirection.OUTGOING, new Usage(ip.getTargetInfo(),
                        PayloadTypes.emitterPayload(type), PayloadTypes.replyType(type)));
            } else {
                result.add(channel, ChannelDirection.INCOMING, new Usage(ip.getTargetInfo(),
                        PayloadTypes.injectedStreamPayload(type), Optional.empty()));
            }
        }
        return result;
    }

    private void add(String channel, ChannelDirection direction, Usage usage) {
        usages.computeIfAbsent(new ChannelRef(channel, direction), k -> new ArrayList<>()).add(usage);
    }

    /** Every use, by channel, sorted. */
    Map<ChannelRef, List<Usage>> all() {
        return usages;
    }

    /** The first payload type found for a channel. */
    Optional<Type> payload(ChannelRef channel) {
        return usages.getOrDefault(channel, List.of()).stream().flatMap(u -> u.payload().stream()).findFirst();
    }

    /** What the validator needs to know about the code, for every channel used. */
    Map<ChannelRef, CodeFacts> facts() {
        Map<ChannelRef, CodeFacts> facts = new TreeMap<>();
        usages.forEach((ref, list) -> {
            Usage first = list.stream().filter(u -> u.payload().isPresent()).findFirst().orElse(list.get(0));
            Boolean takesList = first.payload().map(PayloadTypes::isList).orElse(null);
            facts.put(ref, new CodeFacts(first.usedBy(), first.payload().map(PayloadTypes::typeName).orElse(null),
                    takesList));
        });
        return facts;
    }

    static String describe(MethodInfo m) {
        return m.declaringClass().name() + "#" + m.name();
    }

    /** The channels an {@code @Incoming} (or {@code @Incomings}) method consumes, in declaration order. */
    static List<String> incomingChannels(MethodInfo m) {
        return channels(m, INCOMING, INCOMINGS);
    }

    private static List<String> channels(MethodInfo m, DotName single, DotName repeated) {
        List<String> names = new ArrayList<>();
        AnnotationInstance one = m.annotation(single);
        if (one != null && one.value() != null) {
            names.add(one.value().asString());
        }
        AnnotationInstance many = m.annotation(repeated);
        if (many != null && many.value() != null) {
            for (AnnotationInstance a : many.value().asNestedArray()) {
                names.add(a.value().asString());
            }
        }
        return names;
    }
}
