package io.warren.it;

/**
 * A meter reading, sent as {@code meter,value} by {@link CsvLineCodec}.
 *
 * @param meter the meter
 * @param value what it read
 */
public record Reading(String meter, long value) implements LineRecord {
}
