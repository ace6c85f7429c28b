package io.warren.connector.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The ring of publishes awaiting their confirm: order, gaps, growth, and confirms single and multiple. */
class PublishRingTest {

    @Test
    void aMultipleConfirmSettlesTheOldestInOrderAndSkipsWhatWasSettledAlone() {
        PublishRing<String> ring = new PublishRing<>();
        for (long seq = 1; seq <= 200; seq++) { // more than the first capacity: the ring grows
            ring.add(seq, "m" + seq);
        }
        assertThat(ring.remove(3)).isEqualTo("m3");
        assertThat(ring.remove(3)).isNull(); // settled once only
        List<String> settled = new ArrayList<>();
        ring.removeUpTo(5, settled::add);
        assertThat(settled).containsExactly("m1", "m2", "m4", "m5");
        assertThat(ring.size()).isEqualTo(195);
        assertThat(ring.get(6)).isEqualTo("m6");
    }

    @Test
    void gapsLeftByFailedPublishesAreFoundAround() {
        PublishRing<String> ring = new PublishRing<>();
        long[] seqs = { 10, 11, 13, 14, 17, 18 }; // 12, 15 and 16 were never published
        for (long s : seqs) {
            ring.add(s, "m" + s);
        }
        assertThat(ring.get(12)).isNull();
        assertThat(ring.get(17)).isEqualTo("m17");
        assertThat(ring.remove(14)).isEqualTo("m14");
        List<String> settled = new ArrayList<>();
        ring.removeUpTo(16, settled::add);
        assertThat(settled).containsExactly("m10", "m11", "m13");
        assertThat(ring.size()).isEqualTo(2);
    }

    @Test
    void expiredOnesAreRemovedFromAnywhereAndTheRestIsDrainedInOrder() {
        PublishRing<String> ring = new PublishRing<>();
        for (long seq = 1; seq <= 10; seq++) {
            ring.add(seq, "m" + seq);
        }
        List<String> late = new ArrayList<>();
        ring.removeIf(m -> m.equals("m1") || m.equals("m7"), late);
        assertThat(late).containsExactly("m1", "m7");
        // Wraps around the ring: the head moved, new ones go to the front slots.
        for (long seq = 11; seq <= 70; seq++) {
            ring.add(seq, "m" + seq);
        }
        List<String> all = new ArrayList<>();
        ring.clear(all);
        assertThat(all).hasSize(68).startsWith("m2", "m3", "m4", "m5", "m6", "m8").endsWith("m70");
        assertThat(ring.size()).isZero();
    }
}
