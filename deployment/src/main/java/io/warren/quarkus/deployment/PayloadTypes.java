package io.warren.quarkus.deployment;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.ParameterizedType;
import org.jboss.jandex.Type;

/**
 * Works out, from a method signature, the type an incoming channel's payload must be converted to.
 * A plain function of Jandex types, so that it can be tested without a build.
 */
final class PayloadTypes {

    static final DotName MESSAGE = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Message");
    static final DotName MULTI = DotName.createSimple("io.smallrye.mutiny.Multi");
    static final DotName UNI = DotName.createSimple("io.smallrye.mutiny.Uni");
    static final DotName RS_PUBLISHER = DotName.createSimple("org.reactivestreams.Publisher");
    static final DotName FLOW_PUBLISHER = DotName.createSimple("java.util.concurrent.Flow$Publisher");
    static final DotName RS_SUBSCRIBER = DotName.createSimple("org.reactivestreams.Subscriber");
    static final DotName FLOW_SUBSCRIBER = DotName.createSimple("java.util.concurrent.Flow$Subscriber");
    static final DotName OBJECT = DotName.createSimple("java.lang.Object");

    private static final Set<DotName> STREAMS = Set.of(MULTI, RS_PUBLISHER, FLOW_PUBLISHER);
    private static final Set<DotName> SUBSCRIBERS = Set.of(RS_SUBSCRIBER, FLOW_SUBSCRIBER);

    private PayloadTypes() {
    }

    /**
     * The payload type an {@code @Incoming} method consumes, or empty when the signature leaves it open
     * (no parameter, {@code Object}, a raw {@code Message}).
     */
    static Optional<Type> incomingPayload(MethodInfo method) {
        Type candidate;
        if (method.parametersCount() > 0) {
            candidate = method.parameterType(0);
        } else if (SUBSCRIBERS.contains(method.returnType().name())) {
            candidate = firstArgument(method.returnType());
        } else {
            return Optional.empty();
        }
        if (candidate != null && STREAMS.contains(candidate.name())) {
            candidate = firstArgument(candidate);
        }
        if (candidate != null && candidate.name().equals(MESSAGE)) {
            candidate = firstArgument(candidate);
        }
        if (candidate == null || candidate.kind() == Type.Kind.TYPE_VARIABLE
                || candidate.kind() == Type.Kind.WILDCARD_TYPE || candidate.kind() == Type.Kind.PRIMITIVE
                || candidate.name().equals(OBJECT)) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    /** The type name Warren's {@code payload-type} attribute takes, e.g. {@code java.util.List<com.acme.Order>}. */
    static String typeName(Type type) {
        if (type.kind() == Type.Kind.ARRAY) {
            return type.name().toString();
        }
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            ParameterizedType p = type.asParameterizedType();
            StringBuilder sb = new StringBuilder(p.name().toString()).append('<');
            List<Type> args = p.arguments();
            for (int i = 0; i < args.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(typeName(args.get(i)));
            }
            return sb.append('>').toString();
        }
        return type.name().toString();
    }

    private static Type firstArgument(Type type) {
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE && !type.asParameterizedType().arguments().isEmpty()) {
            return type.asParameterizedType().arguments().get(0);
        }
        return null;
    }
}
