package io.warren.quarkus.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.ParameterizedType;
import org.jboss.jandex.Type;

/**
 * Works out, from signatures, the payload type of a channel: what an {@code @Incoming} method consumes, what an
 * {@code @Outgoing} method produces, what an emitter sends and a request-reply emitter receives. Plain functions of
 * Jandex types, so that they can be tested without a build.
 */
final class PayloadTypes {

    static final DotName MESSAGE = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Message");
    static final DotName MULTI = DotName.createSimple("io.smallrye.mutiny.Multi");
    static final DotName UNI = DotName.createSimple("io.smallrye.mutiny.Uni");
    static final DotName COMPLETION_STAGE = DotName.createSimple("java.util.concurrent.CompletionStage");
    static final DotName COMPLETABLE_FUTURE = DotName.createSimple("java.util.concurrent.CompletableFuture");
    static final DotName RS_PUBLISHER = DotName.createSimple("org.reactivestreams.Publisher");
    static final DotName FLOW_PUBLISHER = DotName.createSimple("java.util.concurrent.Flow$Publisher");
    static final DotName PUBLISHER_BUILDER = DotName
            .createSimple("org.eclipse.microprofile.reactive.streams.operators.PublisherBuilder");
    static final DotName RS_SUBSCRIBER = DotName.createSimple("org.reactivestreams.Subscriber");
    static final DotName FLOW_SUBSCRIBER = DotName.createSimple("java.util.concurrent.Flow$Subscriber");
    static final DotName EMITTER = DotName.createSimple("org.eclipse.microprofile.reactive.messaging.Emitter");
    static final DotName MUTINY_EMITTER = DotName.createSimple("io.smallrye.reactive.messaging.MutinyEmitter");
    static final DotName REQUEST_REPLY_EMITTER = DotName
            .createSimple("io.warren.connector.reply.RequestReplyEmitter");
    static final DotName OBJECT = DotName.createSimple("java.lang.Object");
    static final DotName VOID = DotName.createSimple("java.lang.Void");

    private static final Set<DotName> STREAMS = Set.of(MULTI, RS_PUBLISHER, FLOW_PUBLISHER, PUBLISHER_BUILDER);
    private static final Set<DotName> SUBSCRIBERS = Set.of(RS_SUBSCRIBER, FLOW_SUBSCRIBER);
    private static final Set<DotName> ASYNC = Set.of(UNI, COMPLETION_STAGE, COMPLETABLE_FUTURE);
    private static final Set<DotName> EMITTERS = Set.of(EMITTER, MUTINY_EMITTER);
    private static final Set<DotName> LISTS = Set.of(DotName.createSimple("java.util.List"),
            DotName.createSimple("java.util.Collection"), DotName.createSimple("java.lang.Iterable"));

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
        return payload(unwrap(candidate, STREAMS));
    }

    /** The payload type an {@code @Outgoing} method produces, or empty when the signature leaves it open. */
    static Optional<Type> outgoingPayload(MethodInfo method) {
        Type candidate = method.returnType();
        if (candidate.kind() == Type.Kind.VOID) {
            return Optional.empty();
        }
        candidate = unwrap(candidate, STREAMS);
        candidate = unwrap(candidate, ASYNC);
        return payload(candidate);
    }

    /** The payload an injected {@code Multi<T>}, {@code Publisher<T>} or {@code Multi<Message<T>>} receives. */
    static Optional<Type> injectedStreamPayload(Type injected) {
        if (!STREAMS.contains(injected.name())) {
            return Optional.empty();
        }
        return payload(firstArgument(injected));
    }

    /** Whether an injection point of this type sends to an outgoing channel. */
    static boolean isEmitter(Type injected) {
        return EMITTERS.contains(injected.name()) || REQUEST_REPLY_EMITTER.equals(injected.name());
    }

    /** What an injected {@code Emitter<T>}, {@code MutinyEmitter<T>} or {@code RequestReplyEmitter<T, R>} sends. */
    static Optional<Type> emitterPayload(Type injected) {
        return isEmitter(injected) ? payload(firstArgument(injected)) : Optional.empty();
    }

    /** The reply type of an injected {@code RequestReplyEmitter<T, R>}. */
    static Optional<Type> replyType(Type injected) {
        if (!REQUEST_REPLY_EMITTER.equals(injected.name()) || injected.kind() != Type.Kind.PARAMETERIZED_TYPE
                || injected.asParameterizedType().arguments().size() != 2) {
            return Optional.empty();
        }
        return payload(injected.asParameterizedType().arguments().get(1));
    }

    /** Whether the type is a list of payloads, as a batch method takes. */
    static boolean isList(Type type) {
        return LISTS.contains(type.name());
    }

    /**
     * The classes to register for reflection for a payload type: the type itself, or the element types of a
     * parameterized container such as {@code List<Order>} or {@code Map<String, Order>}.
     */
    static List<Type> classesToRegister(Type type) {
        List<Type> result = new ArrayList<>();
        collect(type, result);
        return result;
    }

    private static void collect(Type type, List<Type> out) {
        switch (type.kind()) {
            case CLASS -> out.add(type);
            case ARRAY -> collect(type.asArrayType().elementType(), out);
            case PARAMETERIZED_TYPE -> {
                out.add(Type.create(type.name(), Type.Kind.CLASS));
                type.asParameterizedType().arguments().forEach(a -> collect(a, out));
            }
            default -> {
            }
        }
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

    private static Type unwrap(Type type, Set<DotName> wrappers) {
        return type != null && wrappers.contains(type.name()) ? firstArgument(type) : type;
    }

    /** Strips a {@code Message<...>}; empty when what is left says nothing about the payload. */
    private static Optional<Type> payload(Type candidate) {
        if (candidate != null && candidate.name().equals(MESSAGE)) {
            candidate = firstArgument(candidate);
        }
        if (candidate == null || candidate.kind() == Type.Kind.TYPE_VARIABLE
                || candidate.kind() == Type.Kind.WILDCARD_TYPE || candidate.kind() == Type.Kind.PRIMITIVE
                || candidate.kind() == Type.Kind.VOID || candidate.name().equals(OBJECT)
                || candidate.name().equals(VOID)) {
            return Optional.empty();
        }
        return Optional.of(candidate);
    }

    private static Type firstArgument(Type type) {
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE && !type.asParameterizedType().arguments().isEmpty()) {
            return type.asParameterizedType().arguments().get(0);
        }
        return null;
    }
}
