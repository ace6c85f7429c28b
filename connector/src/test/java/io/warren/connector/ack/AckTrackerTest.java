package io.warren.connector.ack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;

import io.warren.connector.connection.ConfinedExecutor;
import io.warren.connector.support.Broker;

/**
 * The ack tracker against a real channel: deliveries are fetched with {@code basic.get}, so the test controls the
 * tags. What the broker still holds as unacknowledged is read back by closing the channel, which returns those
 * messages to the queue.
 */
class AckTrackerTest {

    private Broker broker;
    private Connection connection;
    private Channel channel;
    private ConfinedExecutor owner;
    private String queue;

    @BeforeEach
    void setUp() throws Exception {
        broker = new Broker();
        queue = Broker.unique("acks");
        broker.declareQueue(queue, null);
        ConnectionFactory f = new ConnectionFactory();
        f.setHost(Broker.HOST);
        f.setPort(Broker.PORT);
        connection = f.newConnection("warren-test-acks");
        channel = connection.createChannel();
        owner = new ConfinedExecutor("acks-test");
    }

    @AfterEach
    void tearDown() throws Exception {
        owner.shutdown(1000);
        if (connection.isOpen()) {
            connection.close();
        }
        broker.deleteQueues(queue);
        broker.close();
    }

    /** Fetches {@code n} messages without acking them; returns their tags in delivery order. */
    private List<Long> fetch(int n) throws Exception {
        for (int i = 0; i < n; i++) {
            broker.publishJson(queue, "m-" + i, "{}");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> broker.count(queue) == n);
        List<Long> tags = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            GetResponse r = channel.basicGet(queue, false);
            assertThat(r).isNotNull();
            tags.add(r.getEnvelope().getDeliveryTag());
        }
        return tags;
    }

    private <T> T onOwner(Callable<T> task) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        owner.execute(() -> {
            try {
                result.complete(task.call());
            } catch (Exception e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(10, TimeUnit.SECONDS);
    }

    /** Closes the channel and checks what the broker took back: the deliveries that were never acked. */
    private void assertUnackedAfterClose(int expected) throws Exception {
        channel.close();
        Thread.sleep(200); // the queue takes unacked messages back asynchronously
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(broker.count(queue)).isEqualTo(expected));
    }

    @Test
    void aDeliveryInProgressIsNeverAckedByOthersAndDoesNotHoldThemBack() throws Exception {
        List<Long> tags = fetch(200); // more than the ring's first size, so it grows
        AckTracker tracker = new AckTracker("acks-test", owner, 32, 0, 0);
        int epoch = onOwner(() -> tracker.reset(channel));
        onOwner(() -> {
            tags.forEach(tracker::register);
            return null;
        });
        long inProgress = tags.get(4);
        List<Long> shuffled = new ArrayList<>(tags);
        shuffled.remove(inProgress);
        Collections.shuffle(shuffled, new Random(7));
        onOwner(() -> {
            shuffled.forEach(tag -> tracker.ack(epoch, tag));
            tracker.flush();
            return null;
        });
        assertThat(onOwner(tracker::inProgress)).isEqualTo(1);
        // The done ones behind it are acked one by one once they waited long enough (or filled the window).
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.acked() == 199);
        assertThat(onOwner(tracker::inProgress)).isEqualTo(1);
        // Acking the same tag twice is ignored rather than sent (the broker would close the channel).
        onOwner(() -> {
            tracker.ack(epoch, tags.get(10));
            tracker.flush();
            return null;
        });
        assertThat(channel.isOpen()).isTrue();
        assertUnackedAfterClose(1); // only the one in progress was never acked
    }

    @Test
    void aLongHoldDoesNotMakeTheRingGrowWithEveryDeliveryPassingIt() throws Exception {
        List<Long> tags = fetch(1000);
        AckTracker tracker = new AckTracker("acks-test", owner, 8, 0, 16);
        int epoch = onOwner(() -> tracker.reset(channel));
        long held = tags.get(0);
        onOwner(() -> {
            tracker.register(held);
            for (long tag : tags.subList(1, tags.size())) {
                tracker.register(tag);
                tracker.ack(epoch, tag);
            }
            return null;
        });
        assertThat(tracker.acked()).isGreaterThanOrEqualTo(990);
        assertThat(onOwner(tracker::outstanding)).isLessThan(100); // compacted, not 1,000 slots
        onOwner(() -> {
            tracker.ack(epoch, held);
            tracker.flush();
            return null;
        });
        await().atMost(Duration.ofSeconds(5)).until(() -> tracker.acked() == 1000);
        assertThat(onOwner(tracker::outstanding)).isZero();
        assertUnackedAfterClose(0);
    }

    @Test
    void everythingIsAckedOnceTheLastDeliveryInProgressIsDone() throws Exception {
        List<Long> tags = fetch(150);
        // No timer within the test: only full batches and explicit flushes send acks.
        AckTracker tracker = new AckTracker("acks-test", owner, 16, 60_000, 0);
        int epoch = onOwner(() -> tracker.reset(channel));
        onOwner(() -> {
            // Register a first part, settle some of it, then register the rest: the ring wraps and grows.
            tags.subList(0, 60).forEach(tracker::register);
            tags.subList(0, 50).forEach(tag -> tracker.ack(epoch, tag));
            tags.subList(60, 150).forEach(tracker::register);
            return null;
        });
        onOwner(() -> {
            for (int i = 149; i >= 50; i--) {
                if (i == 77) {
                    assertThat(tracker.nack(epoch, tags.get(i), false)).isTrue();
                } else {
                    tracker.ack(epoch, tags.get(i));
                }
            }
            tracker.flush();
            return null;
        });
        assertThat(onOwner(tracker::outstanding)).isZero();
        assertThat(tracker.acked()).isEqualTo(149);
        assertThat(tracker.ackFrames()).isLessThan(10);
        assertUnackedAfterClose(0); // the nacked one was dropped, not requeued
    }

    @Test
    void tagsWithGapsAreStillFound() throws Exception {
        List<Long> tags = fetch(90);
        AckTracker tracker = new AckTracker("acks-test", owner, 8, 0, 0);
        int epoch = onOwner(() -> tracker.reset(channel));
        List<Long> tracked = new ArrayList<>();
        onOwner(() -> {
            for (long tag : tags) {
                if (tag % 3 == 0) {
                    channel.basicAck(tag, false); // settled outside the tracker: a gap in its tags
                } else {
                    tracker.register(tag);
                    tracked.add(tag);
                }
            }
            return null;
        });
        List<Long> shuffled = new ArrayList<>(tracked);
        Collections.shuffle(shuffled, new Random(11));
        onOwner(() -> {
            shuffled.forEach(tag -> tracker.ack(epoch, tag));
            tracker.flush();
            return null;
        });
        assertThat(tracker.acked()).isEqualTo(60);
        assertThat(onOwner(tracker::outstanding)).isZero();
        assertThat(channel.isOpen()).isTrue();
        assertUnackedAfterClose(0);
    }

    @Test
    void acksOfAnEarlierEpochAreIgnored() throws Exception {
        List<Long> tags = fetch(10);
        AckTracker tracker = new AckTracker("acks-test", owner, 1, 0, 0);
        int old = onOwner(() -> tracker.reset(channel));
        onOwner(() -> {
            tags.forEach(tracker::register);
            return null;
        });
        int current = onOwner(() -> tracker.reset(channel));
        assertThat(current).isNotEqualTo(old);
        onOwner(() -> {
            tags.forEach(tag -> tracker.ack(old, tag));
            return null;
        });
        assertThat(tracker.acked()).isZero();
        assertUnackedAfterClose(10);
    }
}
