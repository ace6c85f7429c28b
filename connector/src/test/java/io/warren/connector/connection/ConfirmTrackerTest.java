package io.warren.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.ConfirmListener;
import com.rabbitmq.client.Return;
import com.rabbitmq.client.ReturnCallback;

/**
 * The confirm tracker without a broker: a stand-in channel numbers the publishes and hands the test the listeners
 * the tracker registers, so the test plays the broker's confirms, nacks and returns in the order it chooses.
 */
class ConfirmTrackerTest {

    private final ConfinedExecutor owner = new ConfinedExecutor("confirms-test");
    private final List<String> outcomes = new CopyOnWriteArrayList<>();
    private final AtomicInteger confirmFrames = new AtomicInteger();
    private final ConfirmTracker<String> tracker = new ConfirmTracker<>(owner,
            (p, failure) -> outcomes.add(p.item + (failure == null ? ":ok" : ":" + failure)),
            confirmFrames::incrementAndGet);

    @AfterEach
    void tearDown() {
        owner.shutdown(1000);
    }

    /** What the tracker registered on the stand-in channel, and what it published there. */
    private static final class FakeChannel {
        ConfirmListener confirms;
        ReturnCallback returns;
        long nextSeq = 1;
        final List<AMQP.BasicProperties> published = new ArrayList<>();
        final Channel channel = (Channel) Proxy.newProxyInstance(Channel.class.getClassLoader(),
                new Class<?>[] { Channel.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "addConfirmListener" -> confirms = (ConfirmListener) args[0];
                        case "addReturnListener" -> returns = (ReturnCallback) args[0];
                        case "getNextPublishSeqNo" -> {
                            return nextSeq;
                        }
                        case "basicPublish" -> {
                            published.add((AMQP.BasicProperties) args[args.length - 2]);
                            nextSeq++;
                        }
                        case "hashCode" -> {
                            return System.identityHashCode(proxy);
                        }
                        case "equals" -> {
                            return proxy == args[0];
                        }
                        default -> {
                        }
                    }
                    return null;
                });
    }

    private FakeChannel attached() {
        FakeChannel fake = new FakeChannel();
        owner.callOnOwner(() -> {
            try {
                tracker.attach(fake.channel);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 5000);
        return fake;
    }

    private void publish(FakeChannel fake, String item, boolean mandatory) {
        owner.callOnOwner(() -> {
            try {
                tracker.publish(fake.channel, "x", "key", mandatory,
                        new AMQP.BasicProperties.Builder().messageId(item).headers(Map.of("h", 1)).build(),
                        item.getBytes(StandardCharsets.UTF_8), item, System.nanoTime());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 5000);
    }

    /** Waits until the owner thread has run everything the client callbacks handed it. */
    private void settle() {
        owner.callOnOwner(() -> {
        }, 5000);
    }

    @Test
    void aMultipleConfirmSettlesEveryPublishUpToItsTagInOrderAndANackFailsOnlyItsOwn() throws Exception {
        FakeChannel fake = attached();
        for (String item : List.of("a", "b", "c", "d")) {
            publish(fake, item, false);
        }
        fake.confirms.handleNack(2, false);
        fake.confirms.handleAck(3, true);
        settle();
        assertThat(outcomes).hasSize(3);
        assertThat(outcomes.get(0)).startsWith("b:").contains("nacked");
        assertThat(outcomes.subList(1, 3)).containsExactly("a:ok", "c:ok");
        assertThat(confirmFrames).hasValue(2);
        assertThat(tracker.size()).isEqualTo(1);
        // Not mandatory: the properties go out as given, without the sequence header.
        assertThat(fake.published.get(0).getHeaders()).containsOnlyKeys("h");
    }

    @Test
    void aReturnIsPairedByTheSequenceHeaderAndFailsThatPublishWhenItsConfirmComes() throws Exception {
        FakeChannel fake = attached();
        publish(fake, "kept", true);
        publish(fake, "returned", true);
        AMQP.BasicProperties wire = fake.published.get(1);
        assertThat(wire.getHeaders()).containsEntry("h", 1).containsEntry(ConfirmTracker.SEQUENCE_HEADER, 2L);
        fake.returns.handle(new Return(312, "NO_ROUTE", "x", "key", wire, new byte[0]));
        fake.confirms.handleAck(2, true);
        settle();
        assertThat(outcomes).containsExactly("kept:ok",
                "returned:unroutable: exchange 'x' has no queue bound for routing key 'key' (312 NO_ROUTE)");
        assertThat(tracker.isEmpty()).isTrue();
    }

    @Test
    void confirmsOfAReplacedChannelAreIgnoredAndItsPublishesAreDrainedInOrder() throws Exception {
        FakeChannel first = attached();
        publish(first, "one", false);
        publish(first, "two", false);
        List<ConfirmTracker.Pending<String>> drained = new ArrayList<>();
        owner.callOnOwner(() -> drained.addAll(tracker.drain()), 5000);
        assertThat(drained).extracting(p -> p.item).containsExactly("one", "two");
        FakeChannel second = attached();
        publish(second, "three", false);
        first.confirms.handleAck(5, true); // late frames of the lost channel
        settle();
        assertThat(outcomes).isEmpty();
        second.confirms.handleAck(1, false);
        settle();
        assertThat(outcomes).containsExactly("three:ok");
    }

    @Test
    void expiredPublishesAreTakenOutWhereverTheyAre() throws Exception {
        FakeChannel fake = attached();
        publish(fake, "old", false);
        long cut = System.nanoTime();
        publish(fake, "new", false);
        List<ConfirmTracker.Pending<String>> expired = new ArrayList<>();
        owner.callOnOwner(() -> expired.addAll(tracker.expired(sentAt -> sentAt <= cut)), 5000);
        assertThat(expired).extracting(p -> p.item).containsExactly("old");
        assertThat(tracker.size()).isEqualTo(1);
    }
}
