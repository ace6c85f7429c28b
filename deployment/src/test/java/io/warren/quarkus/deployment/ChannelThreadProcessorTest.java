package io.warren.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import jakarta.transaction.Transactional;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Outgoing;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.Index;
import org.jboss.jandex.MethodInfo;
import org.junit.jupiter.api.Test;

import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;

/** Which methods run on their Warren channel's thread: a plain function of the signature and the channels. */
class ChannelThreadProcessorTest {

    static class Handlers {
        @Incoming("orders")
        void plain(String s) {
        }

        @Incoming("orders")
        @Outgoing("priced")
        String processor(String s) {
            return s;
        }

        @Incoming("orders")
        @Blocking
        void blocking(String s) {
        }

        @Incoming("orders")
        @io.smallrye.reactive.messaging.annotations.Blocking(ordered = false)
        void unordered(String s) {
        }

        @Incoming("orders")
        @NonBlocking
        void nonBlocking(String s) {
        }

        @Incoming("orders")
        @RunOnVirtualThread
        void virtual(String s) {
        }

        @Incoming("orders")
        @Transactional
        void transactional(String s) {
        }

        @Incoming("orders")
        Uni<Void> async(String s) {
            return Uni.createFrom().voidItem();
        }

        @Incoming("orders")
        CompletionStage<Void> stage(String s) {
            return null;
        }

        @Incoming("kafka-orders")
        void otherConnector(String s) {
        }
    }

    @Transactional
    static class TransactionalHandlers {
        @Incoming("orders")
        void plain(String s) {
        }
    }

    private static final Set<String> WARREN = Set.of("orders", "other-warren");

    private static boolean runs(Class<?> type, String method) throws IOException {
        ClassInfo c = Index.of(type).getClassByName(type);
        MethodInfo m = c.methods().stream().filter(x -> x.name().equals(method)).findFirst().orElseThrow();
        return ChannelThreadProcessor.runsOnChannelThread(m, ChannelUsages.incomingChannels(m), WARREN);
    }

    @Test
    void synchronousSignaturesOnWarrenChannelsRunOnTheChannelThread() throws IOException {
        assertThat(runs(Handlers.class, "plain")).isTrue();
        assertThat(runs(Handlers.class, "processor")).isTrue();
    }

    @Test
    void anExecutionModelChosenByTheUserIsKept() throws IOException {
        for (String m : List.of("blocking", "unordered", "nonBlocking", "virtual", "transactional")) {
            assertThat(runs(Handlers.class, m)).as(m).isFalse();
        }
        assertThat(runs(TransactionalHandlers.class, "plain")).isFalse();
    }

    @Test
    void asynchronousSignaturesAndOtherConnectorsAreLeftAlone() throws IOException {
        assertThat(runs(Handlers.class, "async")).isFalse();
        assertThat(runs(Handlers.class, "stage")).isFalse();
        assertThat(runs(Handlers.class, "otherConnector")).isFalse();
    }
}
