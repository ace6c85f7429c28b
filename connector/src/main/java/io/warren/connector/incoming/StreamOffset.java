package io.warren.connector.incoming;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;

/** Parses {@code stream.offset} into the value of the {@code x-stream-offset} consumer argument. */
final class StreamOffset {

    private StreamOffset() {
    }

    /**
     * @return {@code "first"}, {@code "last"} or {@code "next"}; a {@code Long} offset; or a {@code Date}
     * @throws IllegalArgumentException naming the channel and the accepted forms
     */
    static Object parse(String channel, String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (lower.equals("first") || lower.equals("last") || lower.equals("next")) {
            return lower;
        }
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            return Long.parseLong(v);
        }
        try {
            return Date.from(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("Channel '" + channel + "': stream.offset '" + value
                    + "' is not first, last, next, a non-negative offset or an ISO-8601 timestamp such as "
                    + "2026-01-31T12:00:00Z");
        }
    }
}
