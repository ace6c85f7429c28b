package io.warren.connector.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class NameDistanceTest {

    @Test
    void countsEditsAndSwapsOfNeighbours() {
        assertThat(NameDistance.between("queue.name", "queue.name")).isZero();
        assertThat(NameDistance.between("queue.nmae", "queue.name")).isEqualTo(1);
        assertThat(NameDistance.between("queue.nam", "queue.name")).isEqualTo(1);
        assertThat(NameDistance.between("kitten", "sitting")).isEqualTo(3);
        assertThat(NameDistance.between("", "abc")).isEqualTo(3);
    }

    @Test
    void suggestsTheClosestNameOnlyWhenItIsCloseEnough() {
        List<String> names = List.of("queue.name", "queue.durable", "exchange.name");
        assertThat(NameDistance.closest("queue.nmae", names)).contains("queue.name");
        assertThat(NameDistance.closest("exchange.nam", names)).contains("exchange.name");
        assertThat(NameDistance.closest("automatic-recovery-enabled", names)).isEmpty();
        assertThat(NameDistance.closest("dead_letter", List.of("reject", "dead-letter"))).contains("dead-letter");
        assertThat(NameDistance.closest("DEAD-LETTER", List.of("reject", "dead-letter"))).contains("dead-letter");
    }
}
