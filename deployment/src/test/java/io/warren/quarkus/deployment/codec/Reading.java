package io.warren.quarkus.deployment.codec;

/** A sensor reading, sent as {@code sensor,value}. */
public record Reading(String sensor, int value) implements CsvRow {
}
