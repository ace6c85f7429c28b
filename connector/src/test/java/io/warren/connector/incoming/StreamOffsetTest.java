package io.warren.connector.incoming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code stream.offset} as written by a user, and what goes into the {@code x-stream-offset} argument. */
class StreamOffsetTest {

    @Test
    void namedOffsetsAreReadWithoutCaseOrSurroundingSpace() {
        assertThat(StreamOffset.parse("c", "first")).isEqualTo("first");
        assertThat(StreamOffset.parse("c", " LAST ")).isEqualTo("last");
        assertThat(StreamOffset.parse("c", "Next")).isEqualTo("next");
    }

    @Test
    void digitsAreAnOffsetAndATimestampIsADate() {
        assertThat(StreamOffset.parse("c", "0")).isEqualTo(0L);
        assertThat(StreamOffset.parse("c", "5000000000")).isEqualTo(5_000_000_000L);
        assertThat(StreamOffset.parse("c", "2026-01-31T12:00:00Z"))
                .isEqualTo(Date.from(Instant.parse("2026-01-31T12:00:00Z")));
        // An offset from UTC is honoured: the same instant.
        assertThat(StreamOffset.parse("c", "2026-01-31T13:00:00+01:00"))
                .isEqualTo(Date.from(Instant.parse("2026-01-31T12:00:00Z")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  ", "-1", "1.5", "99999999999999999999", "yesterday", "2026-01-31", "firstly" })
    void anythingElseIsRefusedNamingTheChannelAndTheAcceptedForms(String value) {
        assertThatThrownBy(() -> StreamOffset.parse("orders-in", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("WARREN002200: Channel 'orders-in': stream.offset '" + value + "' is not " + StreamOffset.FORMS);
    }
}
