package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.warren.connector.config.ChannelDirection;
import io.warren.connector.config.ChannelRef;
import io.warren.connector.reply.RequestReplyEmitter;
import io.warren.connector.validation.CodeFacts;

/** Payload types from signatures, as plain functions of a Jandex index. */
class PayloadTypesTest {

    @SuppressWarnings("unused")
    static class Signatures {
        @Incoming("a") void plain(Order o) { }
        @Incoming("b") CompletionStage<Void> message(Message<Order> m) { return null; }
        @Incoming("c") void batch(List<Order> orders) { }
        @Incoming("d") @Outgoing("d-out") Multi<Message<String>> stream(Multi<Order> in) { return null; }
        @Incoming("e") void raw(Message<?> m) { }
        @Incoming("f") void object(Object o) { }
        @Outgoing("g") Uni<Order> uni() { return null; }
        @Outgoing("h") Order single() { return null; }
        @Outgoing("i") CompletionStage<Message<Order>> async() { return null; }
        @Incoming("j") void batchMessage(Message<List<Order>> m) { }
        Emitter<Order> emitter;
        MutinyEmitter<Map<String, Order>> mutiny;
        RequestReplyEmitter<Order, String> requests;
        Multi<Message<Order>> injected;
    }

    private final ClassInfo signatures;

    PayloadTypesTest() throws IOException {
        signatures = Index.of(Signatures.class).getClassByName(DotName.createSimple(Signatures.class.getName()));
    }

    private MethodInfo method(String name) {
        return signatures.methods().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }

    private Type field(String name) {
        return signatures.field(name).type();
    }

    private static String name(Optional<Type> t) {
        return t.map(PayloadTypes::typeName).orElse(null);
    }

    @Test
    void incomingMethods() {
        assertThat(name(PayloadTypes.incomingPayload(method("plain")))).isEqualTo(Order.class.getName());
        assertThat(name(PayloadTypes.incomingPayload(method("message")))).isEqualTo(Order.class.getName());
        assertThat(name(PayloadTypes.incomingPayload(method("batch")))).isEqualTo("java.util.List<" + Order.class.getName() + ">");
        assertThat(name(PayloadTypes.incomingPayload(method("batchMessage")))).isEqualTo("java.util.List<" + Order.class.getName() + ">");
        assertThat(name(PayloadTypes.incomingPayload(method("stream")))).isEqualTo(Order.class.getName());
        assertThat(PayloadTypes.incomingPayload(method("raw"))).isEmpty();
        assertThat(PayloadTypes.incomingPayload(method("object"))).isEmpty();
    }

    @Test
    void outgoingMethods() {
        assertThat(name(PayloadTypes.outgoingPayload(method("uni")))).isEqualTo(Order.class.getName());
        assertThat(name(PayloadTypes.outgoingPayload(method("single")))).isEqualTo(Order.class.getName());
        assertThat(name(PayloadTypes.outgoingPayload(method("async")))).isEqualTo(Order.class.getName());
        assertThat(name(PayloadTypes.outgoingPayload(method("stream")))).isEqualTo("java.lang.String");
    }

    @Test
    void injectionPoints() {
        assertThat(name(PayloadTypes.emitterPayload(field("emitter")))).isEqualTo(Order.class.getName());
        assertThat(name(PayloadTypes.emitterPayload(field("mutiny"))))
                .isEqualTo("java.util.Map<java.lang.String," + Order.class.getName() + ">");
        assertThat(name(PayloadTypes.emitterPayload(field("requests")))).isEqualTo(Order.class.getName());
        assertThat(name(PayloadTypes.replyType(field("requests")))).isEqualTo("java.lang.String");
        assertThat(PayloadTypes.replyType(field("emitter"))).isEmpty();
        assertThat(name(PayloadTypes.injectedStreamPayload(field("injected")))).isEqualTo(Order.class.getName());
        assertThat(PayloadTypes.isEmitter(field("injected"))).isFalse();
    }

    @Test
    void containersRegisterTheirElementTypes() {
        assertThat(PayloadTypes.classesToRegister(field("mutiny").asParameterizedType().arguments().get(0)))
                .extracting(t -> t.name().toString())
                .containsExactly("java.util.Map", "java.lang.String", Order.class.getName());
    }

    @Test
    void theScanTellsTheValidatorWhichMethodsTakeLists() {
        ChannelUsages usages = ChannelUsages.scan(signatures.methods(), List.of());
        Map<ChannelRef, CodeFacts> facts = usages.facts();
        assertThat(facts.get(new ChannelRef("a", ChannelDirection.INCOMING)))
                .isEqualTo(new CodeFacts(Signatures.class.getName() + "#plain", Order.class.getName(), false));
        assertThat(facts.get(new ChannelRef("c", ChannelDirection.INCOMING)).takesList()).isTrue();
        assertThat(facts.get(new ChannelRef("j", ChannelDirection.INCOMING)).takesList()).isTrue();
        assertThat(facts.get(new ChannelRef("e", ChannelDirection.INCOMING)).takesList()).isNull();
        assertThat(facts.get(new ChannelRef("d-out", ChannelDirection.OUTGOING)).payloadType())
                .isEqualTo("java.lang.String");
        assertThat(facts).doesNotContainKey(new ChannelRef("a", ChannelDirection.OUTGOING));
    }
}
