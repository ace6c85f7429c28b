package io.warren.connector.incoming;

import static io.warren.connector.log.ConnectorMessages.MSG;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;
import java.util.Locale;

/** Parses {@code stream.offset} into the value of the {@code x-stream-offset} consumer argument. */
public final class StreamOffset {

    /** Start at the first message still in the stream. */
    public static final String FIRST = "first";
    /** Start at the last chunk written to the stream. */
    public static final String LAST = "last";
    /** Start with the next message written to the stream. */
    public static final String NEXT = "next";
    /** The named offsets, compared without case. */
    public static final List<String> NAMED = List.of(FIRST, LAST, NEXT);
    /** What {@code stream.offset} accepts, for error messages. */
    public static final String FORMS = "first, last, next, a non-negative offset or an ISO-8601 timestamp such as "
            + "2026-01-31T12:00:00Z";

    private StreamOffset() {
    }

    /**
     * @return {@code "first"}, {@code "last"} or {@code "next"}; a {@code Long} offset; or a {@code Date}
     * @throws IllegalArgumentException naming the channel and the accepted forms
     */
    public static Object parse(String channel, String value) {
        String v = value.trim();
        String lower = v.toLowerCase(Locale.ROOT);
        if (NAMED.contains(lower)) {
            return lower;
        }
        if (!v.isEmpty() && v.chars().allMatch(Character::isDigit)) {
            try {
                return Long.parseLong(v);
            } catch (NumberFormatException e) {
                throw invalid(channel, value);
            }
        }
        try {
            return Date.from(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw invalid(channel, value);
        }
    }

    private static IllegalArgumentException invalid(String channel, String value) {
        return MSG.badStreamOffset(channel, value, FORMS);
    }
}
